// Gathering finding rollups under their exhibits, and the share sentences
// (see findings.h); the sentences are the managers' words
// (core/manager-strings.lua, finding_*).
#include "findings.h"

#include "manager_text.h"

#include <algorithm>
#include <cmath>

namespace kiosk {

void FindingsGatherer::add(std::string_view kind, const std::string& subject,
                           std::string_view metric, int64_t value) {
    // EXHIBIT/EVENT[/FIELD=VALUE]: ids and names hold no '/' or '='.
    const size_t event_slash = subject.find('/');
    if (kind == "exhibit") {
        if (metric == "visitors") exhibit_visitors_[subject] += value;
        return;
    }
    if (event_slash == std::string::npos || event_slash == 0) return;
    const std::string exhibit = subject.substr(0, event_slash);
    if (kind == "finding") {
        Sums& sums = findings_[exhibit][subject.substr(event_slash + 1)];
        if (metric == "events") sums.events += value;
        if (metric == "visitors") sums.visitors += value;
    } else if (kind == "finding_value" && metric == "visitors") {
        const size_t field_slash = subject.find('/', event_slash + 1);
        const size_t equals =
            field_slash == std::string::npos ? field_slash : subject.find('=', field_slash + 1);
        if (equals == std::string::npos) return;
        Sums& sums =
            findings_[exhibit][subject.substr(event_slash + 1, field_slash - event_slash - 1)];
        sums.values[{subject.substr(field_slash + 1, equals - field_slash - 1),
                     subject.substr(equals + 1)}] += value;
    }
}

void FindingsGatherer::set_title(const std::string& exhibit, const std::string& title) {
    titles_[exhibit] = title;
}

int64_t FindingsGatherer::total(const CheckedSum& sum) const {
    if (sum.overflowed()) overflowed_ = true;
    return sum.value().value_or(0);
}

std::vector<ExhibitFindings> FindingsGatherer::gather() const {
    std::vector<ExhibitFindings> out;
    for (const auto& [exhibit, events] : findings_) {
        ExhibitFindings entry;
        entry.exhibit = exhibit;
        if (auto title = titles_.find(exhibit); title != titles_.end()) entry.title = title->second;
        if (auto visitors = exhibit_visitors_.find(exhibit); visitors != exhibit_visitors_.end())
            entry.visitors = total(visitors->second);
        for (const auto& [event, sums] : events) {
            Finding finding{event, total(sums.events), total(sums.visitors), {}};
            for (const auto& [key, visitors] : sums.values)
                finding.values.push_back({key.first, key.second, total(visitors)});
            std::stable_sort(finding.values.begin(), finding.values.end(),
                             [](const FindingValue& a, const FindingValue& b) {
                                 if (a.field != b.field) return a.field < b.field;
                                 const bool a_other = a.value == kOtherFindingValues;
                                 const bool b_other = b.value == kOtherFindingValues;
                                 if (a_other != b_other) return b_other;
                                 return a.visitors > b.visitors;
                             });
            entry.findings.push_back(std::move(finding));
        }
        std::stable_sort(
            entry.findings.begin(), entry.findings.end(),
            [](const Finding& a, const Finding& b) { return a.visitors > b.visitors; });
        out.push_back(std::move(entry));
    }
    return out;
}

int share_percent(int64_t visitors, int64_t of) {
    if (of <= 0) return -1;
    return int(std::lround(100.0 * double(visitors) / double(of)));
}

std::string finding_share_text(const Finding& finding, int64_t exhibit_visitors,
                               Language language) {
    // Rollups from before exhibit visitors were counted have no share: a count then.
    const int percent = share_percent(finding.visitors, exhibit_visitors);
    if (percent < 0)
        return manager_text("finding_share_count", language,
                            {{"name", finding.event}, {"count", std::to_string(finding.visitors)}});
    return manager_text("finding_share", language,
                        {{"name", finding.event}, {"percent", std::to_string(percent)}});
}

std::string finding_value_share_text(const FindingValue& value, int64_t exhibit_visitors,
                                     Language language) {
    const std::string name =
        value.field + " = " +
        (value.value == kOtherFindingValues ? manager_text("finding_other_values", language)
                                            : value.value);
    const int percent = share_percent(value.visitors, exhibit_visitors);
    if (percent < 0)
        return manager_text("finding_value_share_count", language,
                            {{"name", name}, {"count", std::to_string(value.visitors)}});
    return manager_text("finding_value_share", language,
                        {{"name", name}, {"percent", std::to_string(percent)}});
}

} // namespace kiosk
