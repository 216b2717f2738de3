// Issue 20 part 3, the settings and commands around scheduled reports: the
// mail config file (each broken field gives FILE:LINE: field: what was
// expected), email addresses (refused when malformed, with no header
// injection), `kiosk-hub admin set-email` and `kiosk-hub report run-due`
// (the weekly XLSX made by the real maker, a bad --now, a bad mail config),
// and the scheduler inside `kiosk-hub serve` mailing a due report on its own.
#include "hub/mail_config.h"
#include "hub/report_schedule_store.h"
#include "report_mail_test_support.h"
#include "smtp_sink_support.h"

using namespace kiosk;
using namespace kiosk::test;

namespace {

// The errors of loading `text` as hub-mail.lua in `folder`.
std::vector<std::string> mail_config_errors(const TempFolder& folder, const std::string& text) {
    const std::string path = folder.write("hub-mail.lua", text);
    std::vector<std::string> errors;
    const std::optional<hub::MailConfig> config = hub::load_mail_config(path, errors);
    CHECK_FALSE(config);
    return errors;
}

bool has_error(const std::vector<std::string>& errors, const std::string& text) {
    for (const std::string& error : errors)
        if (error.find(text) != std::string::npos) return true;
    return false;
}

} // namespace

TEST_CASE("Mail config: a good file loads, the password read from its file", "[hub][report-mail]") {
    TempFolder folder;
    folder.write("secret/smtp-password", "s3cret\n");
    const std::string path = folder.write("hub-mail.lua", R"(return {
  smtp_url = "smtps://smtp.example.org:465",
  from = "kiosk-hub@example.org",
  username = "kiosk-hub",
  password_file = "secret/smtp-password",
  starttls = "optional",
})");
    std::vector<std::string> errors;
    const std::optional<hub::MailConfig> config = hub::load_mail_config(path, errors);
    INFO(errors.size());
    REQUIRE(config);
    CHECK(config->smtp_url == "smtps://smtp.example.org:465");
    CHECK(config->password == "s3cret");
    CHECK(config->starttls == hub::StartTls::optional);
    // The sample in kiosk-config loads but for its password file.
    errors.clear();
    CHECK_FALSE(hub::load_mail_config(source_dir() + "/kiosk-config/hub-mail.lua", errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("hub-mail.lua:17: password_file: cannot read") != std::string::npos);
}

TEST_CASE("Mail config: each broken field is named with its file and line", "[hub][report-mail]") {
    TempFolder folder;
    const auto file = [](const std::string& fields) {
        return "return {\n  from = \"kiosk-hub@example.org\",\n" + fields + "\n}\n";
    };
    CHECK(has_error(mail_config_errors(folder, file("  smtp_url = \"http://smtp.example.org\",")),
                    "hub-mail.lua:3: smtp_url: expected smtp://HOST[:PORT]"));
    CHECK(has_error(mail_config_errors(folder, file("  smtp_url = \"smtp://host:99999\",")),
                    "hub-mail.lua:3: smtp_url: expected"));
    CHECK(has_error(mail_config_errors(folder, file("  smtp_url = \"smtp://bad host\",")),
                    "hub-mail.lua:3: smtp_url: expected"));
    CHECK(has_error(mail_config_errors(folder, file("  smtp_url = 25,")),
                    "hub-mail.lua:3: smtp_url:"));
    CHECK(has_error(mail_config_errors(folder, "return {\n  smtp_url = \"smtp://h.org\",\n}\n"),
                    "missing required key 'from'"));
    CHECK(has_error(mail_config_errors(folder, "return {\n  smtp_url = \"smtp://h.org\",\n  from "
                                               "= \"a@b.org>\\r\\nBcc: x@y.org\",\n}\n"),
                    "hub-mail.lua:3: from: expected a sender address"));
    CHECK(has_error(mail_config_errors(folder, file("  smtp_url = \"smtp://h.org\",\n"
                                                    "  username = \"u\",")),
                    "missing required key 'password_file'"));
    CHECK(has_error(mail_config_errors(folder, file("  smtp_url = \"smtp://h.org\",\n"
                                                    "  username = \"u\",\n"
                                                    "  password_file = \"absent\",")),
                    "hub-mail.lua:5: password_file: cannot read"));
    folder.write("empty-password", "\n");
    CHECK(has_error(mail_config_errors(folder, file("  smtp_url = \"smtp://h.org\",\n"
                                                    "  username = \"u\",\n"
                                                    "  password_file = \"empty-password\",")),
                    "hub-mail.lua:5: password_file:"));
    CHECK(has_error(mail_config_errors(folder, file("  smtp_url = \"smtp://h.org\",\n"
                                                    "  password_file = \"x\",")),
                    "hub-mail.lua:4: password_file: is only used with `username`"));
    CHECK(has_error(mail_config_errors(folder, file("  smtp_url = \"smtp://h.org\",\n"
                                                    "  starttls = \"maybe\",")),
                    "hub-mail.lua:4: starttls:"));
    CHECK(has_error(mail_config_errors(folder, file("  smtp_url = \"smtp://h.org\",\n"
                                                    "  smtp_urll = \"smtp://h.org\",")),
                    "hub-mail.lua:4: unknown key 'smtp_urll'"));
    CHECK(has_error(mail_config_errors(folder, "return {\n  smtp_url = \"smtp://h.org\"\n  from"),
                    "hub-mail.lua:"));
    CHECK(has_error(mail_config_errors(folder, "return 7\n"), "hub-mail.lua"));
}

TEST_CASE("Report schedules: addresses are checked, refused without a change",
          "[hub][report-mail]") {
    for (const char* good : {"mgr@example.org", "a.b+c@mail.example.org", "x_y@a-b.cn"})
        CHECK(hub::is_valid_email_address(good));
    for (const char* bad :
         {"", "mgr", "mgr@", "@example.org", "mgr@example", "mgr@@example.org", "a b@example.org",
          "mgr@example.org\r\nBcc: x@y.org", "<mgr@example.org>", "\"m\"@example.org",
          ".mgr@example.org", "m..g@example.org", "mgr@-example.org", "mgr@example..org",
          "mgr@exam_ple.org"})
        CHECK_FALSE(hub::is_valid_email_address(bad));
    CHECK_FALSE(hub::is_valid_email_address(std::string(65, 'a') + "@example.org"));

    MailHub hub;
    std::string error;
    CHECK_FALSE(hub.schedules->set_email("mgr", "mgr@example.org\nBcc: x@y.org", error));
    CHECK(error.find("--email") != std::string::npos);
    CHECK(hub.schedules->email_of("mgr") == "mgr@example.org");
    CHECK_FALSE(hub.schedules->set_email("nobody", "n@example.org", error));
    CHECK(error.find("no user nobody") != std::string::npos);
    CHECK(hub.schedules->set_email("mgr", "", error));
    CHECK(hub.schedules->email_of("mgr").empty());

    const int64_t id = hub.add_schedule("mgr", hub::ReportCadence::weekly, "county-museum");
    CHECK_FALSE(hub.schedules->add_schedule(
        {0, "mgr", hub::ReportCadence::weekly, "county-museum", Language::Zh, 0, ""}, error));
    CHECK_FALSE(hub.schedules->add_schedule(
        {0, "nobody", hub::ReportCadence::weekly, "county-museum", Language::Zh, 0, ""}, error));
    CHECK_FALSE(hub.schedules->remove_schedule(id, "other", error)); // not theirs
    CHECK(hub.schedules->schedules("mgr").size() == 1);
    CHECK(hub.schedules->remove_schedule(id, "mgr", error));
    CHECK(hub.schedules->schedules("mgr").empty());

    const CommandRun refused = run_hub_command(
        hub.folder, "admin set-email --data " + hub.data + " --name mgr --email 'not an address'");
    check_refused(refused, 1, "--email: expected an address like name@example.org");
    const CommandRun set = run_hub_command(hub.folder, "admin set-email --data " + hub.data +
                                                           " --name mgr --email m@example.org");
    require_ok(set);
    CHECK(hub.schedules->email_of("mgr") == "m@example.org");
}

TEST_CASE("Report run-due: a weekly schedule makes the week's XLSX once; bad input refused",
          "[hub][report-mail]") {
    MailHub hub;
    hub.add_schedule("mgr", hub::ReportCadence::weekly, "county-museum");
    const std::string run = "report run-due --data " + hub.data + " --now 2026-12-01T06:00:00Z";
    CommandRun first = run_hub_command(hub.folder, run);
    require_ok(first);
    CHECK(first.out.find("生成报告 1 份") != std::string::npos);
    std::vector<hub::SavedReport> saved = hub.schedules->saved_reports();
    REQUIRE(saved.size() == 1);
    CHECK(saved[0].period == "2026-11-23/2026-11-29");
    CHECK(saved[0].mailed_utc_ms == 0); // no mail settings: kept, waiting
    CHECK(read_binary_file(hub.data + "/reports/" + saved[0].file_name).rfind("PK", 0) == 0);
    CommandRun second = run_hub_command(hub.folder, run + " --lang en");
    require_ok(second);
    CHECK(second.out.find("Reports made: 0") != std::string::npos);

    check_refused(run_hub_command(hub.folder, "report run-due --data " + hub.data +
                                                  " --now 2026-12-01T06:00:00+08:00"),
                  2, "--now: expected YYYY-MM-DDTHH:MM:SSZ");
    hub.folder.write("bad-mail.lua",
                     "return {\n  smtp_url = \"ftp://x.org\",\n  from = \"f@x.org\",\n}\n");
    check_refused(run_hub_command(hub.folder, "report run-due --data " + hub.data +
                                                  " --mail-config bad-mail.lua"),
                  1, "bad-mail.lua:2: smtp_url: expected");
}

TEST_CASE("Report serve: the scheduler inside kiosk-hub serve mails a due report on its own",
          "[hub][report-mail]") {
    MailHub hub;
    SmtpSink sink(hub.folder.file("sink"));
    hub.add_schedule("mgr", hub::ReportCadence::weekly, "county-museum");
    const std::string config = hub.folder.write(
        "hub-mail.lua",
        "return {\n  smtp_url = \"" + sink.url() +
            "\",\n  from = \"kiosk-hub@example.org\",\n  starttls = \"none\",\n}\n");
    ServeEnvironment environment{{"KIOSK_HUB_MAIL_CONFIG", config.c_str()}};
    HubProcess server(hub.data);
    REQUIRE(sink.wait_for_message(60000));
    const std::vector<nlohmann::json> messages = sink.messages();
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["to"] == "mgr@example.org");
    CHECK(messages[0]["subject"].get<std::string>().find("县博物馆 周数据表") == 0);
    const nlohmann::json& attachment = messages[0]["attachments"].at(0);
    CHECK(attachment["content_type"] ==
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    CHECK(read_binary_file(attachment["path"]).rfind("PK", 0) == 0);
    CHECK(server.stop(SIGTERM) == 0);
}

// The real wiring end to end: run-due makes the monthly PDF with
// collect_monthly_report and report::render_monthly_pdf and mails it.
TEST_CASE("Report run-due: the monthly PDF made by the real report code is mailed",
          "[hub][report-mail]") {
    MailHub hub;
    SmtpSink sink(hub.folder.file("sink"));
    hub.add_schedule("mgr", hub::ReportCadence::monthly, "county-museum");
    hub.folder.write("hub-mail.lua", "return {\n  smtp_url = \"" + sink.url() +
                                         "\",\n  from = \"kiosk-hub@example.org\",\n  starttls "
                                         "= \"none\",\n}\n");
    const CommandRun run =
        run_hub_command(hub.folder, "report run-due --data " + hub.data +
                                        " --now 2026-12-01T06:00:00Z --mail-config hub-mail.lua");
    require_ok(run);
    const std::vector<hub::SavedReport> saved = hub.schedules->saved_reports();
    REQUIRE(saved.size() == 1);
    const std::string pdf = read_binary_file(hub.data + "/reports/" + saved[0].file_name);
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    const std::vector<nlohmann::json> messages = sink.messages();
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["subject"] == "县博物馆 月度评估报告 2026-11");
    CHECK(read_binary_file(messages[0]["attachments"][0]["path"]) == pdf);
}
