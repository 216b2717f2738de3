// Findings as managers read them (docs/curators-round-2.md, "Findings"): the
// `finding` and `finding_value` rollups gathered under their exhibit with the
// exhibit's visitors, and the share sentence "total_reflection: found by 37%
// of visitors". One model for kioskctl's reports (engine/stats), the hub's
// dashboard data and its page; each reader sums its own rollups into it.
#pragma once

#include "bilingual.h"
#include "checked_sum.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// The value under which a field's values beyond the day's cap are counted.
inline constexpr std::string_view kOtherFindingValues = "\u2026";

struct FindingValue {
    std::string field, value;
    int64_t visitors = 0;
};

struct Finding {
    std::string event; // the name as the curator wrote it in kiosk.log
    int64_t events = 0, visitors = 0;
    std::vector<FindingValue> values; // by field, then most visitors first, "…" last
};

struct ExhibitFindings {
    std::string exhibit, title; // title "" shows the id
    int64_t visitors = 0;
    std::vector<Finding> findings; // most visitors first
};

// Sums rollup rows (summed over any days and kiosks) into findings.
class FindingsGatherer {
public:
    // One row: kind `exhibit` (metric visitors), `finding` (events, visitors) or
    // `finding_value` (visitors); other rows and malformed subjects are skipped.
    void add(std::string_view kind, const std::string& subject, std::string_view metric,
             int64_t value);
    void set_title(const std::string& exhibit, const std::string& title);
    // The exhibits with at least one finding, by id.
    std::vector<ExhibitFindings> gather() const;
    // A sum did not fit in 64 bits: the gathered numbers are not to be shown.
    bool overflowed() const { return overflowed_; }

private:
    struct Sums {
        CheckedSum events, visitors;
        std::map<std::pair<std::string, std::string>, CheckedSum> values; // (field, value)
    };
    int64_t total(const CheckedSum& sum) const;
    std::map<std::string, CheckedSum> exhibit_visitors_;
    std::map<std::string, std::string> titles_;
    std::map<std::string, std::map<std::string, Sums>> findings_; // exhibit -> event
    mutable bool overflowed_ = false;
};

// `visitors` as a whole percent of `of` (rounded); -1 when `of` is 0.
int share_percent(int64_t visitors, int64_t of);

// "total_reflection：37% 的观众发现了" / "total_reflection: found by 37% of visitors".
std::string finding_share_text(const Finding& finding, int64_t exhibit_visitors, Language language);
// "angle = 45：20% 的观众" / "angle = 45: 20% of visitors" (the other values named).
std::string finding_value_share_text(const FindingValue& value, int64_t exhibit_visitors,
                                     Language language);

} // namespace kiosk
