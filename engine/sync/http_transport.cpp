// The real SyncTransport: cpp-httplib (built with OpenSSL) posting to the
// hub and streaming the content updater's bounded, resumable GETs, with certificate and host name
// verification on for https:// (and the reason in words when it fails), the connect and read
// timeouts, and hub URLs taken apart and checked.
#include "sync_transport.h"

#include <httplib.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <charconv>
#include <mutex>

namespace kiosk::sync {
namespace {

// Whether OpenSSL reads at least one certificate from the PEM file `path`.
bool ca_file_loads(const std::string& path) {
    X509_STORE* store = X509_STORE_new();
    const bool loaded = store && X509_STORE_load_file(store, path.c_str()) == 1;
    X509_STORE_free(store);
    return loaded;
}

class HttpTransport final : public SyncTransport {
public:
    HttpTransport(const HttpTransportOptions& options, const HubUrl& url)
        : description_(options.hub_url), path_(url.path_prefix + "/api/v1/sync"),
          prefix_(url.path_prefix), host_(url.host), ca_file_(options.ca_file),
          client_(url.scheme_host_port()) {
        client_.set_connection_timeout(options.connect_timeout_s, 0);
        client_.set_read_timeout(options.read_timeout_s, 0);
        client_.set_write_timeout(options.read_timeout_s, 0);
        client_.set_bearer_token_auth(options.token.c_str());
        client_.set_keep_alive(false);
        if (url.tls) {
            client_.enable_server_certificate_verification(true);
            if (!options.ca_file.empty()) client_.set_ca_cert_path(options.ca_file.c_str());
            check_host_in_openssl(url.host);
        }
    }

    HttpAnswer post_sync(const std::string& json) override {
        HttpAnswer answer;
        httplib::Result result = client_.Post(path_.c_str(), json, "application/json");
        if (!result) {
            answer.error = describe_error(result.error());
            return answer;
        }
        answer.status = result->status;
        answer.body = result->body;
        if (result->has_header("Retry-After"))
            answer.retry_after_s = parse_retry_after(result->get_header_value("Retry-After"));
        return answer;
    }

    GetAnswer get(const std::string& path, int64_t offset, int64_t max_total_bytes,
                  const GetSink& sink, const RequestHeaders& extra_headers) override {
        GetAnswer answer;
        answer.body_start = offset;
        httplib::Headers headers = {{"Accept-Encoding", "identity"}};
        if (offset > 0) headers.emplace("Range", "bytes=" + std::to_string(offset) + "-");
        for (const auto& [name, value] : extra_headers)
            headers.emplace(name, value);
        bool body_wanted = false;
        const auto on_answer = [&](const httplib::Response& response) {
            answer.status = response.status;
            if (response.has_header("Retry-After"))
                answer.retry_after_s = parse_retry_after(response.get_header_value("Retry-After"));
            answer.etag = response.get_header_value("ETag");
            if (response.status == 304) return true; // nothing changed: no body follows
            if (response.status == 200) {
                answer.body_start = 0;
            } else if (response.status == 206) {
                const int64_t start =
                    content_range_start(response.get_header_value("Content-Range"));
                if (start != offset) {
                    answer.error = "the hub answered a range starting at " + std::to_string(start) +
                                   ", not at " + std::to_string(offset) + " as asked";
                    return false;
                }
            } else {
                answer.error = "the hub answered " + std::to_string(response.status);
                return false;
            }
            if (answer.body_start > max_total_bytes) {
                answer.error = "the hub's answer starts past the expected size";
                return false;
            }
            body_wanted = true;
            return sink.begin ? sink.begin(answer.body_start) : true;
        };
        const auto on_bytes = [&](const char* data, size_t size) {
            if (!body_wanted) return false;
            if (answer.body_start + answer.received + int64_t(size) > max_total_bytes) {
                answer.error = "the hub sent more than the expected " +
                               std::to_string(max_total_bytes) + " bytes";
                return false;
            }
            answer.received += int64_t(size);
            if (!sink.write(data, size)) {
                answer.error = "the download could not be stored";
                return false;
            }
            return true;
        };
        httplib::Result result =
            client_.Get((prefix_ + path).c_str(), headers, on_answer, on_bytes);
        if (!result) {
            if (answer.error.empty())
                answer.error = answer.status
                                   ? "the answer was cut short: " + describe_error(result.error())
                                   : describe_error(result.error());
            return answer;
        }
        answer.complete = answer.error.empty() && (answer.status == 200 || answer.status == 206);
        return answer;
    }

    void cancel() override { client_.stop(); }
    std::string describe() const override { return description_; }

private:
    // OpenSSL's own check of the host name (RFC 6125: the certificate's DNS or
    // IP entries, strict wildcards) runs during verification, so a certificate
    // for another host is refused even where httplib's looser check (common
    // name fallback, partial wildcards) would pass it. TLS 1.2 at least.
    void check_host_in_openssl(const std::string& host) {
        SSL_CTX* context = client_.ssl_context();
        if (!context) return; // no TLS context at all: every request fails
        SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
        X509_VERIFY_PARAM* param = SSL_CTX_get0_param(context);
        if (X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1) return;
        X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
    }

    // Why a request got no answer, for the log and the admin overlay.
    std::string describe_error(httplib::Error error) const {
        const std::string unloadable_ca_file =
            "cannot load the CA certificates of sync.ca_file " + ca_file_;
        if (error == httplib::Error::SSLLoadingCerts) return unloadable_ca_file;
        if (error != httplib::Error::SSLServerVerification) return httplib::to_string(error);
        const long verify = client_.get_openssl_verify_result();
        // httplib tries the file once: after that first round, a file that
        // would not load shows up as a hub certificate from no trusted CA.
        if (!ca_file_.empty() && verify != X509_V_OK && !ca_file_loads(ca_file_))
            return unloadable_ca_file + " (the kiosk reads it again when it restarts)";
        std::string text = "the hub's certificate was refused: ";
        if (verify == X509_V_OK) return text + "it is not issued to " + host_;
        text += X509_verify_cert_error_string(verify);
        switch (verify) {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
            return text + " (it is not signed by a CA this kiosk trusts; a venue's own CA goes "
                          "in sync.ca_file)";
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            return text + " (it is not issued to " + host_ + ")";
        default:
            return text;
        }
    }

    // The first position of "bytes FIRST-LAST/TOTAL", or -1 when malformed.
    static int64_t content_range_start(const std::string& value) {
        std::string_view rest = value;
        if (!rest.starts_with("bytes ")) return -1;
        rest.remove_prefix(6);
        int64_t start = -1;
        auto [end, code] = std::from_chars(rest.data(), rest.data() + rest.size(), start);
        if (code != std::errc() || end == rest.data() + rest.size() || *end != '-') return -1;
        return start;
    }

    std::string description_, path_, prefix_;
    std::string host_, ca_file_; // for messages
    httplib::Client client_;
};

} // namespace

GetAnswer SyncTransport::get(const std::string&, int64_t offset, int64_t, const GetSink&,
                             const RequestHeaders&) {
    GetAnswer answer;
    answer.body_start = offset;
    answer.error = "this transport cannot fetch content (" + describe() + ")";
    return answer;
}

int64_t parse_retry_after(const std::string& value) {
    constexpr int64_t kYearS = 366LL * 24 * 3600;
    if (value.empty() || value.size() > 9) return -1;
    int64_t seconds = 0;
    for (const char c : value) {
        if (c < '0' || c > '9') return -1;
        seconds = seconds * 10 + (c - '0');
    }
    return seconds <= kYearS ? seconds : -1;
}

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
