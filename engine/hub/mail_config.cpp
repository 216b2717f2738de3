// Reading the hub's mail settings (mail_config.h).
#include "mail_config.h"

#include "core/data_reader.h"
#include "core/lua_data.h"
#include "report_schedule_store.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk::hub {
namespace {

constexpr size_t kMaxPasswordBytes = 1024;

// scheme://host[:port][/...] with a host of letters, digits, '.', '-' or [IPv6].
bool is_smtp_url(const std::string& url) {
    size_t host_at = 0;
    if (url.rfind("smtp://", 0) == 0)
        host_at = 7;
    else if (url.rfind("smtps://", 0) == 0)
        host_at = 8;
    else
        return false;
    const size_t host_end = url.find_first_of(":/", host_at);
    const std::string host = url.substr(host_at, host_end - host_at);
    if (host.empty() || host.size() > 253) return false;
    for (char c : host)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') return false;
    if (host_end == std::string::npos || url[host_end] == '/') return true;
    const size_t port_end = url.find('/', host_end);
    const std::string port = url.substr(host_end + 1, port_end - host_end - 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos)
        return false;
    const int number = std::stoi(port);
    return number >= 1 && number <= 65535;
}

void read_password(DataReader& reader, const std::string& config_path, MailConfig& config) {
    std::optional<std::string> name = reader.required_string("password_file");
    if (!name) return;
    namespace fs = std::filesystem;
    fs::path path(*name);
    if (path.is_relative()) path = fs::path(config_path).parent_path() / path;
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    if (!file || !(text << file.rdbuf())) {
        reader.error("password_file", "cannot read " + path.string());
        return;
    }
    std::string password = text.str();
    while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
        password.pop_back();
    if (password.empty() || password.size() > kMaxPasswordBytes ||
        password.find_first_of("\r\n") != std::string::npos)
        reader.error("password_file", path.string() + ": expected one line holding the password");
    else
        config.password = std::move(password);
}

} // namespace

std::optional<MailConfig> load_mail_config(const std::string& path,
                                           std::vector<std::string>& errors) {
    const DataLoadResult loaded = load_lua_data_file(path);
    if (!loaded.ok()) {
        errors = loaded.errors;
        return std::nullopt;
    }
    DataErrors problems;
    DataReader reader(*loaded.root, path, "", problems);
    MailConfig config;
    if (std::optional<std::string> url = reader.required_string("smtp_url")) {
        if (is_smtp_url(*url))
            config.smtp_url = *url;
        else
            reader.error("smtp_url", "expected smtp://HOST[:PORT] or smtps://HOST[:PORT], got \"" +
                                         *url + "\"");
    }
    if (std::optional<std::string> from = reader.required_string("from")) {
        if (is_valid_email_address(*from))
            config.from = *from;
        else
            reader.error("from", "expected a sender address like kiosk-hub@example.org, got \"" +
                                     *from + "\"");
    }
    config.username = reader.string("username", "");
    if (!config.username.empty())
        read_password(reader, path, config);
    else if (reader.has("password_file"))
        reader.error("password_file", "is only used with `username`; add it or remove this");
    const std::string starttls =
        reader.one_of("starttls", {"required", "optional", "none"}, "required");
    config.starttls = starttls == "none"       ? StartTls::none
                      : starttls == "optional" ? StartTls::optional
                                               : StartTls::required;
    reader.finish();
    errors = problems.errors;
    if (!problems.ok()) return std::nullopt;
    return config;
}

} // namespace kiosk::hub
