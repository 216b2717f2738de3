// The managers' words for a notice's CAP values (issue 18): "Severe" is 严重,
// "Exercise" 演练, "Update" 更新, "Geo" 地质、地震, in the manager's language,
// from manager-strings. One place for the dashboard's notices page and the
// kiosk-hub notice commands. Input is CAP's own spelling (sync::to_cap);
// anything else is the "unknown"/"other" word. Not HTML-escaped.
#pragma once

#include "core/bilingual.h"

#include <string>

namespace kiosk::dashboard {

std::string notice_type_word(const std::string& msg_type, Language lang);
std::string notice_status_word(const std::string& status, Language lang);
std::string notice_severity_word(const std::string& severity, Language lang);
std::string notice_urgency_word(const std::string& urgency, Language lang);
std::string notice_certainty_word(const std::string& certainty, Language lang);
std::string notice_category_word(const std::string& category, Language lang);

} // namespace kiosk::dashboard
