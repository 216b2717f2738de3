// Composing the hub's emails (mail_message.h).
#include "mail_message.h"

#include "core/signing_keys.h"

#include <ctime>

namespace kiosk::hub {
namespace {

constexpr size_t kEncodedWordBytes = 45; // 60 base64 characters: a 72-character word
constexpr size_t kBase64LineChars = 76;

// base64 in lines of 76 characters, each ended by CRLF.
std::string base64_lines(std::string_view bytes) {
    const std::string encoded = to_base64(bytes);
    std::string out;
    out.reserve(encoded.size() + encoded.size() / kBase64LineChars * 2 + 2);
    for (size_t at = 0; at < encoded.size(); at += kBase64LineChars)
        out += encoded.substr(at, kBase64LineChars) + "\r\n";
    return out;
}

// RFC 5322 date in UTC: "Mon, 07 Dec 2026 07:54:42 +0000".
std::string mail_date(int64_t utc_ms) {
    const std::time_t seconds = static_cast<std::time_t>(utc_ms / 1000);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &parts);
    return text;
}

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

} // namespace

std::string encode_header_text(std::string_view utf8) {
    std::string out;
    size_t at = 0;
    do {
        size_t end = std::min(utf8.size(), at + kEncodedWordBytes);
        while (end > at && end < utf8.size() && is_continuation(utf8[end]))
            --end; // never split a character between two words
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + to_base64(utf8.substr(at, end - at)) + "?=";
        at = end;
    } while (at < utf8.size());
    return out;
}

std::string compose_mail(const MailMessage& message, int64_t now_utc_ms,
                         const std::string& boundary, const std::string& message_id) {
    std::string out;
    out += "From: <" + message.from + ">\r\n";
    out += "To: <" + message.to + ">\r\n";
    out += "Subject: " + encode_header_text(message.subject) + "\r\n";
    out += "Date: " + mail_date(now_utc_ms) + "\r\n";
    out += "Message-ID: <" + message_id + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    const std::string text_part = "Content-Type: text/plain; charset=UTF-8\r\n"
                                  "Content-Transfer-Encoding: base64\r\n\r\n" +
                                  base64_lines(message.body);
    if (!message.attachment) return out + text_part;
    const MailAttachment& file = *message.attachment;
    out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n" + text_part;
    out += "--" + boundary + "\r\n";
    out += "Content-Type: " + file.content_type + "; name=\"" + file.file_name + "\"\r\n";
    out += "Content-Disposition: attachment; filename=\"" + file.file_name + "\"\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n" + base64_lines(file.bytes);
    out += "--" + boundary + "--\r\n";
    return out;
}

} // namespace kiosk::hub
