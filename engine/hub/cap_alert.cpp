// Reading a CAP 1.2 XML alert into a notice, and routing its areas to venues
// (see cap_alert.h). This file owns the libxml2 parse and its safety settings
// (no network, no entity substitution, no DTD: a document with a DOCTYPE is
// stopped as soon as the DOCTYPE is seen, before any declaration in it is
// read), the CAP elements' rules and the mapping of the zh and en <info>
// blocks onto one bilingual sync::Notice; the Notice's own limits are
// sync::check_notice's.
//
// Index of this file:
// [SECTION] Libxml2
// [SECTION] CAP values
// [SECTION] <info>
// [SECTION] <alert>
#include "cap_alert.h"

#include "core/civil_time.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <memory>
#include <set>

namespace kiosk::hub {
namespace {

constexpr int64_t kMaxCapLifetimeMs = sync::kMaxNoticeLifetimeMs;

//-----------------------------------------------------------------------------
// [SECTION] Libxml2
//-----------------------------------------------------------------------------

// What the parse reported: the first error with its line, and whether a
// DOCTYPE was met (the parse is stopped there).
struct ParseReport {
    std::string first_error;
    int doctype_line = 0;
};

std::string trimmed(std::string_view text) {
    const char* const space = " \t\r\n";
    const size_t first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return "";
    const size_t last = text.find_last_not_of(space);
    return std::string(text.substr(first, last - first + 1));
}

void collect_error(void* context, xmlErrorPtr error) {
    auto* parser = static_cast<xmlParserCtxtPtr>(context);
    auto* report = static_cast<ParseReport*>(parser->_private);
    if (!report || !error || !report->first_error.empty()) return;
    report->first_error = "line " + std::to_string(error->line) + ": " +
                          trimmed(error->message ? error->message : "not well-formed XML");
}

void stop_at_doctype(void* context, const xmlChar*, const xmlChar*, const xmlChar*) {
    auto* parser = static_cast<xmlParserCtxtPtr>(context);
    auto* report = static_cast<ParseReport*>(parser->_private);
    report->doctype_line = parser->input ? parser->input->line : 1;
    xmlStopParser(parser);
}

struct ParserFree {
    void operator()(xmlParserCtxtPtr parser) const { xmlFreeParserCtxt(parser); }
};
struct DocFree {
    void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

DocPtr read_xml(std::string_view xml, std::string& error) {
    xmlInitParser(); // once per process; safe to repeat, and needed before threads use it
    std::unique_ptr<xmlParserCtxt, ParserFree> parser(xmlNewParserCtxt());
    if (!parser) {
        error = "the XML parser cannot start (out of memory)";
        return nullptr;
    }
    ParseReport report;
    parser->_private = &report;
    parser->sax->serror = collect_error;
    parser->sax->internalSubset = stop_at_doctype;
    // No XML_PARSE_NOENT (entities are not substituted), no DTDLOAD/DTDATTR/
    // DTDVALID (no DTD is read), no HUGE (libxml2's size limits stay).
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    DocPtr doc(xmlCtxtReadMemory(parser.get(), xml.data(), static_cast<int>(xml.size()),
                                 "alert.xml", nullptr, options));
    if (report.doctype_line > 0) {
        error = "line " + std::to_string(report.doctype_line) +
                ": <!DOCTYPE>: a CAP alert has no DOCTYPE (DTDs and entities are refused)";
        return nullptr;
    }
    if (!doc || !parser->wellFormed) {
        error = "not well-formed XML: " +
                (report.first_error.empty() ? std::string("no document") : report.first_error);
        return nullptr;
    }
    if (doc->intSubset || doc->extSubset) { // never reached: the parse stops at a DOCTYPE
        error = "<!DOCTYPE>: a CAP alert has no DOCTYPE";
        return nullptr;
    }
    return doc;
}

std::string element_text(const xmlNode* node) {
    xmlChar* content = xmlNodeGetContent(node);
    if (!content) return "";
    std::string text = trimmed(reinterpret_cast<const char*>(content));
    xmlFree(content);
    return text;
}

std::string name_of(const xmlNode* node) {
    return reinterpret_cast<const char*>(node->name);
}

std::string at_line(const xmlNode* node) {
    return " (line " + std::to_string(xmlGetLineNo(node)) + ")";
}

bool in_cap_namespace(const xmlNode* node) {
    return node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
           std::string_view(reinterpret_cast<const char*>(node->ns->href)) == kCapNamespace;
}

// The CAP elements directly under `parent`, by name, in document order.
// Elements of other namespaces (extensions) are skipped.
class Children {
public:
    explicit Children(const xmlNode* parent) : parent_(parent) {
        for (const xmlNode* child = parent->children; child; child = child->next)
            if (in_cap_namespace(child)) elements_.push_back(child);
    }

    std::vector<const xmlNode*> all(std::string_view name) const {
        std::vector<const xmlNode*> found;
        for (const xmlNode* element : elements_)
            if (name_of(element) == name) found.push_back(element);
        return found;
    }

    // The one <name> child: false with `error` when it is given twice, or
    // missing and `required`.
    bool one(std::string_view path, std::string_view name, bool required, const xmlNode*& found,
             std::string& error) const {
        const std::vector<const xmlNode*> matches = all(name);
        found = matches.empty() ? nullptr : matches.front();
        if (matches.size() > 1) {
            error = std::string(path) + std::string(name) + at_line(matches[1]) +
                    ": given twice (CAP allows one)";
            return false;
        }
        if (!found && required) {
            error = std::string(path) + std::string(name) + ": missing under <" + name_of(parent_) +
                    ">" + at_line(parent_) + " (CAP requires it)";
            return false;
        }
        return true;
    }

    // The text of the one <name> child ("" when optional and absent); a
    // required element must not be empty either.
    bool text(std::string_view path, std::string_view name, bool required, std::string& value,
              std::string& error) const {
        const xmlNode* found = nullptr;
        if (!one(path, name, required, found, error)) return false;
        value = found ? element_text(found) : "";
        if (required && value.empty()) {
            error = std::string(path) + std::string(name) + at_line(found) + ": empty";
            return false;
        }
        return true;
    }

private:
    const xmlNode* parent_;
    std::vector<const xmlNode*> elements_;
};

//-----------------------------------------------------------------------------
// [SECTION] CAP values
//-----------------------------------------------------------------------------

bool two_digits(std::string_view text, size_t at, int& value) {
    if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return false;
    value = (text[at] - '0') * 10 + (text[at + 1] - '0');
    return true;
}

// CAP's dateTime: "YYYY-MM-DDThh:mm:ss+hh:mm" or "-hh:mm" (no "Z", no
// fraction), as UTC milliseconds.
std::optional<int64_t> parse_cap_time(std::string_view text) {
    if (text.size() != 25 || (text[19] != '+' && text[19] != '-') || text[22] != ':')
        return std::nullopt;
    const std::optional<int64_t> local =
        parse_iso_utc_seconds(std::string(text.substr(0, 19)) + "Z");
    int hours = 0, minutes = 0;
    if (!local || !two_digits(text, 20, hours) || !two_digits(text, 23, minutes) || minutes > 59)
        return std::nullopt;
    const int64_t offset_min = (text[19] == '-' ? -1 : 1) * (hours * 60 + minutes);
    if (!is_valid_utc_offset_min(offset_min)) return std::nullopt;
    return *local - offset_min * kMsPerMinute;
}

bool read_time(const Children& parent, std::string_view path, std::string_view name, bool required,
               std::optional<int64_t>& value, std::string& error) {
    const xmlNode* found = nullptr;
    if (!parent.one(path, name, required, found, error)) return false;
    if (!found) return true;
    const std::string text = element_text(found);
    value = parse_cap_time(text);
    if (!value) {
        error = std::string(path) + std::string(name) + at_line(found) + ": \"" + text +
                "\" is not a CAP time (expected YYYY-MM-DDThh:mm:ss+hh:mm, e.g. "
                "2026-12-07T09:30:00+08:00)";
        return false;
    }
    return true;
}

template <typename Enum>
bool read_enum(const Children& parent, std::string_view path, std::string_view name,
               std::optional<Enum> (*parse)(std::string_view), std::string_view expected,
               Enum& value, std::string& error) {
    std::string text;
    if (!parent.text(path, name, true, text, error)) return false;
    const std::optional<Enum> parsed = parse(text);
    if (!parsed) {
        const xmlNode* found = nullptr;
        parent.one(path, name, true, found, error);
        error = std::string(path) + std::string(name) + at_line(found) + ": \"" + text +
                "\" is not one of " + std::string(expected);
        return false;
    }
    value = *parsed;
    return true;
}

// "sender,identifier,sent" items separated by whitespace.
bool read_references(std::string_view text, const xmlNode* element,
                     std::vector<sync::NoticeReference>& references, std::string& error) {
    size_t at = 0;
    while (at < text.size()) {
        const size_t start = text.find_first_not_of(" \t\r\n", at);
        if (start == std::string_view::npos) break;
        size_t end = text.find_first_of(" \t\r\n", start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view item = text.substr(start, end - start);
        at = end;
        const size_t first = item.find(','), second = item.find(',', first + 1);
        const std::optional<int64_t> sent =
            (first == std::string_view::npos || second == std::string_view::npos)
                ? std::nullopt
                : parse_cap_time(item.substr(second + 1));
        if (!sent || first == 0 || second == first + 1) {
            error = "references" + at_line(element) + ": \"" + std::string(item) +
                    "\" is not sender,identifier,sent (sent as YYYY-MM-DDThh:mm:ss+hh:mm)";
            return false;
        }
        references.push_back({std::string(item.substr(0, first)),
                              std::string(item.substr(first + 1, second - first - 1)), *sent});
    }
    if (references.empty()) {
        error = "references" + at_line(element) + ": empty";
        return false;
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] <info>
//-----------------------------------------------------------------------------

enum class InfoLanguage { Chinese, English, Other };

InfoLanguage language_of(std::string_view code) {
    std::string lower(code);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto is = [&](std::string_view primary) {
        return lower == primary ||
               (lower.size() > primary.size() && lower.compare(0, primary.size(), primary) == 0 &&
                lower[primary.size()] == '-');
    };
    if (is("zh")) return InfoLanguage::Chinese;
    if (is("en")) return InfoLanguage::English;
    return InfoLanguage::Other;
}

// One <info> as read: its language's text and the fields the notice takes.
struct InfoBlock {
    const xmlNode* element = nullptr;
    std::string language;
    std::vector<std::string> categories;
    std::string event, headline, description, instruction;
    sync::NoticeUrgency urgency = sync::NoticeUrgency::Unknown;
    sync::NoticeSeverity severity = sync::NoticeSeverity::Unknown;
    sync::NoticeCertainty certainty = sync::NoticeCertainty::Unknown;
    std::optional<int64_t> effective, expires;
    std::vector<CapArea> areas;
};

bool read_area(const xmlNode* element, CapArea& area, std::string& error) {
    const Children children(element);
    if (!children.text("info/area/", "areaDesc", true, area.description, error)) return false;
    for (const xmlNode* geocode : children.all("geocode")) {
        const Children pair(geocode);
        std::string name, value;
        if (!pair.text("info/area/geocode/", "valueName", true, name, error) ||
            !pair.text("info/area/geocode/", "value", true, value, error))
            return false;
        area.geocodes.emplace_back(name, value);
    }
    return true;
}

bool read_info(const xmlNode* element, InfoBlock& info, std::string& error) {
    const Children children(element);
    info.element = element;
    if (!children.text("info/", "language", false, info.language, error)) return false;
    if (info.language.empty()) info.language = "en-US"; // CAP 1.2's default
    for (const xmlNode* category : children.all("category")) {
        const std::string value = element_text(category);
        if (!sync::is_cap_category(value)) {
            error = "info/category" + at_line(category) + ": \"" + value +
                    "\" is not a CAP category (Geo Met Safety Security Rescue Fire Health Env "
                    "Transport Infra CBRNE Other)";
            return false;
        }
        if (std::find(info.categories.begin(), info.categories.end(), value) ==
            info.categories.end())
            info.categories.push_back(value);
    }
    if (info.categories.empty()) {
        error = "info/category: missing under <info>" + at_line(element) + " (CAP requires it)";
        return false;
    }
    if (!children.text("info/", "event", true, info.event, error) ||
        !read_enum(children, "info/", "urgency", sync::parse_notice_urgency,
                   "Immediate, Expected, Future, Past, Unknown", info.urgency, error) ||
        !read_enum(children, "info/", "severity", sync::parse_notice_severity,
                   "Extreme, Severe, Moderate, Minor, Unknown", info.severity, error) ||
        !read_enum(children, "info/", "certainty", sync::parse_notice_certainty,
                   "Observed, Likely, Possible, Unlikely, Unknown", info.certainty, error) ||
        !read_time(children, "info/", "effective", false, info.effective, error) ||
        !read_time(children, "info/", "expires", false, info.expires, error) ||
        !children.text("info/", "headline", false, info.headline, error) ||
        !children.text("info/", "description", false, info.description, error) ||
        !children.text("info/", "instruction", false, info.instruction, error))
        return false;
    for (const xmlNode* area_element : children.all("area")) {
        CapArea area;
        if (!read_area(area_element, area, error)) return false;
        info.areas.push_back(std::move(area));
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] <alert>
//-----------------------------------------------------------------------------

// GB/T 35965.1's identifier: 14 digits (6 of them the GB/T 2260 division),
// "_", the 14-digit entry time, "_", one sequence digit.
std::string issuer_division_of(std::string_view identifier) {
    if (identifier.size() != 31 || identifier[14] != '_' || identifier[29] != '_') return "";
    for (size_t i = 0; i < identifier.size(); ++i)
        if (i != 14 && i != 29 && (identifier[i] < '0' || identifier[i] > '9')) return "";
    return division_code_of(identifier.substr(0, 6)).value_or("");
}

bool read_header(const Children& alert, sync::Notice& notice, std::string& error) {
    std::string status, msg_type, scope, references;
    std::optional<int64_t> sent;
    if (!alert.text("", "identifier", true, notice.identifier, error) ||
        !alert.text("", "sender", true, notice.sender, error) ||
        !read_time(alert, "", "sent", true, sent, error) ||
        !alert.text("", "status", true, status, error) ||
        !alert.text("", "msgType", true, msg_type, error) ||
        !alert.text("", "scope", true, scope, error) ||
        !alert.text("", "references", false, references, error))
        return false;
    notice.sent_utc_ms = *sent;
    const xmlNode* element = nullptr;
    if (const auto parsed = sync::parse_notice_status(status)) {
        notice.status = *parsed;
    } else {
        alert.one("", "status", true, element, error);
        error = "status" + at_line(element) + ": \"" + status +
                (status == "System" || status == "Draft"
                     ? "\" is never shown to visitors (only Actual, Exercise and Test are imported)"
                     : "\" is not one of Actual, Exercise, Test");
        return false;
    }
    if (const auto parsed = sync::parse_notice_msg_type(msg_type)) {
        notice.msg_type = *parsed;
    } else {
        alert.one("", "msgType", true, element, error);
        error = "msgType" + at_line(element) + ": \"" + msg_type +
                (msg_type == "Ack" || msg_type == "Error"
                     ? "\" is a reply between systems, not a notice (only Alert, Update and "
                       "Cancel are imported)"
                     : "\" is not one of Alert, Update, Cancel");
        return false;
    }
    if (scope != "Public") {
        alert.one("", "scope", true, element, error);
        error = "scope" + at_line(element) + ": \"" + scope +
                "\" (only Public alerts are shown on public screens)";
        return false;
    }
    alert.one("", "references", false, element, error);
    if (notice.msg_type == sync::NoticeMsgType::Alert) {
        if (element) {
            error = "references" + at_line(element) +
                    ": an Alert references nothing "
                    "(use msgType Update or Cancel)";
            return false;
        }
    } else if (!element) {
        error = std::string("references: missing (an ") + sync::to_cap(notice.msg_type) +
                " must name the alert it " +
                (notice.msg_type == sync::NoticeMsgType::Update ? "updates" : "cancels") + ")";
        return false;
    } else if (!read_references(references, element, notice.references, error)) {
        return false;
    }
    return true;
}

} // namespace

std::optional<std::string> division_code_of(std::string_view geocode_value) {
    const size_t digits = geocode_value.size();
    if (digits != 6 && digits != 9 && digits != 12) return std::nullopt;
    for (char c : geocode_value)
        if (c < '0' || c > '9') return std::nullopt;
    if (geocode_value[0] == '0') return std::nullopt;
    return std::string(geocode_value.substr(0, 6));
}

std::optional<CapAlert> parse_cap_alert(std::string_view xml, int64_t default_lifetime_ms,
                                        std::string& error) {
    if (xml.size() > kMaxCapAlertBytes) {
        error = "the file is " + std::to_string(xml.size()) + " bytes; a CAP alert is at most " +
                std::to_string(kMaxCapAlertBytes) + " bytes";
        return std::nullopt;
    }
    if (xml.empty()) {
        error = "the file is empty (expected a CAP 1.2 <alert>)";
        return std::nullopt;
    }
    const DocPtr doc = read_xml(xml, error);
    if (!doc) return std::nullopt;
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root || name_of(root) != "alert" || !in_cap_namespace(root)) {
        const std::string ns = root && root->ns && root->ns->href
                                   ? reinterpret_cast<const char*>(root->ns->href)
                                   : "no namespace";
        error = "<" + (root ? name_of(root) : std::string()) + ">" +
                (root ? at_line(root) : std::string()) + " in " + ns +
                ": expected <alert> in the namespace " + kCapNamespace;
        return std::nullopt;
    }

    CapAlert alert;
    sync::Notice& notice = alert.notice;
    const Children children(root);
    if (!read_header(children, notice, error)) return std::nullopt;
    alert.issuer_division = issuer_division_of(notice.identifier);

    std::optional<InfoBlock> chinese, english;
    for (const xmlNode* element : children.all("info")) {
        InfoBlock info;
        if (!read_info(element, info, error)) return std::nullopt;
        for (CapArea& area : info.areas)
            alert.areas.push_back(area);
        const InfoLanguage language = language_of(info.language);
        std::optional<InfoBlock>* slot = language == InfoLanguage::Chinese   ? &chinese
                                         : language == InfoLanguage::English ? &english
                                                                             : nullptr;
        if (!slot || slot->has_value()) {
            alert.notes.push_back("info" + at_line(element) + " in " + info.language +
                                  ": not shown (one Chinese and one English <info> are); its "
                                  "areas are routed");
            continue;
        }
        *slot = std::move(info);
    }
    if (!chinese) {
        error = "info: no <info> in Chinese (language zh-CN); the notice is shown in Chinese "
                "first, so one is required";
        return std::nullopt;
    }
    const InfoBlock& zh = *chinese;
    notice.categories = zh.categories;
    notice.event = {zh.event, english ? english->event : ""};
    notice.urgency = zh.urgency;
    notice.severity = zh.severity;
    notice.certainty = zh.certainty;
    notice.headline = {zh.headline, english ? english->headline : ""};
    notice.description = {zh.description, english ? english->description : ""};
    notice.instruction = {zh.instruction, english ? english->instruction : ""};
    if (!english)
        alert.notes.push_back("no English <info>: the English text is empty (kiosks show the "
                              "Chinese in its place)");
    if (notice.headline.zh.empty()) {
        notice.headline.zh = zh.event;
        alert.notes.push_back("info/headline: none in the Chinese <info>; its event is the "
                              "headline");
    }
    if (english && notice.headline.en.empty()) notice.headline.en = english->event;

    std::optional<int64_t> effective = zh.effective, expires = zh.expires;
    if (english && !effective) effective = english->effective;
    if (english && !expires) expires = english->expires;
    notice.effective_utc_ms = effective.value_or(notice.sent_utc_ms);
    if (expires) {
        notice.expires_utc_ms = *expires;
    } else {
        const int64_t lifetime =
            std::clamp<int64_t>(default_lifetime_ms, kMsPerMinute, kMaxCapLifetimeMs);
        notice.expires_utc_ms = std::max(notice.sent_utc_ms, notice.effective_utc_ms) + lifetime;
        alert.notes.push_back(
            "info/expires: none; the notice expires " + std::to_string(lifetime / kMsPerHour) +
            " h after " + (notice.effective_utc_ms > notice.sent_utc_ms ? "effective" : "sent") +
            ", at " + iso_utc_seconds(notice.expires_utc_ms));
    }

    const std::string problem = sync::check_notice(notice);
    if (!problem.empty()) {
        error = "the alert as a notice: " + problem;
        return std::nullopt;
    }
    return alert;
}

std::vector<std::string>
route_cap_areas(const std::vector<CapArea>& areas,
                const std::vector<std::pair<std::string, std::string>>& venue_divisions,
                const std::vector<std::pair<std::string, std::string>>& area_routes) {
    std::set<std::string> venues;
    auto route_name = [&](const std::string& name) {
        for (const auto& [area, venue] : area_routes)
            if (area == name) venues.insert(venue);
    };
    for (const CapArea& area : areas) {
        route_name(area.description);
        for (const auto& geocode : area.geocodes) {
            route_name(geocode.second);
            const std::optional<std::string> code = division_code_of(geocode.second);
            if (!code) continue;
            const bool province = code->compare(2, 4, "0000") == 0;
            const bool city = code->compare(4, 2, "00") == 0;
            for (const auto& [venue, venue_code] : venue_divisions) {
                if (venue_code.size() != 6) continue;
                if (venue_code == *code ||
                    (province && venue_code.compare(0, 2, *code, 0, 2) == 0) ||
                    (city && venue_code.compare(0, 4, *code, 0, 4) == 0))
                    venues.insert(venue);
            }
        }
    }
    return {venues.begin(), venues.end()};
}

} // namespace kiosk::hub
