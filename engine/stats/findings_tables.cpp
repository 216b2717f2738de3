// Findings as ReportTables (see findings_tables.h); titles and headers are the
// managers' words "report_" + key, like every other report.
#include "findings_tables.h"

#include "core/manager_text.h"

namespace kiosk::stats {
namespace {

ReportTable make_findings_table(const std::string& key, std::initializer_list<const char*> columns,
                                Language language) {
    ReportTable table;
    table.key = key;
    table.title = manager_text("report_" + key, language);
    for (const char* column : columns)
        table.columns.push_back({column, manager_text("report_" + std::string(column), language)});
    return table;
}

ReportCell share(int64_t visitors, int64_t of) {
    if (of <= 0) return ReportCell{};
    return ReportCell::of_decimal(100.0 * double(visitors) / double(of));
}

} // namespace

void add_findings_tables(const std::vector<ExhibitFindings>& exhibits, Language language, bool full,
                         ReportSet& set) {
    using Cell = ReportCell;
    if (!full) {
        ReportTable table = make_findings_table(
            "findings", {"exhibit", "title", "finding", "visitors", "events"}, language);
        for (const ExhibitFindings& exhibit : exhibits)
            for (const Finding& finding : exhibit.findings) {
                table.rows.push_back(
                    {Cell::of_text(exhibit.exhibit), Cell::of_text(exhibit.title),
                     Cell::of_text(finding_share_text(finding, exhibit.visitors, language)),
                     Cell::of_integer(finding.visitors), Cell::of_integer(finding.events)});
                for (const FindingValue& value : finding.values)
                    table.rows.push_back(
                        {Cell{}, Cell{},
                         Cell::of_text("  " +
                                       finding_value_share_text(value, exhibit.visitors, language)),
                         Cell::of_integer(value.visitors), Cell{}});
            }
        set.tables.push_back(std::move(table));
        return;
    }
    ReportTable by_event = make_findings_table(
        "findings",
        {"exhibit", "title", "event", "events", "visitors", "exhibit_visitors", "share_percent"},
        language);
    ReportTable by_value = make_findings_table("finding_values",
                                               {"exhibit", "event", "field", "field_value",
                                                "visitors", "exhibit_visitors", "share_percent"},
                                               language);
    for (const ExhibitFindings& exhibit : exhibits)
        for (const Finding& finding : exhibit.findings) {
            by_event.rows.push_back({Cell::of_text(exhibit.exhibit), Cell::of_text(exhibit.title),
                                     Cell::of_text(finding.event), Cell::of_integer(finding.events),
                                     Cell::of_integer(finding.visitors),
                                     Cell::of_integer(exhibit.visitors),
                                     share(finding.visitors, exhibit.visitors)});
            for (const FindingValue& value : finding.values)
                by_value.rows.push_back(
                    {Cell::of_text(exhibit.exhibit), Cell::of_text(finding.event),
                     Cell::of_text(value.field), Cell::of_text(value.value),
                     Cell::of_integer(value.visitors), Cell::of_integer(exhibit.visitors),
                     share(value.visitors, exhibit.visitors)});
        }
    set.tables.push_back(std::move(by_event));
    set.tables.push_back(std::move(by_value));
}

} // namespace kiosk::stats
