-- kiosk-hub's mail settings: `kiosk-hub serve --mail-config hub-mail.lua`
-- (and `kiosk-hub report run-due --mail-config hub-mail.lua`). The hub mails
-- scheduled reports and alerts through the venue's SMTP server with these.
-- Every field is checked when the hub starts; a mistake is reported as
-- "hub-mail.lua:LINE: field: what was expected".
return {
  -- smtps:// (TLS from the start, usually port 465) or smtp:// (usually port
  -- 587 with STARTTLS, or 25).
  smtp_url = "smtps://smtp.example.org:465",
  -- The sender address the mails come from.
  from = "kiosk-hub@example.org",
  -- Log in as this user (leave both lines out for a server that takes mail
  -- without a login, e.g. a relay inside the venue's network).
  username = "kiosk-hub@example.org",
  -- A file holding the password on one line, relative to this file; keep it
  -- readable by the hub's user only (chmod 600).
  password_file = "smtp-password",
  -- STARTTLS on smtp://: "required" (refuse to send without encryption),
  -- "optional" (encrypt when the server offers it) or "none" (a local relay).
  starttls = "required",
}
