// The hub's mail settings (`kiosk-hub serve --mail-config FILE`,
// `kiosk-hub report run-due --mail-config FILE`): a Lua data file read with
// the config machinery (core/lua_data.h, core/data_reader.h), every problem
// reported as "FILE:LINE: field: what was expected". A sample is
// kiosk-config/hub-mail.lua.
//
//   return {
//     smtp_url = "smtps://smtp.example.org:465",   -- smtp:// or smtps://, host and port
//     from = "kiosk-hub@example.org",              -- the sender address
//     username = "kiosk-hub@example.org",          -- optional: no login when absent
//     password_file = "smtp-password",             -- with username: a file holding the
//                                                  --   password (relative to this file)
//     starttls = "required",                       -- required | optional | none
//   }
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kiosk::hub {

enum class StartTls { required, optional, none };

struct MailConfig {
    std::string smtp_url;
    std::string from;
    std::string username;
    std::string password; // read from password_file
    StartTls starttls = StartTls::required;
};

// The settings, or nullopt with every problem in `errors`.
std::optional<MailConfig> load_mail_config(const std::string& path,
                                           std::vector<std::string>& errors);

} // namespace kiosk::hub
