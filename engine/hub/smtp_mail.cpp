// Sending mail with libcurl's SMTP (smtp_mail.h).
#include "smtp_mail.h"

#include "core/civil_time.h"
#include "core/random_id.h"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace kiosk::hub {
namespace {

constexpr long kConnectTimeoutS = 10;
constexpr long kTransferTimeoutS = 120;

struct Upload {
    std::string_view text;
    size_t at = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
    Upload& upload = *static_cast<Upload*>(user);
    const size_t room = size * count;
    const size_t bytes = std::min(room, upload.text.size() - upload.at);
    std::memcpy(buffer, upload.text.data() + upload.at, bytes);
    upload.at += bytes;
    return bytes;
}

void start_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

bool send_mail(const MailConfig& config, const MailMessage& message, std::string& error) {
    start_curl_once();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        error = "libcurl cannot start";
        return false;
    }
    const std::string boundary = "kiosk-hub-" + make_random_id();
    const std::string text =
        compose_mail(message, now_utc_ms(), boundary, make_random_id() + "@kiosk-hub");
    Upload upload{text, 0};
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + message.to + ">").c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients_owner(
        recipients, curl_slist_free_all);
    const std::string from = "<" + config.from + ">";
    char detail[CURL_ERROR_SIZE] = {};
    CURL* handle = curl.get();
    curl_easy_setopt(handle, CURLOPT_URL, config.smtp_url.c_str());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
    curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutS);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT, kTransferTimeoutS);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(handle, CURLOPT_USE_SSL,
                     config.starttls == StartTls::required   ? CURLUSESSL_ALL
                     : config.starttls == StartTls::optional ? CURLUSESSL_TRY
                                                             : CURLUSESSL_NONE);
    if (!config.username.empty()) {
        curl_easy_setopt(handle, CURLOPT_USERNAME, config.username.c_str());
        curl_easy_setopt(handle, CURLOPT_PASSWORD, config.password.c_str());
    }
    const CURLcode result = curl_easy_perform(handle);
    if (result == CURLE_OK) return true;
    long response = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response);
    error = "sending mail to " + message.to + " through " + config.smtp_url + ": " +
            curl_easy_strerror(result) + (detail[0] ? std::string(" (") + detail + ")" : "") +
            (response ? " [SMTP " + std::to_string(response) + "]" : "");
    return false;
}

} // namespace kiosk::hub
