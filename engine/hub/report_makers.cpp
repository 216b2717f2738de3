// Making scheduled reports (report_makers.h).
#include "report_makers.h"

#include "core/checked_sum.h"
#include "core/manager_text.h"
#include "core/private_files.h"
#include "core/random_id.h"
#include "dashboard_data.h"
#include "monthly_report_data.h"
#include "report/monthly_report.h"

#include <filesystem>

namespace kiosk::hub {
namespace {

std::optional<MadeReport> make_monthly(const ReportSources& sources, const ReportJob& job,
                                       std::string& error) {
    MonthlyRequest request;
    request.venue = job.schedule.venue;
    request.month = job.period.key;
    request.language = job.schedule.language;
    request.utc_offset_min = job.utc_offset_min;
    request.now_utc_ms = job.now_utc_ms;
    request.silent_alert_days = sources.silent_alert_days;
    const std::optional<report::MonthlyReport> month =
        collect_monthly_report(*sources.store, sources.library, sources.notices, request, error);
    if (!month) return std::nullopt;
    std::optional<std::string> pdf = report::render_monthly_pdf(*month, error);
    if (!pdf) return std::nullopt;
    const Language lang = job.schedule.language;
    const report::MonthFigures& figures = month->this_month;
    std::string summary = figures.known ? manager_text("report_mail_month_summary", lang,
                                                       {{"visitors", figures.visitors},
                                                        {"visits", figures.exhibit_visits},
                                                        {"answers", figures.quiz_answers}})
                                        : manager_text("report_mail_no_data", lang);
    return MadeReport{std::move(*pdf), "pdf", "application/pdf", std::move(summary)};
}

std::optional<MadeReport> make_weekly(const ReportSources& sources, const ReportJob& job,
                                      std::string& error) {
    const dashboard::DashboardFilter filter{job.schedule.venue, job.period.days.from,
                                            job.period.days.to, job.schedule.language};
    const dashboard::DashboardData data =
        load_dashboard(*sources.store, job.owner, filter, job.now_utc_ms, sources.silent_alert_days,
                       sources.library, job.utc_offset_min);
    if (data.unreadable.any()) { // never a report with tables silently missing
        error = "the week's numbers cannot be read: " + data.unreadable_detail;
        return std::nullopt;
    }
    namespace fs = std::filesystem;
    const std::string folder = reports_folder(sources.data_dir);
    if (!make_private_folder(folder, error)) return std::nullopt;
    const std::string path = folder + "/.weekly-" + make_random_id() + ".xlsx";
    std::optional<std::string> bytes;
    if (stats::write_xlsx(dashboard_reports(data), path, error))
        bytes = read_saved_report(sources.data_dir, fs::path(path).filename().string(), error);
    std::error_code ignored;
    fs::remove(path, ignored);
    if (!bytes) return std::nullopt;
    CheckedSum visitors;
    int64_t active_days = 0;
    for (const dashboard::DayVisitors& day : data.visitors_per_day) {
        visitors += day.sessions;
        active_days += day.sessions > 0 ? 1 : 0;
    }
    if (!visitors.value()) {
        error = "the week's visitors exceed 64 bits";
        return std::nullopt;
    }
    std::string summary = manager_text("report_mail_week_summary", job.schedule.language,
                                       {{"visitors", *visitors.value()}, {"days", active_days}});
    return MadeReport{std::move(*bytes), "xlsx",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      std::move(summary)};
}

} // namespace

ReportMaker hub_report_maker(ReportSources sources) {
    return [sources](const ReportJob& job, std::string& error) -> std::optional<MadeReport> {
        if (job.schedule.venue.empty() ? job.owner.role != "province_admin"
                                       : !may_see_venue(job.owner, job.schedule.venue)) {
            error = job.owner.name + " may not see " +
                    (job.schedule.venue.empty() ? "every venue" : job.schedule.venue);
            return std::nullopt;
        }
        return job.schedule.cadence == ReportCadence::monthly ? make_monthly(sources, job, error)
                                                              : make_weekly(sources, job, error);
    };
}

} // namespace kiosk::hub
