// One email as the hub sends it (a scheduled report, an alert): the MIME text
// (RFC 5322 / 2045-2049) with CRLF line ends: From, To, Date, Message-ID, the
// subject in UTF-8 as RFC 2047 encoded words, a text/plain UTF-8 body and an
// optional attachment, both base64, the attachment with its file name and
// content type. Addresses are checked by the caller (is_valid_email_address),
// so no header can carry a line break.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::hub {

struct MailAttachment {
    std::string file_name; // ASCII: letters, digits, '.', '-', '_'
    std::string content_type;
    std::string bytes;
};

struct MailMessage {
    std::string from, to;
    std::string subject; // UTF-8
    std::string body;    // UTF-8 plain text
    std::optional<MailAttachment> attachment;
};

// The subject as one or more RFC 2047 "=?UTF-8?B?...?=" words (each at most
// 75 characters, split between characters), folded with CRLF SPACE.
std::string encode_header_text(std::string_view utf8);

// The whole message; `boundary` and `message_id` are given by the caller
// (random in use, fixed in tests).
std::string compose_mail(const MailMessage& message, int64_t now_utc_ms,
                         const std::string& boundary, const std::string& message_id);

} // namespace kiosk::hub
