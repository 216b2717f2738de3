// The real SyncTransport: cpp-httplib (built with OpenSSL) posting to the
// hub, with certificate verification on for https://, the connect and read
// timeouts, and hub URLs taken apart and checked.
#include "sync_transport.h"

#include <httplib.h>

#include <charconv>
#include <mutex>

namespace kiosk::sync {
namespace {

class HttpTransport final : public SyncTransport {
public:
    HttpTransport(const HttpTransportOptions& options, const HubUrl& url)
        : description_(options.hub_url), path_(url.path_prefix + "/api/v1/sync"),
          client_(url.scheme_host_port()) {
        client_.set_connection_timeout(options.connect_timeout_s, 0);
        client_.set_read_timeout(options.read_timeout_s, 0);
        client_.set_write_timeout(options.read_timeout_s, 0);
        client_.set_bearer_token_auth(options.token.c_str());
        client_.set_keep_alive(false);
        if (url.tls) {
            client_.enable_server_certificate_verification(true);
            if (!options.ca_file.empty()) client_.set_ca_cert_path(options.ca_file.c_str());
        }
    }

    HttpAnswer post_sync(const std::string& json) override {
        HttpAnswer answer;
        httplib::Result result = client_.Post(path_.c_str(), json, "application/json");
        if (!result) {
            answer.error = httplib::to_string(result.error());
            if (result.error() == httplib::Error::SSLServerVerification)
                answer.error += " (the hub's certificate is not trusted here; see sync.ca_file)";
            return answer;
        }
        answer.status = result->status;
        answer.body = result->body;
        return answer;
    }

    void cancel() override { client_.stop(); }
    std::string describe() const override { return description_; }

private:
    std::string description_, path_;
    httplib::Client client_;
};

} // namespace

std::string HubUrl::scheme_host_port() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    return std::string(tls ? "https://" : "http://") + (ipv6 ? "[" + host + "]" : host) + ":" +
           std::to_string(port);
}

std::optional<HubUrl> parse_hub_url(const std::string& url, std::string& error) {
    HubUrl parsed;
    std::string_view rest = url;
    if (rest.starts_with("https://")) {
        parsed.tls = true;
        rest.remove_prefix(8);
    } else if (rest.starts_with("http://")) {
        rest.remove_prefix(7);
    } else {
        error = "\"" + url +
                "\": expected a URL starting with https:// (or http:// on a trusted "
                "network)";
        return std::nullopt;
    }
    const size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
    if (path.find_first_of("?#") != std::string_view::npos ||
        authority.find('@') != std::string_view::npos) {
        error = "\"" + url +
                "\": expected scheme://host[:port][/path], without user, query or "
                "fragment";
        return std::nullopt;
    }
    while (path.ends_with('/'))
        path.remove_suffix(1);
    parsed.path_prefix = std::string(path);
    std::string_view port_text;
    if (authority.starts_with('[')) {
        const size_t close = authority.find(']');
        if (close == std::string_view::npos) {
            error = "\"" + url + "\": unclosed '[' in the host";
            return std::nullopt;
        }
        parsed.host = std::string(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (after.starts_with(':'))
            port_text = after.substr(1);
        else if (!after.empty())
            parsed.host.clear();
    } else {
        const size_t colon = authority.rfind(':');
        parsed.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    }
    if (parsed.host.empty()) {
        error = "\"" + url + "\": has no host name";
        return std::nullopt;
    }
    parsed.port = parsed.tls ? 443 : 80;
    if (!port_text.empty() || authority.ends_with(':')) {
        int port = 0;
        auto [end, code] =
            std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (code != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
            port > 65535) {
            error = "\"" + url + "\": the port must be a number from 1 to 65535";
            return std::nullopt;
        }
        parsed.port = port;
    }
    return parsed;
}

std::unique_ptr<SyncTransport> make_http_transport(const HttpTransportOptions& options,
                                                   std::string& error) {
    std::optional<HubUrl> url = parse_hub_url(options.hub_url, error);
    if (!url) return nullptr;
    if (options.token.empty()) {
        error = "no kiosk token to send to " + options.hub_url;
        return nullptr;
    }
    return std::make_unique<HttpTransport>(options, *url);
}

} // namespace kiosk::sync
