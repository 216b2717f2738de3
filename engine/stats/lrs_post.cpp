// The LRS exchange (see lrs_post.h): the cursor file, the batches, and what
// each HTTP answer means.
#include "lrs_post.h"

#include "core/kiosk_config.h"
#include "core/manager_text.h"
#include "core/private_files.h"
#include "sync/sync_transport.h"
#include "telemetry/schema.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cerrno>

namespace kiosk::stats {
namespace {

using nlohmann::json;

struct Cursor {
    std::string lrs, kiosk, epoch;
    int64_t acknowledged_seq = 0;
};

// The cursor in `path` (none yet: seq 0); false with `error` when the file
// cannot be read, is not a cursor, or belongs to another LRS, kiosk or epoch.
bool read_cursor(const std::string& path, const Cursor& expected, Language language, int64_t& seq,
                 std::string& error) {
    seq = 0;
    std::string open_error;
    const int fd = open_private_file(path, O_RDONLY, open_error);
    if (fd < 0) {
        if (errno == ENOENT) return true;
        error = manager_text("xapi_state_unusable", language, {{"error", open_error}});
        return false;
    }
    std::string text;
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0 && text.size() < 65536)
        text.append(buffer, size_t(got));
    ::close(fd);
    const json cursor = json::parse(text, nullptr, false);
    const bool shaped = cursor.is_object() && cursor.contains("lrs") && cursor["lrs"].is_string() &&
                        cursor.contains("kiosk") && cursor["kiosk"].is_string() &&
                        cursor.contains("epoch") && cursor["epoch"].is_string() &&
                        cursor.contains("acknowledged_seq") &&
                        cursor["acknowledged_seq"].is_number_integer() &&
                        cursor["acknowledged_seq"].get<int64_t>() >= 0;
    if (!shaped || got < 0) {
        error = manager_text("xapi_state_bad", language, {{"file", path}});
        return false;
    }
    const auto differs = [&](const char* field, const std::string& wanted) {
        if (cursor[field].get<std::string>() == wanted) return false;
        error = manager_text("xapi_state_other", language,
                             {{"file", path},
                              {"field", field},
                              {"found", cursor[field].get<std::string>()},
                              {"wanted", wanted}});
        return true;
    };
    if (differs("lrs", expected.lrs) || differs("kiosk", expected.kiosk) ||
        differs("epoch", expected.epoch))
        return false;
    seq = cursor["acknowledged_seq"].get<int64_t>();
    return true;
}

bool write_cursor(const std::string& path, const Cursor& cursor, Language language,
                  std::string& error) {
    const json text = {{"lrs", cursor.lrs},
                       {"kiosk", cursor.kiosk},
                       {"epoch", cursor.epoch},
                       {"acknowledged_seq", cursor.acknowledged_seq}};
    std::string write_error;
    if (replace_private_file(path, text.dump(1) + "\n", write_error)) return true;
    error = manager_text("xapi_state_unusable", language, {{"error", write_error}});
    return false;
}

// What the LRS said: its JSON "message" when it sent one, else the body's
// start, control characters as spaces.
std::string lrs_message(const std::string& body) {
    const json parsed = json::parse(body, nullptr, false);
    std::string text =
        parsed.is_object() && parsed.contains("message") && parsed["message"].is_string()
            ? parsed["message"].get<std::string>()
            : body;
    if (text.size() > 300) text = text.substr(0, 300) + "...";
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    return text.empty() ? "-" : text;
}

class LrsClient {
public:
    LrsClient(const sync::HubUrl& url, const LrsPostOptions& options)
        : path_(url.path_prefix + "/statements"), client_(url.scheme_host_port()) {
        client_.set_connection_timeout(options.timeout_s, 0);
        client_.set_read_timeout(options.timeout_s, 0);
        client_.set_write_timeout(options.timeout_s, 0);
        if (url.tls) client_.enable_server_certificate_verification(true);
        if (!options.user.empty())
            client_.set_basic_auth(options.user.c_str(), options.password.c_str());
    }

    // The status (0 when no answer came: `error` says why) and the body.
    int post(const std::string& body, std::string& answer, std::string& error) {
        const httplib::Headers headers = {{"X-Experience-API-Version", "1.0.3"}};
        httplib::Result result = client_.Post(path_.c_str(), headers, body, "application/json");
        if (!result) {
            error = httplib::to_string(result.error());
            return 0;
        }
        answer = result->body;
        return result->status;
    }

private:
    std::string path_;
    httplib::Client client_;
};

std::string json_array(const std::vector<XapiStatement>& statements, size_t from, size_t to) {
    std::string body = "[";
    for (size_t i = from; i < to; ++i)
        body += (i > from ? "," : "") + statements[i].json;
    return body + "]";
}

bool stored(int status) {
    return status == 200 || status == 204;
}

} // namespace

bool post_to_lrs(const telemetry::ReadOnlyKioskDb& db, const XapiSource& source,
                 const DayRange* range, const LrsPostOptions& options, Language language,
                 LrsPostReport& report, std::string& error) {
    report = LrsPostReport{};
    std::string url_error;
    const std::optional<sync::HubUrl> url = sync::parse_hub_url(options.url, url_error);
    if (!url) {
        error = manager_text("xapi_bad_url", language, {{"error", url_error}});
        return false;
    }
    if (!url->tls && !options.allow_plain_http && !is_loopback_host(url->host)) {
        error = manager_text("xapi_plain_http", language, {{"url", options.url}});
        return false;
    }
    Cursor cursor{options.url, source.kiosk_id, telemetry::read_meta(db.handle(), "epoch"), 0};
    if (!read_cursor(options.state_file, cursor, language, cursor.acknowledged_seq, error))
        return false;
    report.resumed_after_seq = report.acknowledged_seq = cursor.acknowledged_seq;

    LrsClient client(*url, options);
    const auto http_failure = [&](int status, const std::string& answer,
                                  const std::string& transport_error) {
        const std::string seq = std::to_string(report.acknowledged_seq);
        error = status == 0
                    ? manager_text("xapi_unreachable", language,
                                   {{"url", options.url}, {"error", transport_error}, {"seq", seq}})
                    : manager_text("xapi_http_error", language,
                                   {{"url", options.url},
                                    {"status", std::to_string(status)},
                                    {"message", lrs_message(answer)},
                                    {"seq", seq}});
        return false;
    };
    for (;;) {
        XapiPage page;
        if (!read_xapi_statements(db, source, cursor.acknowledged_seq, range, options.batch_size,
                                  page, error))
            return false;
        report.events_left_out += page.events_left_out;
        if (page.last_seq == 0) return true; // nothing after the cursor
        const std::vector<XapiStatement>& statements = page.statements;
        if (!statements.empty()) {
            std::string answer, transport_error;
            int status =
                client.post(json_array(statements, 0, statements.size()), answer, transport_error);
            if (status == 409) {
                // One of them is stored with other content: one at a time.
                for (size_t i = 0; i < statements.size(); ++i) {
                    status = client.post(json_array(statements, i, i + 1), answer, transport_error);
                    if (status == 409)
                        ++report.already_stored;
                    else if (!stored(status))
                        return http_failure(status, answer, transport_error);
                }
            } else if (!stored(status)) {
                return http_failure(status, answer, transport_error);
            }
            report.statements_sent += int64_t(statements.size());
            ++report.batches;
        }
        cursor.acknowledged_seq = page.last_seq;
        if (!write_cursor(options.state_file, cursor, language, error)) return false;
        report.acknowledged_seq = cursor.acknowledged_seq;
        if (!page.more) return true;
    }
}

} // namespace kiosk::stats
