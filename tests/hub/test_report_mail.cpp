// Issue 20 part 3, the scheduler and its mail against a local SMTP sink
// (aiosmtpd on 127.0.0.1): a scheduled report arrives with From, To, the
// decoded Chinese subject, the body and its PDF attachment (the saved file's
// bytes); a period runs once even when the step runs twice or the hub
// restarts; an unreachable server or a refused recipient keeps the saved
// report, records the failure and retries later; alerts mail once per
// condition until it clears; the periods and the backoff.
#include "core/civil_time.h"
#include "hub/mail_message.h"
#include "library_test_support.h"
#include "notice_test_support.h"
#include "report_mail_test_support.h"
#include "smtp_sink_support.h"
#include "store_backends.h"

#include <sys/stat.h>

using namespace kiosk;
using namespace kiosk::test;
using hub::ReportCadence;

TEST_CASE("Report mail: a scheduled monthly report reaches the sink with its PDF attached",
          "[hub][report-mail]") {
    MailHub hub;
    SmtpSink sink(hub.folder.file("sink"));
    hub.add_schedule("mgr", ReportCadence::monthly, "county-museum");
    const hub::StepResult result =
        hub::run_due_step(hub.setup(sink.url()), utc("2026-12-01T06:00:00Z"));
    CHECK(result.made == 1);
    CHECK(result.mailed == 1);
    CHECK(result.mail_failures == 0);

    const std::vector<hub::SavedReport> saved = hub.schedules->saved_reports();
    REQUIRE(saved.size() == 1);
    CHECK(saved[0].period == "2026-11");
    CHECK(saved[0].venue == "county-museum");
    CHECK(saved[0].mailed_utc_ms == utc("2026-12-01T06:00:00Z"));
    const std::string path = hub.data + "/reports/" + saved[0].file_name;
    struct stat info {};
    REQUIRE(stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(read_binary_file(path) == kFakePdf);

    const std::vector<nlohmann::json> messages = sink.messages();
    REQUIRE(messages.size() == 1);
    const nlohmann::json& mail = messages[0];
    CHECK(mail["mail_from"] == "kiosk-hub@example.org");
    CHECK(mail["rcpt_tos"] == nlohmann::json::array({"mgr@example.org"}));
    CHECK(mail["from"] == "kiosk-hub@example.org");
    CHECK(mail["to"] == "mgr@example.org");
    CHECK(mail["subject"] == "县博物馆 月度评估报告 2026-11");
    const std::string body = mail["body"];
    CHECK(body.find("附件是 县博物馆 2026-11 的报告") != std::string::npos);
    CHECK(body.find("summary of 2026-11") != std::string::npos);
    REQUIRE(mail["attachments"].size() == 1);
    const nlohmann::json& attachment = mail["attachments"][0];
    CHECK(attachment["filename"] == saved[0].file_name);
    CHECK(attachment["content_type"] == "application/pdf");
    const std::string bytes = read_binary_file(attachment["path"]);
    CHECK(bytes.rfind("%PDF-", 0) == 0);
    CHECK(bytes == read_binary_file(path));
}

TEST_CASE("Report mail: the subject is encoded per RFC 2047 in words of at most 75 characters",
          "[hub][report-mail]") {
    MailHub hub;
    SmtpSink sink(hub.folder.file("sink"));
    const std::string subject =
        "县博物馆 月度评估报告 2026-11：访客、展项、测验、终端可用率、内容审核与应急通知的汇总";
    const std::string encoded = hub::encode_header_text(subject);
    size_t start = 0;
    int words = 0;
    while (start < encoded.size()) {
        size_t end = encoded.find("\r\n ", start);
        if (end == std::string::npos) end = encoded.size();
        const std::string word = encoded.substr(start, end - start);
        CHECK(word.size() <= 75);
        CHECK(word.rfind("=?UTF-8?B?", 0) == 0);
        ++words;
        start = end + 3;
    }
    CHECK(words > 1);
    std::string error;
    const hub::MailConfig config{sink.url(), "kiosk-hub@example.org", "", "", hub::StartTls::none};
    REQUIRE(hub::send_mail(
        config, {"kiosk-hub@example.org", "mgr@example.org", subject, "正文", std::nullopt},
        error));
    const std::vector<nlohmann::json> messages = sink.messages();
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["subject"] == subject);
    CHECK(messages[0]["body"] == "正文");
    CHECK(messages[0]["attachments"].empty());
}

TEST_CASE("Report mail: a schedule runs once for its period, across steps and restarts",
          "[hub][report-mail]") {
    MailHub hub;
    SmtpSink sink(hub.folder.file("sink"));
    hub.add_schedule("mgr", ReportCadence::monthly, "county-museum");
    hub.add_schedule("admin", ReportCadence::weekly, "");
    const int64_t now = utc("2026-12-01T06:00:00Z"); // a Tuesday in Beijing
    CHECK(hub::run_due_step(hub.setup(sink.url()), now).made == 2);
    CHECK(hub::run_due_step(hub.setup(sink.url()), now + 3600000).made == 0);
    // A second connection (as another process has) and a restarted hub find the runs taken.
    std::string error;
    std::unique_ptr<hub::ReportScheduleStore> second =
        hub::open_report_schedule_store(kiosk::test::test_store(hub.data), error);
    REQUIRE(second);
    hub::SchedulerSetup other = hub.setup(sink.url());
    other.schedules = second.get();
    CHECK(hub::run_due_step(other, now + 7200000).made == 0);
    hub.open();
    CHECK(hub::run_due_step(hub.setup(sink.url()), now + 7200000).made == 0);
    CHECK(hub.reports_made == 2);
    CHECK(sink.messages().size() == 2);
    CHECK(hub.schedules->saved_reports().size() == 2);
    // The next week is a new period for the weekly schedule only.
    CHECK(hub::run_due_step(hub.setup(sink.url()), utc("2026-12-07T00:00:00Z")).made == 1);
    CHECK(hub.schedules->saved_reports().front().period == "2026-11-30/2026-12-06");
}

TEST_CASE("Report mail: the mail server down keeps the report, records it, and retries later",
          "[hub][report-mail]") {
    MailHub hub;
    std::string closed_url;
    {
        SmtpSink gone(hub.folder.file("gone"));
        closed_url = gone.url();
    } // stopped: nothing listens on its port now
    hub.add_schedule("mgr", ReportCadence::monthly, "county-museum");
    const int64_t now = utc("2026-12-01T06:00:00Z");
    hub::StepResult result = hub::run_due_step(hub.setup(closed_url), now);
    CHECK(result.made == 1);
    CHECK(result.mailed == 0);
    CHECK(result.mail_failures == 1);
    std::vector<hub::SavedReport> saved = hub.schedules->saved_reports();
    REQUIRE(saved.size() == 1);
    CHECK(saved[0].mailed_utc_ms == 0);
    CHECK(saved[0].mail_attempts == 1);
    CHECK(saved[0].last_error.find("127.0.0.1") != std::string::npos);
    CHECK(saved[0].next_attempt_utc_ms == now + 5 * 60000);
    CHECK(read_binary_file(hub.data + "/reports/" + saved[0].file_name) == kFakePdf);

    SmtpSink sink(hub.folder.file("sink"));
    // Before the backoff has passed, nothing is tried.
    result = hub::run_due_step(hub.setup(sink.url()), now + 60000);
    CHECK(result.mailed + result.mail_failures == 0);
    CHECK(sink.messages().empty());
    result = hub::run_due_step(hub.setup(sink.url()), now + 6 * 60000);
    CHECK(result.mailed == 1);
    CHECK(result.made == 0);
    const std::vector<nlohmann::json> messages = sink.messages();
    REQUIRE(messages.size() == 1);
    CHECK(read_binary_file(messages[0]["attachments"][0]["path"]) == kFakePdf);
    saved = hub.schedules->saved_reports();
    CHECK(saved[0].mailed_utc_ms == now + 6 * 60000);
    CHECK(saved[0].last_error.empty());
}

TEST_CASE("Report mail: a refused recipient is recorded and retried with backoff",
          "[hub][report-mail]") {
    MailHub hub;
    SmtpSink sink(hub.folder.file("sink"));
    std::string error;
    REQUIRE(hub.schedules->set_email("mgr", "refuse-me@example.org", error));
    hub.add_schedule("mgr", ReportCadence::monthly, "county-museum");
    const int64_t now = utc("2026-12-01T06:00:00Z");
    CHECK(hub::run_due_step(hub.setup(sink.url()), now).mail_failures == 1);
    CHECK(hub::run_due_step(hub.setup(sink.url()), now + 5 * 60000).mail_failures == 1);
    const hub::SavedReport saved = hub.schedules->saved_reports().at(0);
    CHECK(saved.mail_attempts == 2);
    CHECK(saved.last_error.find("550") != std::string::npos);
    CHECK(saved.next_attempt_utc_ms == now + 5 * 60000 + 10 * 60000);
    CHECK(sink.messages().empty());
    CHECK(hub::next_mail_attempt(0, 1) == 5 * 60000);
    CHECK(hub::next_mail_attempt(0, 3) == 20 * 60000);
    CHECK(hub::next_mail_attempt(0, 40) == 6 * 3600000);
}

TEST_CASE("Report mail: a report that cannot be made is retried at the next step",
          "[hub][report-mail]") {
    MailHub hub;
    const int64_t id = hub.add_schedule("mgr", ReportCadence::monthly, "county-museum");
    hub::SchedulerSetup setup = hub.setup("");
    setup.make_report = [](const hub::ReportJob&, std::string& error) {
        error = "the store is locked";
        return std::optional<hub::MadeReport>();
    };
    const int64_t now = utc("2026-12-01T06:00:00Z");
    CHECK(hub::run_due_step(setup, now).make_failures == 1);
    CHECK(hub.schedules->schedules("mgr").at(0).last_error == "the store is locked");
    CHECK(hub.schedules->saved_reports().empty());
    // Without mail settings the report is made and kept, waiting to be mailed.
    CHECK(hub::run_due_step(hub.setup(""), now + 60000).made == 1);
    CHECK(hub.schedules->schedules("mgr").at(0).last_error.empty());
    CHECK(hub.schedules->saved_reports().at(0).schedule_id == id);
    CHECK(hub.schedules->saved_reports().at(0).recipient == "mgr@example.org");
}

TEST_CASE("Report mail: periods are the venue's local month and Monday..Sunday week",
          "[hub][report-mail]") {
    // 2026-11-30T16:30Z is 1 December 00:30 in Beijing: November is due.
    CHECK(hub::due_period(ReportCadence::monthly, utc("2026-11-30T16:30:00Z"), 480).key ==
          "2026-11");
    CHECK(hub::due_period(ReportCadence::monthly, utc("2026-11-30T15:30:00Z"), 480).key ==
          "2026-10");
    CHECK(hub::due_period(ReportCadence::monthly, utc("2026-01-01T00:00:00Z"), 0).key == "2025-12");
    const hub::ReportPeriod week =
        hub::due_period(ReportCadence::weekly, utc("2026-12-06T17:00:00Z"), 480); // Mon 01:00
    CHECK(week.key == "2026-11-30/2026-12-06");
    CHECK(week.days == DayRange{"2026-11-30", "2026-12-06"});
    CHECK(hub::due_period(ReportCadence::weekly, utc("2026-12-06T15:00:00Z"), 480).key ==
          "2026-11-23/2026-11-29");
}

TEST_CASE("Report mail: a silent kiosk is mailed once to the province and its venue until it "
          "clears",
          "[hub][report-mail]") {
    MailHub hub;
    SmtpSink sink(hub.folder.file("sink"));
    require_ok(run_hub_command(hub.folder, "admin add-kiosk --data " + hub.data +
                                               " --venue county-museum --id k-hall"));
    const int64_t added = hub.store->find_kiosk("k-hall")->created_utc_ms;
    const int64_t silent = added + 8 * kMsPerDay; // more than the 7 days
    hub::StepResult result = hub::run_due_step(hub.setup(sink.url()), silent);
    CHECK(result.alerts_mailed == 2);
    std::vector<nlohmann::json> messages = sink.messages();
    REQUIRE(messages.size() == 2);
    std::set<std::string> recipients;
    for (const nlohmann::json& mail : messages) {
        recipients.insert(mail["to"].get<std::string>());
        CHECK(mail["subject"] == "提醒：县博物馆 的终端 k-hall 长时间未联系");
        CHECK(mail["body"].get<std::string>().find("从未联系") != std::string::npos);
        CHECK(mail["attachments"].empty());
    }
    CHECK(recipients == std::set<std::string>{"admin@example.org", "mgr@example.org"});

    CHECK(hub::run_due_step(hub.setup(sink.url()), silent + 3600000).alerts_mailed == 0);
    // It is heard from: the condition clears, nothing is mailed.
    exec_hub_sql(hub.data, "UPDATE kiosks SET last_seen_utc_ms = " + std::to_string(silent) +
                               " WHERE id = 'k-hall'");
    CHECK(hub::run_due_step(hub.setup(sink.url()), silent + 7200000).alerts_mailed == 0);
    // Silent again later: a new condition, mailed again.
    result = hub::run_due_step(hub.setup(sink.url()), silent + 9 * kMsPerDay);
    CHECK(result.alerts_mailed == 2);
    messages = sink.messages();
    REQUIRE(messages.size() == 4);
    CHECK(messages[3]["body"].get<std::string>().find("最后联系") != std::string::npos);
}

TEST_CASE("Report mail: an alert that cannot be sent is tried again at the next step",
          "[hub][report-mail]") {
    MailHub hub;
    require_ok(run_hub_command(hub.folder, "admin add-kiosk --data " + hub.data +
                                               " --venue truck --id k-truck"));
    const int64_t silent = hub.store->find_kiosk("k-truck")->created_utc_ms + 8 * kMsPerDay;
    std::string closed_url;
    {
        SmtpSink gone(hub.folder.file("gone"));
        closed_url = gone.url();
    }
    CHECK(hub::run_due_step(hub.setup(closed_url), silent).alert_failures == 2);
    SmtpSink sink(hub.folder.file("sink"));
    CHECK(hub::run_due_step(hub.setup(sink.url()), silent + 60000).alerts_mailed == 2);
    std::set<std::string> recipients;
    for (const nlohmann::json& mail : sink.messages())
        recipients.insert(mail["to"].get<std::string>());
    CHECK(recipients == std::set<std::string>{"admin@example.org", "other@example.org"});
}

TEST_CASE("Report mail: a notice not shown on a targeted kiosk is mailed once, until it is",
          "[hub][report-mail]") {
    MailHub hub;
    SmtpSink sink(hub.folder.file("sink"));
    require_ok(run_hub_command(hub.folder, "admin add-kiosk --data " + hub.data +
                                               " --venue county-museum --id k-hall"));
    const int64_t sent = utc("2026-12-01T00:00:00Z");
    const SecretKey key = generate_key();
    REQUIRE(store_notice(*hub.notices,
                         make_notice("quake-1", {"county-museum"}, sent, sent + 72 * kNoticeHourMs),
                         key, sent) == hub::AddNoticeOutcome::Added);
    // The kiosk syncs (not silent) but never reports the notice shown.
    exec_hub_sql(hub.data, "UPDATE kiosks SET last_seen_utc_ms = " +
                               std::to_string(sent + 25 * kNoticeHourMs) + " WHERE id = 'k-hall'");
    hub::SchedulerSetup setup = hub.setup(sink.url());
    CHECK(hub::run_due_step(setup, sent + 23 * kNoticeHourMs).alerts_mailed == 0); // not yet 24 h
    CHECK(hub::run_due_step(setup, sent + 25 * kNoticeHourMs).alerts_mailed == 2);
    const std::vector<nlohmann::json> messages = sink.messages();
    REQUIRE(messages.size() == 2);
    CHECK(messages[0]["subject"] ==
          "提醒：应急通知“地震预警：请立即避险”未送达 县博物馆 的部分终端");
    CHECK(messages[0]["body"].get<std::string>().find("k-hall") != std::string::npos);
    CHECK(hub::run_due_step(setup, sent + 26 * kNoticeHourMs).alerts_mailed == 0);
    // Shown: it clears.
    std::string error;
    REQUIRE(hub.notices->store_receipts("k-hall", "county-museum",
                                        {{"quake-1", sent + 26 * kNoticeHourMs, true, 3, 1}},
                                        sent + 26 * kNoticeHourMs, error));
    CHECK(hub::run_due_step(setup, sent + 27 * kNoticeHourMs).alerts_mailed == 0);
    CHECK(sink.messages().size() == 2);
}

TEST_CASE("Report mail: a review expiring within 30 days is mailed to the province once",
          "[hub][report-mail]") {
    MailHub hub;
    SmtpSink sink(hub.folder.file("sink"));
    LibraryKeys keys(hub.folder);
    require_ok(run_hub_command(hub.folder, "admin add-publisher --data " + hub.data +
                                               " --name 省科协 --public-key publisher.pub"));
    require_ok(run_hub_command(hub.folder, "admin add-reviewer --data " + hub.data +
                                               " --name 王专家 --organization 省科学院 --field "
                                               "物理 --public-key reviewer.pub"));
    const std::string package = keys.make_package("cells", "1.0.0", &keys.publisher);
    keys.review(package, keys.reviewer, "approved", "2026-12-20");
    require_ok(
        run_hub_command(hub.folder, "content add --data " + hub.data + " '" + package + "'"));
    hub::SchedulerSetup setup = hub.setup(sink.url());
    CHECK(hub::run_due_step(setup, utc("2026-11-10T00:00:00Z")).alerts_mailed == 0); // 40 days
    CHECK(hub::run_due_step(setup, utc("2026-11-25T00:00:00Z")).alerts_mailed == 1);
    CHECK(hub::run_due_step(setup, utc("2026-11-26T00:00:00Z")).alerts_mailed == 0);
    const std::vector<nlohmann::json> messages = sink.messages();
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["to"] == "admin@example.org");
    CHECK(messages[0]["subject"] == "提醒：《cells 展项》的科学审查将于 2026-12-20 到期");
}

TEST_CASE("Report mail: a run claimed by a process that died is taken over after an hour",
          "[hub][report-mail]") {
    MailHub hub;
    const int64_t id = hub.add_schedule("mgr", ReportCadence::monthly, "county-museum");
    const int64_t now = utc("2026-12-01T06:00:00Z");
    std::string error;
    CHECK(hub.schedules->claim_run(id, "2026-11", now, error) == hub::ClaimOutcome::claimed);
    // Its maker never finished: another process, within the hour, leaves it.
    CHECK(hub::run_due_step(hub.setup(""), now + 30 * 60000).made == 0);
    CHECK(hub::run_due_step(hub.setup(""), now + 61 * 60000).made == 1);
    CHECK(hub.schedules->claim_run(id, "2026-11", now + 3 * 3600000, error) ==
          hub::ClaimOutcome::taken); // made: never again
}
