// The managers' words for a notice's CAP values (see notice_words.h).
#include "dashboard/notice_words.h"

#include "core/manager_text.h"

namespace kiosk::dashboard {

std::string notice_severity_word(const std::string& severity, Language lang) {
    if (severity == "Extreme") return manager_text("notice_severity_extreme", lang);
    if (severity == "Severe") return manager_text("notice_severity_severe", lang);
    if (severity == "Moderate") return manager_text("notice_severity_moderate", lang);
    if (severity == "Minor") return manager_text("notice_severity_minor", lang);
    return manager_text("notice_severity_unknown", lang);
}

std::string notice_status_word(const std::string& status, Language lang) {
    if (status == "Exercise") return manager_text("notice_status_exercise", lang);
    if (status == "Test") return manager_text("notice_status_test", lang);
    return manager_text("notice_status_actual", lang);
}

std::string notice_urgency_word(const std::string& urgency, Language lang) {
    if (urgency == "Immediate") return manager_text("notice_urgency_immediate", lang);
    if (urgency == "Expected") return manager_text("notice_urgency_expected", lang);
    if (urgency == "Future") return manager_text("notice_urgency_future", lang);
    if (urgency == "Past") return manager_text("notice_urgency_past", lang);
    return manager_text("notice_severity_unknown", lang);
}

std::string notice_certainty_word(const std::string& certainty, Language lang) {
    if (certainty == "Observed") return manager_text("notice_certainty_observed", lang);
    if (certainty == "Likely") return manager_text("notice_certainty_likely", lang);
    if (certainty == "Possible") return manager_text("notice_certainty_possible", lang);
    if (certainty == "Unlikely") return manager_text("notice_certainty_unlikely", lang);
    return manager_text("notice_severity_unknown", lang);
}

std::string notice_category_word(const std::string& category, Language lang) {
    if (category == "Safety") return manager_text("notice_category_safety", lang);
    if (category == "Geo") return manager_text("notice_category_geo", lang);
    if (category == "Met") return manager_text("notice_category_met", lang);
    if (category == "Security") return manager_text("notice_category_security", lang);
    if (category == "Rescue") return manager_text("notice_category_rescue", lang);
    if (category == "Fire") return manager_text("notice_category_fire", lang);
    if (category == "Health") return manager_text("notice_category_health", lang);
    if (category == "Env") return manager_text("notice_category_env", lang);
    if (category == "Transport") return manager_text("notice_category_transport", lang);
    if (category == "Infra") return manager_text("notice_category_infra", lang);
    if (category == "CBRNE") return manager_text("notice_category_cbrne", lang);
    return manager_text("notice_category_other", lang);
}

std::string notice_type_word(const std::string& type, Language lang) {
    if (type == "Update") return manager_text("notice_type_update", lang);
    if (type == "Cancel") return manager_text("notice_type_cancel", lang);
    return manager_text("notice_type_alert", lang);
}

} // namespace kiosk::dashboard
