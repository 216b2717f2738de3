// One start attempt: the config (or, when it is broken, what can still be read
// from it for the failure screen), KioskApp::create and the "anything to show?"
// check, each failure sorted under its reason code; and the fingerprint of the
// files a setup reads, so a retry happens when one of them changes.
#include "startup.h"

#include "core/lua_data.h"
#include "core/private_files.h"
#include "kiosk_content.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

namespace kiosk {
namespace fs = std::filesystem;

namespace {

std::string absolute_path(const std::string& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    return (ec ? fs::path(path) : absolute).lexically_normal().string();
}

// As the config loader resolves its paths: relative to the config's folder.
std::string resolve(const fs::path& base, const std::string& value) {
    fs::path path = fs::path(value).is_absolute() ? fs::path(value) : base / value;
    path = path.lexically_normal();
    if (!path.has_filename() && path.has_relative_path()) path = path.parent_path();
    return path.string();
}

const DataValue* field(const DataValue& table, std::string_view key, DataKind kind) {
    const DataField* found = table.kind == DataKind::Table ? table.find(key) : nullptr;
    return found && found->value.kind == kind ? &found->value : nullptr;
}

void apply_command_line(const StartRequest& request, StartupSetup& setup) {
    const AppOptions& options = request.options;
    if (!request.data_dir.empty()) setup.data_dir = absolute_path(request.data_dir);
    setup.fullscreen = setup.fullscreen || options.fullscreen;
    if (options.display_index >= 0) setup.display_index = options.display_index;
    if (options.width > 0) setup.width = options.width;
    if (options.height > 0) setup.height = options.height;
}

// A config that does not load still says, often, where the data folder, the
// strings and the font are and whether to go full screen: read what is there,
// value by value, ignoring anything of the wrong type or out of range.
StartupSetup salvage_setup(const StartRequest& request) {
    StartupSetup setup;
    setup.config_path = absolute_path(request.config_path);
    const fs::path base = fs::path(setup.config_path).parent_path();
    setup.strings_file = resolve(base, "../content/strings.lua");
    setup.font_path = FontConfig{}.path;
    DataLoadResult data = load_lua_data_file(request.config_path);
    if (data.ok()) {
        const DataValue& root = *data.root;
        if (const DataValue* dir = field(root, "data_dir", DataKind::String))
            if (!dir->string.empty()) setup.data_dir = resolve(base, dir->string);
        if (const DataValue* file = field(root, "strings_file", DataKind::String))
            if (!file->string.empty()) setup.strings_file = resolve(base, file->string);
        if (const DataValue* window = field(root, "window", DataKind::Table)) {
            if (const DataValue* on = field(*window, "fullscreen", DataKind::Boolean))
                setup.fullscreen = on->boolean;
            const auto integer = [&](std::string_view key, int min, int max, int& out) {
                const DataValue* value = field(*window, key, DataKind::Number);
                if (value && value->is_integer && value->integer >= min && value->integer <= max)
                    out = int(value->integer);
            };
            integer("display", 0, 15, setup.display_index);
            integer("width", 320, 7680, setup.width);
            integer("height", 240, 4320, setup.height);
        }
        if (const DataValue* font = field(root, "font", DataKind::Table)) {
            if (const DataValue* path = field(*font, "path", DataKind::String))
                if (!path->string.empty()) setup.font_path = resolve(base, path->string);
            const DataValue* face = field(*font, "face", DataKind::Number);
            if (face && face->is_integer && face->integer >= 0 && face->integer <= 15)
                setup.font_face = int(face->integer);
        }
    }
    apply_command_line(request, setup);
    setup.watched_files = {setup.config_path, setup.strings_file, setup.font_path};
    return setup;
}

StartupSetup setup_from(const KioskConfig& config, const StartRequest& request) {
    StartupSetup setup;
    setup.config_path = config.source_path;
    setup.data_dir = config.data_dir;
    setup.strings_file = config.strings_file;
    setup.font_path = config.font.path;
    setup.font_face = config.font.face;
    setup.fullscreen = config.window.fullscreen;
    setup.display_index = config.window.display;
    setup.width = config.window.width;
    setup.height = config.window.height;
    apply_command_line(request, setup);
    setup.watched_files = {config.source_path, config.strings_file, config.font.path};
    for (const auto* keys : {&config.trusted_keys, &config.trusted_reviewers})
        setup.watched_files.insert(setup.watched_files.end(), keys->begin(), keys->end());
    if (!config.content_dir.empty()) setup.watched_folders.push_back(config.content_dir);
    setup.watched_folders.insert(setup.watched_folders.end(), config.exhibit_dirs.begin(),
                                 config.exhibit_dirs.end());
    const std::string& preview = request.options.exhibit_path;
    if (!preview.empty()) {
        std::error_code ec;
        if (fs::is_directory(preview, ec))
            setup.watched_folders.push_back(absolute_path(preview));
        else
            setup.watched_files.push_back(absolute_path(preview));
    }
    return setup;
}

// KioskApp::create's messages start with the file they are about.
StartupFailure classify(const std::string& error, const KioskConfig& config,
                        const AppOptions& options) {
    StartupFailure failure;
    const size_t newline = error.find('\n');
    failure.summary = error.substr(0, newline);
    for (size_t at = newline; at != std::string::npos;) {
        const size_t next = error.find('\n', at + 1);
        failure.details.push_back(error.substr(at + 1, next - at - 1));
        at = next;
    }
    const auto about = [&error](const std::string& path) {
        return !path.empty() && error.starts_with(path + ":");
    };
    if (about(config.data_dir)) {
        failure.kind = StartupFailureKind::DataFolder;
        std::error_code ec;
        if (fs::is_directory(config.data_dir, ec) &&
            !private_folder_problem(config.data_dir).empty())
            failure.unsafe_folder = config.data_dir;
    } else if (about(config.strings_file))
        failure.kind = StartupFailureKind::Strings;
    else if (about(config.font.path))
        failure.kind = StartupFailureKind::Font;
    else if (about(config.source_path) || about(options.exhibit_path)) // trust roots, preview
        failure.kind = StartupFailureKind::Content;
    else
        failure.kind = StartupFailureKind::Display;
    return failure;
}

StartupFailure no_content(const KioskApp& app, const KioskConfig& config) {
    StartupFailure failure;
    failure.kind = StartupFailureKind::Content;
    failure.summary = "nothing to show visitors: no exhibit or quiz pack could be loaded";
    if (config.content_dir.empty())
        failure.details.push_back(config.source_path +
                                  ": content_dir is not set: name the folder that holds the "
                                  "signed content packages (*.kpkg)");
    else
        failure.details.push_back(config.content_dir +
                                  ": no usable content package (*.kpkg) in this folder");
    const ExhibitCatalog& catalog = app.catalog();
    failure.details.insert(failure.details.end(), catalog.problems.begin(), catalog.problems.end());
    for (const HiddenContent& hidden : catalog.hidden)
        failure.details.push_back(hidden.id + ": hidden from visitors: " + hidden.reason);
    return failure;
}

// Who the path is, where it lives and, unless `identity_only`, its size and times.
void add_stat(std::string& out, const std::string& path, bool identity_only) {
    struct stat info {};
    out += path;
    if (::stat(path.c_str(), &info) != 0) {
        out += " -\n";
        return;
    }
    out += ' ' + std::to_string(info.st_dev) + ':' + std::to_string(info.st_ino) + ' ' +
           std::to_string(info.st_mode) + ' ' + std::to_string(info.st_uid) + ':' +
           std::to_string(info.st_gid) + (access(path.c_str(), W_OK) == 0 ? " w" : " r");
    if (!identity_only)
        out += ' ' + std::to_string(info.st_size) + ' ' + std::to_string(info.st_mtim.tv_sec) +
               '.' + std::to_string(info.st_mtim.tv_nsec) + ' ' +
               std::to_string(info.st_ctim.tv_sec) + '.' + std::to_string(info.st_ctim.tv_nsec);
    out += '\n';
}

} // namespace

const char* startup_failure_code(StartupFailureKind kind) {
    switch (kind) {
    case StartupFailureKind::Config:
        return "CONFIG";
    case StartupFailureKind::DataFolder:
        return "DATA";
    case StartupFailureKind::Strings:
        return "STRINGS";
    case StartupFailureKind::Font:
        return "FONT";
    case StartupFailureKind::Content:
        return "CONTENT";
    case StartupFailureKind::Display:
        return "DISPLAY";
    }
    return "?";
}

StartAttempt attempt_start(const StartRequest& request) {
    StartAttempt attempt;
    ConfigLoadResult loaded = load_kiosk_config(request.config_path);
    if (!loaded.ok()) {
        attempt.setup = salvage_setup(request);
        attempt.failure = StartupFailure{StartupFailureKind::Config,
                                         request.config_path + ": the config has " +
                                             std::to_string(loaded.errors.size()) + " error(s)",
                                         loaded.errors};
        return attempt;
    }
    KioskConfig& config = *loaded.config;
    if (!request.data_dir.empty()) config.data_dir = absolute_path(request.data_dir);
    if (request.language) config.default_language = *request.language;
    if (request.options.sync_interval_s > 0 && config.sync)
        config.sync->interval_s = request.options.sync_interval_s;
    attempt.setup = setup_from(config, request);
    std::string error;
    attempt.app = KioskApp::create(config, request.options, error);
    if (!attempt.app) {
        attempt.failure = classify(error, config, request.options);
    } else if (request.options.exhibit_path.empty() && attempt.app->home_items().empty() &&
               !KioskContent::wanted(config)) { // hub content arrives after the start
        attempt.failure = no_content(*attempt.app, config);
        attempt.app.reset();
    }
    return attempt;
}

// The data folder counts by identity only (it exists, which disk, its owner and
// mode, writable or not): its entries change with every log line. A watched
// folder's entries count by name, size and time, except hidden ones (a package
// still being copied is ".name.kpkg.part").
std::string setup_fingerprint(const StartupSetup& setup) {
    std::string out;
    if (!setup.data_dir.empty()) add_stat(out, setup.data_dir, true);
    for (const std::string& file : setup.watched_files)
        add_stat(out, file, false);
    for (const std::string& folder : setup.watched_folders) {
        add_stat(out, folder, true);
        std::error_code ec;
        std::vector<std::string> entries;
        for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
            if (!it->path().filename().string().starts_with("."))
                entries.push_back(it->path().string());
        std::sort(entries.begin(), entries.end());
        for (const std::string& entry : entries)
            add_stat(out, entry, false);
    }
    return out;
}

} // namespace kiosk
