// Sending one email through the venue's SMTP server with libcurl (smtp:// or
// smtps://, STARTTLS as the mail config says, login when it has a user name),
// with bounded connect and transfer times so a dead server never holds the
// scheduler for long.
#pragma once

#include "mail_config.h"
#include "mail_message.h"

#include <string>

namespace kiosk::hub {

// False with `error` (curl's words and the server's answer, in English, for
// the log and the saved reports page) when the server is unreachable,
// refuses the login, the sender or the recipient, or the message.
bool send_mail(const MailConfig& config, const MailMessage& message, std::string& error);

} // namespace kiosk::hub
