// The SQLite ReportScheduleStore (report_schedule_store.h): its tables in
// hub.db, opened by open_hub_database (same file rules and hub migrations)
// with their own schema version in report_schema. Every value is bound.
//
//   report_schema(version)                       one row: the steps applied
//   user_emails(user, email)                     a user's address for reports and alerts
//   report_schedules(id, user, cadence, venue, language, created_utc_ms, last_error)
//   report_runs(schedule_id, period, claimed_utc_ms, report_id)
//       PRIMARY KEY(schedule_id, period): a run exists once, in every process
//   saved_reports(id, schedule_id, owner, cadence, venue, period, language,
//       file_name, content_type, bytes, made_utc_ms, recipient, mailed_utc_ms,
//       mail_attempts, next_attempt_utc_ms, last_error)
//   alert_mails(condition, recipient, mailed_utc_ms)  one row per alert mailed
#include "report_schedule_store.h"

#include "core/log.h"
#include "core/sqlite_statement.h"
#include "sqlite_hub_store.h"

#include <filesystem>
#include <mutex>

namespace kiosk::hub {
namespace {

const char* const kReportSteps[] = {
    R"sql(
CREATE TABLE user_emails(
  user TEXT PRIMARY KEY REFERENCES users(name),
  email TEXT NOT NULL);
CREATE TABLE report_schedules(
  id INTEGER PRIMARY KEY,
  user TEXT NOT NULL REFERENCES users(name),
  cadence TEXT NOT NULL,
  venue TEXT NOT NULL,
  language TEXT NOT NULL,
  created_utc_ms INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  UNIQUE(user, cadence, venue, language));
CREATE TABLE report_runs(
  schedule_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  claimed_utc_ms INTEGER NOT NULL,
  report_id INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(schedule_id, period)) WITHOUT ROWID;
CREATE TABLE saved_reports(
  id INTEGER PRIMARY KEY,
  schedule_id INTEGER NOT NULL,
  owner TEXT NOT NULL,
  cadence TEXT NOT NULL,
  venue TEXT NOT NULL,
  period TEXT NOT NULL,
  language TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  made_utc_ms INTEGER NOT NULL,
  recipient TEXT NOT NULL,
  mailed_utc_ms INTEGER NOT NULL DEFAULT 0,
  mail_attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_utc_ms INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '');
CREATE TABLE alert_mails(
  condition TEXT NOT NULL,
  recipient TEXT NOT NULL,
  mailed_utc_ms INTEGER NOT NULL,
  PRIMARY KEY(condition, recipient)) WITHOUT ROWID;
)sql",
    // Version 2 (issue 22): the scheduler lease of hold_scheduler_lease.
    R"sql(
CREATE TABLE scheduler_lease(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  holder TEXT NOT NULL,
  until_utc_ms INTEGER NOT NULL);
)sql",
};

constexpr int64_t kStaleClaimMs = 3600 * 1000;

bool is_constraint(const SqliteStatement& statement) {
    return (statement.error_code() & 0xff) == SQLITE_CONSTRAINT;
}

Language language_of(std::string_view code) {
    return parse_language(code).value_or(Language::Zh);
}

class SqliteReportScheduleStore final : public ReportScheduleStore {
public:
    explicit SqliteReportScheduleStore(sqlite3* db) : db_(db) {}
    ~SqliteReportScheduleStore() override { close_hub_database(db_); }
    SqliteReportScheduleStore(const SqliteReportScheduleStore&) = delete;
    SqliteReportScheduleStore& operator=(const SqliteReportScheduleStore&) = delete;

    bool set_email(const std::string& user, const std::string& email, std::string& error) override {
        if (!email.empty() && !is_valid_email_address(email)) {
            error = "--email: expected an address like name@example.org, not \"" + email + "\"";
            return false;
        }
        std::lock_guard lock(mutex_);
        if (query_user(user) == 0) {
            error = "--name: no user " + user;
            return false;
        }
        SqliteStatement write(db_, email.empty()
                                       ? "DELETE FROM user_emails WHERE user = ?1"
                                       : "INSERT INTO user_emails(user, email) VALUES(?1, ?2) "
                                         "ON CONFLICT(user) DO UPDATE SET email = excluded.email");
        write.bind(1, user);
        if (!email.empty()) write.bind(2, email);
        if (write.run()) return true;
        error = "storing the address: " + write.error();
        return false;
    }

    std::string email_of(const std::string& user) override {
        std::lock_guard lock(mutex_);
        SqliteStatement select(db_, "SELECT email FROM user_emails WHERE user = ?1");
        return select.bind(1, user).next() ? select.text(0) : "";
    }

    int64_t add_schedule(const ReportSchedule& schedule, std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement insert(db_, "INSERT INTO report_schedules(user, cadence, venue, language, "
                                    "created_utc_ms) VALUES(?1, ?2, ?3, ?4, ?5)");
        insert.bind(1, schedule.user).bind(2, cadence_name(schedule.cadence));
        insert.bind(3, schedule.venue).bind(4, language_code(schedule.language));
        insert.bind(5, schedule.created_utc_ms);
        if (insert.run()) return sqlite3_last_insert_rowid(db_);
        error = is_constraint(insert)
                    ? "the same schedule exists already (or no user " + schedule.user + ")"
                    : "storing the schedule: " + insert.error();
        return 0;
    }

    bool remove_schedule(int64_t id, const std::string& user, std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteTransaction transaction(db_);
        if (!transaction.begin(error)) return false;
        SqliteStatement remove(db_, "DELETE FROM report_schedules WHERE id = ?1 AND user = ?2");
        if (!remove.bind(1, id).bind(2, user).run()) {
            error = "removing the schedule: " + remove.error();
            return false;
        }
        if (sqlite3_changes(db_) == 0) {
            error = "no schedule " + std::to_string(id) + " of " + user;
            return false;
        }
        SqliteStatement runs(db_, "DELETE FROM report_runs WHERE schedule_id = ?1");
        if (!runs.bind(1, id).run()) {
            error = "removing the schedule's runs: " + runs.error();
            return false;
        }
        return transaction.commit(error);
    }

    std::vector<ReportSchedule> schedules(const std::string& user) override {
        std::lock_guard lock(mutex_);
        std::vector<ReportSchedule> result;
        SqliteStatement select(db_, "SELECT id, user, cadence, venue, language, created_utc_ms, "
                                    "last_error FROM report_schedules "
                                    "WHERE ?1 = '' OR user = ?1 ORDER BY id");
        select.bind(1, user);
        while (select.next()) {
            const std::optional<ReportCadence> cadence = parse_cadence(select.text_view(2));
            if (!cadence) continue; // written by a newer kiosk-hub
            result.push_back({select.integer(0), select.text(1), *cadence, select.text(3),
                              language_of(select.text_view(4)), select.integer(5), select.text(6)});
        }
        if (!select.ok()) log_warning("hub.db: reading report schedules: " + select.error());
        return result;
    }

    void set_schedule_error(int64_t id, const std::string& error_text) override {
        std::lock_guard lock(mutex_);
        SqliteStatement update(db_, "UPDATE report_schedules SET last_error = ?2 WHERE id = ?1");
        if (!update.bind(1, id).bind(2, error_text).run())
            log_warning("hub.db: recording a schedule's error: " + update.error());
    }

    ClaimOutcome claim_run(int64_t schedule_id, const std::string& period, int64_t now_ms,
                           std::string& error) override {
        std::lock_guard lock(mutex_);
        // A claim without a report after kStaleClaimMs is a process that
        // died while making it: taken over, in the same statement.
        SqliteStatement insert(db_, "INSERT INTO report_runs(schedule_id, period, claimed_utc_ms) "
                                    "VALUES(?1, ?2, ?3) ON CONFLICT(schedule_id, period) DO "
                                    "UPDATE SET claimed_utc_ms = excluded.claimed_utc_ms "
                                    "WHERE report_id = 0 AND claimed_utc_ms < ?4");
        insert.bind(1, schedule_id).bind(2, period).bind(3, now_ms).bind(4, now_ms - kStaleClaimMs);
        if (!insert.run()) {
            error = "claiming the run: " + insert.error();
            return ClaimOutcome::failed;
        }
        return sqlite3_changes(db_) == 1 ? ClaimOutcome::claimed : ClaimOutcome::taken;
    }

    void release_run(int64_t schedule_id, const std::string& period) override {
        std::lock_guard lock(mutex_);
        SqliteStatement remove(db_, "DELETE FROM report_runs WHERE schedule_id = ?1 AND "
                                    "period = ?2 AND report_id = 0");
        if (!remove.bind(1, schedule_id).bind(2, period).run())
            log_warning("hub.db: releasing a report run: " + remove.error());
    }

    bool add_saved_report(SavedReport& report, std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteTransaction transaction(db_);
        if (!transaction.begin(error)) return false;
        SqliteStatement insert(
            db_, "INSERT INTO saved_reports(schedule_id, owner, cadence, venue, period, language, "
                 "file_name, content_type, bytes, made_utc_ms, recipient, next_attempt_utc_ms) "
                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)");
        insert.bind(1, report.schedule_id).bind(2, report.owner);
        insert.bind(3, cadence_name(report.cadence)).bind(4, report.venue).bind(5, report.period);
        insert.bind(6, language_code(report.language)).bind(7, report.file_name);
        insert.bind(8, report.content_type).bind(9, report.bytes).bind(10, report.made_utc_ms);
        insert.bind(11, report.recipient);
        if (!insert.run()) {
            error = "storing the saved report: " + insert.error();
            return false;
        }
        report.id = sqlite3_last_insert_rowid(db_);
        SqliteStatement run(db_, "UPDATE report_runs SET report_id = ?3 WHERE schedule_id = ?1 "
                                 "AND period = ?2");
        if (!run.bind(1, report.schedule_id).bind(2, report.period).bind(3, report.id).run()) {
            error = "recording the run: " + run.error();
            return false;
        }
        return transaction.commit(error);
    }

    std::vector<SavedReport> saved_reports() override {
        std::lock_guard lock(mutex_);
        return select_reports("WHERE ?1 = ?1 ORDER BY id DESC", 0);
    }

    std::optional<SavedReport> find_saved_report(int64_t id) override {
        std::lock_guard lock(mutex_);
        std::vector<SavedReport> found = select_reports("WHERE id = ?1", id);
        if (found.empty()) return std::nullopt;
        return std::move(found.front());
    }

    std::vector<SavedReport> reports_to_mail(int64_t now_ms) override {
        std::lock_guard lock(mutex_);
        return select_reports("WHERE recipient <> '' AND mailed_utc_ms = 0 AND "
                              "next_attempt_utc_ms <= ?1 ORDER BY id",
                              now_ms);
    }

    void record_mailed(int64_t id, int64_t now_ms) override {
        std::lock_guard lock(mutex_);
        SqliteStatement update(db_, "UPDATE saved_reports SET mailed_utc_ms = ?2, "
                                    "last_error = '' WHERE id = ?1");
        if (!update.bind(1, id).bind(2, now_ms).run())
            log_warning("hub.db: recording a mailed report: " + update.error());
    }

    void record_mail_failure(int64_t id, const std::string& error_text,
                             int64_t next_attempt_ms) override {
        std::lock_guard lock(mutex_);
        SqliteStatement update(db_, "UPDATE saved_reports SET mail_attempts = mail_attempts + 1, "
                                    "last_error = ?2, next_attempt_utc_ms = ?3 WHERE id = ?1");
        if (!update.bind(1, id).bind(2, error_text).bind(3, next_attempt_ms).run())
            log_warning("hub.db: recording a mail failure: " + update.error());
    }

    bool alert_mailed(const std::string& condition, const std::string& recipient) override {
        std::lock_guard lock(mutex_);
        SqliteStatement select(db_, "SELECT 1 FROM alert_mails WHERE condition = ?1 AND "
                                    "recipient = ?2");
        return select.bind(1, condition).bind(2, recipient).next();
    }

    void record_alert(const std::string& condition, const std::string& recipient,
                      int64_t now_ms) override {
        std::lock_guard lock(mutex_);
        SqliteStatement insert(db_, "INSERT OR IGNORE INTO alert_mails(condition, recipient, "
                                    "mailed_utc_ms) VALUES(?1, ?2, ?3)");
        if (!insert.bind(1, condition).bind(2, recipient).bind(3, now_ms).run())
            log_warning("hub.db: recording an alert mail: " + insert.error());
    }

    bool hold_scheduler_lease(const std::string& holder, int64_t now_ms,
                              int64_t lease_ms) override {
        std::lock_guard lock(mutex_);
        SqliteStatement take(db_, "INSERT INTO scheduler_lease(id, holder, until_utc_ms) "
                                  "VALUES(1, ?1, ?2) ON CONFLICT(id) DO UPDATE SET "
                                  "holder = excluded.holder, until_utc_ms = excluded.until_utc_ms "
                                  "WHERE scheduler_lease.holder = excluded.holder "
                                  "OR scheduler_lease.until_utc_ms <= ?3");
        if (!take.bind(1, holder).bind(2, now_ms + lease_ms).bind(3, now_ms).run()) {
            log_warning("hub.db: taking the scheduler lease: " + take.error());
            return false;
        }
        return sqlite3_changes(db_) == 1;
    }

    void release_scheduler_lease(const std::string& holder) override {
        std::lock_guard lock(mutex_);
        SqliteStatement release(db_, "DELETE FROM scheduler_lease WHERE holder = ?1");
        if (!release.bind(1, holder).run())
            log_warning("hub.db: releasing the scheduler lease: " + release.error());
    }

    void clear_alerts_except(const std::set<std::string>& active) override {
        std::lock_guard lock(mutex_);
        std::vector<std::string> cleared;
        SqliteStatement select(db_, "SELECT DISTINCT condition FROM alert_mails");
        while (select.next())
            if (!active.contains(select.text(0))) cleared.push_back(select.text(0));
        SqliteStatement remove(db_, "DELETE FROM alert_mails WHERE condition = ?1");
        for (const std::string& condition : cleared) {
            remove.reset();
            if (!remove.bind(1, condition).run())
                log_warning("hub.db: clearing an alert: " + remove.error());
        }
    }

private:
    int64_t query_user(const std::string& user) {
        SqliteStatement select(db_, "SELECT count(*) FROM users WHERE name = ?1");
        return select.bind(1, user).next() ? select.integer(0) : 0;
    }

    std::vector<SavedReport> select_reports(const std::string& where, int64_t value) {
        std::vector<SavedReport> result;
        SqliteStatement rows(db_, "SELECT id, schedule_id, owner, cadence, venue, period, "
                                  "language, file_name, content_type, bytes, made_utc_ms, "
                                  "recipient, mailed_utc_ms, mail_attempts, next_attempt_utc_ms, "
                                  "last_error FROM saved_reports " +
                                      where);
        rows.bind(1, value);
        while (rows.next()) {
            SavedReport report;
            report.id = rows.integer(0);
            report.schedule_id = rows.integer(1);
            report.owner = rows.text(2);
            report.cadence = parse_cadence(rows.text_view(3)).value_or(ReportCadence::monthly);
            report.venue = rows.text(4);
            report.period = rows.text(5);
            report.language = language_of(rows.text_view(6));
            report.file_name = rows.text(7);
            report.content_type = rows.text(8);
            report.bytes = rows.integer(9);
            report.made_utc_ms = rows.integer(10);
            report.recipient = rows.text(11);
            report.mailed_utc_ms = rows.integer(12);
            report.mail_attempts = rows.integer(13);
            report.next_attempt_utc_ms = rows.integer(14);
            report.last_error = rows.text(15);
            result.push_back(std::move(report));
        }
        if (!rows.ok()) log_warning("hub.db: reading saved reports: " + rows.error());
        return result;
    }

    std::mutex mutex_; // one statement sequence at a time on db_
    sqlite3* db_;
};

bool is_atext(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

bool is_label_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

} // namespace

const char* cadence_name(ReportCadence cadence) {
    return cadence == ReportCadence::weekly ? "weekly" : "monthly";
}

std::optional<ReportCadence> parse_cadence(std::string_view name) {
    if (name == "monthly") return ReportCadence::monthly;
    if (name == "weekly") return ReportCadence::weekly;
    return std::nullopt;
}

bool is_valid_email_address(std::string_view address) {
    if (address.size() < 3 || address.size() > 254) return false;
    const size_t at = address.find('@');
    if (at == std::string_view::npos || at == 0 || at > 64 ||
        address.find('@', at + 1) != std::string_view::npos)
        return false;
    const std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return false;
    for (char c : local)
        if (c != '.' && !is_atext(c)) return false;
    size_t labels = 0, start = 0;
    while (start <= domain.size()) {
        size_t end = domain.find('.', start);
        if (end == std::string_view::npos) end = domain.size();
        const std::string_view label = domain.substr(start, end - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (char c : label)
            if (!is_label_char(c)) return false;
        ++labels;
        start = end + 1;
    }
    return labels >= 2;
}

std::unique_ptr<ReportScheduleStore> open_sqlite_report_schedule_store(const std::string& data_dir,
                                                                       std::string& error) {
    sqlite3* db = open_hub_database(data_dir, error);
    if (!db) return nullptr;
    auto store = std::make_unique<SqliteReportScheduleStore>(db);
    if (!migrate_hub_part(db, "report_schema", kReportSteps, "report schedules", error)) {
        error = (std::filesystem::path(data_dir) / "hub.db").string() + ": " + error;
        return nullptr;
    }
    return store;
}

} // namespace kiosk::hub
