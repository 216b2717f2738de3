// The report writers (see report_export.h): CSV through CsvWriter, XLSX through
// libxlsxwriter, JSON through nlohmann, terminal text with display widths.
//
// CSV layout: Excel and WPS open one CSV as one sheet, so every report goes
// into one file as a section: a title row, a header row, the rows, a blank
// row. The first section describes the source (label, value rows, no header).
// A reader finds a report by its title row, which is the only one-cell row
// followed by a header; managers who want one table per sheet take the XLSX.
//
// Index of this file:
// [SECTION] Helpers: partial files, display widths, rounding
// [SECTION] Cells and display widths
// [SECTION] CSV: CsvWriter and write_csv
// [SECTION] XLSX: sheet names, column widths, write_xlsx
// [SECTION] JSON: reports_to_json and write_json
// [SECTION] Terminal text: write_text

#include "report_export.h"

#include "core/civil_time.h"
#include "core/utf8_text.h"

#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

namespace kiosk::stats {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: partial files, display widths, rounding
//-----------------------------------------------------------------------------

namespace {

constexpr size_t kCsvBufferBytes = size_t(1) << 20;
constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

std::string partial_path_of(const std::string& path) {
    return path + ".partial";
}

bool rename_into_place(const std::string& partial, const std::string& path, std::string& error) {
    std::error_code ec;
    std::filesystem::rename(partial, path, ec);
    if (!ec) return true;
    error = path + ": cannot write: " + ec.message();
    std::filesystem::remove(partial, ec);
    return false;
}

bool is_wide(uint32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2329 && c <= 0x232A) ||
           (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xA000 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE19) ||
           (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_zero_width(uint32_t c) {
    return c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x0300 && c <= 0x036F) ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F);
}

int char_width(uint32_t c) {
    return is_zero_width(c) ? 0 : is_wide(c) ? 2 : 1;
}

// `text` cut to at most `width` display columns, ending in "..." when cut
// (ASCII: "…" is ambiguous-width and two columns in CJK terminals).
std::string fit_width(const std::string& text, int width) {
    if (display_width(text) <= width) return text;
    std::string out;
    int used = 0;
    for (size_t pos = 0; pos < text.size();) {
        size_t start = pos;
        int w = char_width(decode_utf8(text, pos));
        if (used + w > width - 3) break;
        out.append(text, start, pos - start);
        used += w;
    }
    return out + "...";
}

double rounded(double value, int places) {
    const double scale = std::pow(10.0, places);
    return std::round(value * scale) / scale;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Cells and display widths
//-----------------------------------------------------------------------------

ReportCell ReportCell::of_text(std::string text) {
    ReportCell cell;
    cell.kind = Kind::Text;
    cell.text = std::move(text);
    return cell;
}

ReportCell ReportCell::of_integer(int64_t value) {
    ReportCell cell;
    cell.kind = Kind::Integer;
    cell.integer = value;
    return cell;
}

ReportCell ReportCell::of_decimal(double value, int places) {
    ReportCell cell;
    cell.kind = Kind::Decimal;
    cell.decimal = value;
    cell.places = places;
    return cell;
}

ReportCell ReportCell::of_day(std::string day) {
    ReportCell cell;
    cell.kind = is_valid_day(day) ? Kind::Day : Kind::Text;
    cell.text = std::move(day);
    return cell;
}

ReportCell ReportCell::of_time(int64_t utc_ms, int32_t utc_offset_min, std::string shown) {
    ReportCell cell;
    cell.kind = Kind::Time;
    cell.integer = utc_ms;
    cell.utc_offset_min = utc_offset_min;
    cell.text = std::move(shown);
    return cell;
}

std::string ReportCell::display() const {
    switch (kind) {
    case Kind::Empty:
        return "";
    case Kind::Text:
    case Kind::Day:
    case Kind::Time:
        return text;
    case Kind::Integer:
        return std::to_string(integer);
    case Kind::Decimal: {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.*f", places, rounded(decimal, places));
        return buffer;
    }
    }
    return "";
}

int display_width(std::string_view utf8) {
    int width = 0;
    for (size_t pos = 0; pos < utf8.size();)
        width += char_width(decode_utf8(utf8, pos));
    return width;
}

//-----------------------------------------------------------------------------
// [SECTION] CSV: CsvWriter and write_csv
//-----------------------------------------------------------------------------

CsvWriter::CsvWriter() : buffer_(kCsvBufferBytes) {}

CsvWriter::~CsvWriter() {
    if (file_) {
        std::fclose(file_);
        std::error_code ignored;
        std::filesystem::remove(partial_path_, ignored);
    }
}

bool CsvWriter::open(const std::string& path, std::string& error) {
    path_ = path;
    partial_path_ = partial_path_of(path);
    file_ = std::fopen(partial_path_.c_str(), "wb");
    if (!file_) {
        error = path + ": cannot write: " + std::strerror(errno);
        return false;
    }
    std::setvbuf(file_, nullptr, _IONBF, 0); // our own buffer is the only one
    std::memcpy(buffer_.data(), kUtf8Bom, 3);
    used_ = 3;
    return true;
}

void CsvWriter::flush_buffer() {
    if (used_ > 0 && !failed_ && std::fwrite(buffer_.data(), 1, used_, file_) != used_) {
        failed_ = true;
        write_error_ = std::strerror(errno);
    }
    used_ = 0;
}

void CsvWriter::reserve(size_t bytes) {
    if (used_ + bytes > buffer_.size()) flush_buffer();
    if (bytes > buffer_.size()) buffer_.resize(bytes); // one huge field
}

void CsvWriter::separator() {
    if (row_started_) {
        reserve(1);
        buffer_[used_++] = ',';
    }
    row_started_ = true;
}

void CsvWriter::plain_field(std::string_view text) {
    separator();
    reserve(text.size());
    std::memcpy(buffer_.data() + used_, text.data(), text.size());
    used_ += text.size();
}

void CsvWriter::field(std::string_view text) {
    // A text starting like a formula (=, +, -, @, tab, CR) would run as one in
    // Excel or WPS; a leading apostrophe keeps it text (OWASP's advice for
    // CSV injection). Titles and kiosk.log fields are not ours to trust.
    if (!text.empty() &&
        std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
        std::string guarded = "'" + std::string(text);
        return field_unguarded(guarded);
    }
    field_unguarded(text);
}

void CsvWriter::field_unguarded(std::string_view text) {
    bool needs_quotes = false;
    for (char c : text) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            needs_quotes = true;
            break;
        }
    }
    if (!needs_quotes) return plain_field(text);
    separator();
    reserve(text.size() * 2 + 2);
    char* out = buffer_.data() + used_;
    *out++ = '"';
    for (char c : text) {
        if (c == '"') *out++ = '"';
        *out++ = c;
    }
    *out++ = '"';
    used_ = size_t(out - buffer_.data());
}

void CsvWriter::field(int64_t value) {
    separator();
    reserve(24);
    auto result = std::to_chars(buffer_.data() + used_, buffer_.data() + used_ + 24, value);
    used_ = size_t(result.ptr - buffer_.data());
}

void CsvWriter::field(const ReportCell& cell) {
    switch (cell.kind) {
    case ReportCell::Kind::Integer:
        return field(cell.integer);
    case ReportCell::Kind::Text:
    case ReportCell::Kind::Time:
        return field(std::string_view(cell.text));
    default:
        return plain_field(cell.display());
    }
}

void CsvWriter::empty_field() {
    separator();
}

void CsvWriter::end_row() {
    reserve(2);
    buffer_[used_++] = '\r';
    buffer_[used_++] = '\n';
    row_started_ = false;
}

bool CsvWriter::finish(std::string& error) {
    flush_buffer();
    if (!failed_ && std::fflush(file_) != 0) {
        failed_ = true;
        write_error_ = std::strerror(errno);
    }
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!closed && !failed_) {
        failed_ = true;
        write_error_ = std::strerror(errno);
    }
    if (failed_) {
        error = path_ + ": cannot write: " + write_error_;
        std::error_code ignored;
        std::filesystem::remove(partial_path_, ignored);
        return false;
    }
    return rename_into_place(partial_path_, path_, error);
}

bool write_csv(const ReportSet& reports, const std::string& path, std::string& error) {
    CsvWriter csv;
    if (!csv.open(path, error)) return false;
    csv.field(std::string_view(reports.about_title));
    csv.end_row();
    for (const ReportField& field : reports.about) {
        csv.field(std::string_view(field.label));
        csv.field(field.value);
        csv.end_row();
    }
    csv.end_row();
    for (const ReportTable& table : reports.tables) {
        csv.field(std::string_view(table.title));
        csv.end_row();
        for (const ReportColumn& column : table.columns)
            csv.field(std::string_view(column.header));
        csv.end_row();
        for (const auto& row : table.rows) {
            for (const ReportCell& cell : row)
                csv.field(cell);
            csv.end_row();
        }
        if (!table.total.empty()) {
            for (const ReportCell& cell : table.total)
                csv.field(cell);
            csv.end_row();
        }
        csv.end_row();
    }
    return csv.finish(error);
}

//-----------------------------------------------------------------------------
// [SECTION] XLSX: sheet names, column widths, write_xlsx
//-----------------------------------------------------------------------------

namespace {

constexpr size_t kXlsxMaxRows = 1048576;
constexpr size_t kXlsxMaxString = 32767;

// A valid, unique sheet name: at most 31 characters, none of []:*?/\ .
std::string sheet_name(const std::string& title, const std::string& fallback,
                       std::set<std::string>& used) {
    std::string cleaned;
    int characters = 0;
    for (size_t pos = 0; pos < title.size() && characters < 28;) {
        size_t start = pos;
        uint32_t c = decode_utf8(title, pos);
        if (c != 0 && c < 0x80 && std::strchr("[]:*?/\\", int(c)))
            cleaned += '_';
        else
            cleaned.append(title, start, pos - start);
        ++characters;
    }
    if (cleaned.empty() || cleaned.front() == '\'' || cleaned.back() == '\'') cleaned = fallback;
    std::string name = cleaned;
    for (int n = 2; used.count(name); ++n)
        name = cleaned + " " + std::to_string(n);
    used.insert(name);
    return name;
}

std::string xlsx_text(const std::string& text) {
    if (text.size() <= kXlsxMaxString) return text;
    return std::string(utf8_prefix(text, kXlsxMaxString - 3)) + "...";
}

// Excel column width in characters of the default font: CJK counts 2.
double column_width(int display_columns) {
    return std::clamp(display_columns + 2, 8, 60);
}

// A day (and, for a time, the venue's local time of day) as Excel stores it.
lxw_datetime excel_datetime(const ReportCell& cell) {
    const bool is_time = cell.kind == ReportCell::Kind::Time;
    const std::string day = is_time ? local_day(cell.integer, cell.utc_offset_min) : cell.text;
    const std::optional<std::chrono::sys_days> parsed = parse_day(day);
    const CivilDate date = civil_date(parsed ? parsed->time_since_epoch().count() : 0);
    lxw_datetime datetime{int(date.year), uint8_t(date.month), uint8_t(date.day), 0, 0, 0};
    if (is_time) {
        const int64_t local_ms = cell.integer + int64_t(cell.utc_offset_min) * 60000;
        const int64_t ms_of_day = ((local_ms % 86400000) + 86400000) % 86400000;
        datetime.hour = uint8_t(ms_of_day / 3600000);
        datetime.min = uint8_t(ms_of_day / 60000 % 60);
        datetime.sec = double(ms_of_day % 60000) / 1000.0;
    }
    return datetime;
}

// Excel holds dates from 1900-01-01 to 9999-12-31; others stay text.
bool excel_can_hold(const lxw_datetime& datetime) {
    return datetime.year >= 1900 && datetime.year <= 9999;
}

struct Workbook {
    lxw_workbook* book = nullptr;
    lxw_format* bold = nullptr;
    lxw_format* bold_total = nullptr;
    lxw_format* day = nullptr;  // yyyy-mm-dd
    lxw_format* time = nullptr; // yyyy-mm-dd hh:mm:ss
    std::map<int, lxw_format*> decimals;

    lxw_format* decimal_format(int places) {
        auto found = decimals.find(places);
        if (found != decimals.end()) return found->second;
        lxw_format* format = workbook_add_format(book);
        std::string pattern = places > 0 ? "0." + std::string(size_t(places), '0') : "0";
        format_set_num_format(format, pattern.c_str());
        return decimals[places] = format;
    }

    void write(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const ReportCell& cell) {
        switch (cell.kind) {
        case ReportCell::Kind::Empty:
            break;
        case ReportCell::Kind::Text:
            worksheet_write_string(sheet, row, column, xlsx_text(cell.text).c_str(), nullptr);
            break;
        case ReportCell::Kind::Integer:
            worksheet_write_number(sheet, row, column, double(cell.integer), nullptr);
            break;
        case ReportCell::Kind::Decimal:
            worksheet_write_number(sheet, row, column, rounded(cell.decimal, cell.places),
                                   decimal_format(cell.places));
            break;
        case ReportCell::Kind::Day:
        case ReportCell::Kind::Time: {
            lxw_datetime datetime = excel_datetime(cell);
            if (excel_can_hold(datetime))
                worksheet_write_datetime(sheet, row, column, &datetime,
                                         cell.kind == ReportCell::Kind::Day ? day : time);
            else
                worksheet_write_string(sheet, row, column, xlsx_text(cell.text).c_str(), nullptr);
            break;
        }
        }
    }
};

} // namespace

bool write_xlsx(const ReportSet& reports, const std::string& path, std::string& error) {
    for (const ReportTable& table : reports.tables) {
        if (table.rows.size() + 1 > kXlsxMaxRows) {
            error = path + ": the report \"" + table.title + "\" has " +
                    std::to_string(table.rows.size()) +
                    " rows, more than an XLSX sheet holds; export CSV or a shorter range";
            return false;
        }
    }
    const std::string partial = partial_path_of(path);
    Workbook workbook;
    workbook.book = workbook_new(partial.c_str());
    if (!workbook.book) {
        error = path + ": cannot write the XLSX workbook";
        return false;
    }
    auto fail = [&](const std::string& message) {
        error = path + ": " + message;
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        return false;
    };
    workbook.bold = workbook_add_format(workbook.book);
    format_set_bold(workbook.bold);
    workbook.bold_total = workbook_add_format(workbook.book);
    format_set_bold(workbook.bold_total);
    format_set_top(workbook.bold_total, LXW_BORDER_THIN);
    workbook.day = workbook_add_format(workbook.book);
    format_set_num_format(workbook.day, "yyyy-mm-dd");
    workbook.time = workbook_add_format(workbook.book);
    format_set_num_format(workbook.time, "yyyy-mm-dd hh:mm:ss");
    std::set<std::string> used_names;
    // A sheet that prints (and converts to PDF) one page wide, in landscape.
    auto add_sheet = [&](const std::string& title, const std::string& fallback) {
        lxw_worksheet* sheet =
            workbook_add_worksheet(workbook.book, sheet_name(title, fallback, used_names).c_str());
        if (!sheet) return sheet;
        worksheet_set_landscape(sheet);
        worksheet_fit_to_pages(sheet, 1, 0);
        return sheet;
    };

    lxw_worksheet* about = add_sheet(reports.about_title, "about");
    if (!about) {
        workbook_close(workbook.book);
        return fail("cannot make the XLSX sheet \"" + reports.about_title + "\"");
    }
    int label_width = 0, value_width = 0;
    for (size_t i = 0; i < reports.about.size(); ++i) {
        const ReportField& field = reports.about[i];
        worksheet_write_string(about, lxw_row_t(i), 0, field.label.c_str(), workbook.bold);
        workbook.write(about, lxw_row_t(i), 1, field.value);
        label_width = std::max(label_width, display_width(field.label));
        value_width = std::max(value_width, display_width(field.value.display()));
    }
    worksheet_set_column(about, 0, 0, column_width(label_width), nullptr);
    worksheet_set_column(about, 1, 1, column_width(value_width), nullptr);

    for (const ReportTable& table : reports.tables) {
        lxw_worksheet* sheet = add_sheet(table.title, table.key.substr(0, 31));
        if (!sheet) {
            workbook_close(workbook.book);
            return fail("cannot make the XLSX sheet \"" + table.title + "\"");
        }
        std::vector<int> widths(table.columns.size(), 0);
        for (size_t c = 0; c < table.columns.size(); ++c) {
            worksheet_write_string(sheet, 0, lxw_col_t(c), table.columns[c].header.c_str(),
                                   workbook.bold);
            widths[c] = display_width(table.columns[c].header);
        }
        for (size_t r = 0; r < table.rows.size(); ++r) {
            for (size_t c = 0; c < table.rows[r].size() && c < widths.size(); ++c) {
                const ReportCell& cell = table.rows[r][c];
                workbook.write(sheet, lxw_row_t(r + 1), lxw_col_t(c), cell);
                if (r < 1000) // widths from the first rows are enough
                    widths[c] = std::max(widths[c], display_width(cell.display()));
            }
        }
        // The total row below the data, outside the autofilter's range so
        // sorting the data leaves it last.
        const lxw_row_t total_row = lxw_row_t(table.rows.size() + 1);
        for (size_t c = 0; c < table.total.size() && c < widths.size(); ++c) {
            workbook.write(sheet, total_row, lxw_col_t(c), table.total[c]);
            widths[c] = std::max(widths[c], display_width(table.total[c].display()));
        }
        if (!table.total.empty())
            worksheet_set_row(sheet, total_row, LXW_DEF_ROW_HEIGHT, workbook.bold_total);
        for (size_t c = 0; c < widths.size(); ++c)
            worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), column_width(widths[c]),
                                 nullptr);
        worksheet_freeze_panes(sheet, 1, 0);
        worksheet_repeat_rows(sheet, 0, 0); // the header on every printed page
        if (!table.rows.empty() && !table.columns.empty())
            worksheet_autofilter(sheet, 0, 0, lxw_row_t(table.rows.size()),
                                 lxw_col_t(table.columns.size() - 1));
    }
    lxw_error result = workbook_close(workbook.book);
    if (result != LXW_NO_ERROR)
        return fail(std::string("cannot write the XLSX workbook: ") + lxw_strerror(result));
    return rename_into_place(partial, path, error);
}

//-----------------------------------------------------------------------------
// [SECTION] JSON: reports_to_json and write_json
//-----------------------------------------------------------------------------

namespace {

nlohmann::ordered_json cell_json(const ReportCell& cell) {
    switch (cell.kind) {
    case ReportCell::Kind::Empty:
        return nullptr;
    case ReportCell::Kind::Text:
    case ReportCell::Kind::Day:
        return cell.text;
    case ReportCell::Kind::Time:
        return iso_local_ms(cell.integer, cell.utc_offset_min);
    case ReportCell::Kind::Integer:
        return cell.integer;
    case ReportCell::Kind::Decimal:
        return rounded(cell.decimal, cell.places);
    }
    return nullptr;
}

nlohmann::ordered_json row_json(const ReportTable& table, const std::vector<ReportCell>& row) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (size_t c = 0; c < row.size() && c < table.columns.size(); ++c)
        object[table.columns[c].key] = cell_json(row[c]);
    return object;
}

} // namespace

std::string reports_to_json(const ReportSet& reports) {
    nlohmann::ordered_json document;
    nlohmann::ordered_json& about = document[reports.about_key];
    about = nlohmann::ordered_json::object();
    for (const ReportField& field : reports.about)
        about[field.key] = cell_json(field.value);
    document["from"] =
        reports.from.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(reports.from);
    document["to"] =
        reports.to.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(reports.to);
    document["language"] = reports.language;
    nlohmann::ordered_json& tables = document["reports"];
    tables = nlohmann::ordered_json::object();
    nlohmann::ordered_json totals = nlohmann::ordered_json::object();
    for (const ReportTable& table : reports.tables) {
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (const auto& row : table.rows)
            rows.push_back(row_json(table, row));
        tables[table.key] = std::move(rows);
        if (!table.total.empty()) totals[table.key] = row_json(table, table.total);
    }
    if (!totals.empty()) document["totals"] = std::move(totals);
    // Invalid UTF-8 in stored text becomes U+FFFD instead of an exception.
    return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

bool write_json(const ReportSet& reports, const std::string& path, std::string& error) {
    const std::string partial = partial_path_of(path);
    std::FILE* file = std::fopen(partial.c_str(), "wb");
    if (!file) {
        error = path + ": cannot write: " + std::strerror(errno);
        return false;
    }
    const std::string text = reports_to_json(reports) + "\n";
    bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    ok = std::fclose(file) == 0 && ok;
    if (!ok) {
        error = path + ": cannot write: " + std::strerror(errno);
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        return false;
    }
    return rename_into_place(partial, path, error);
}

//-----------------------------------------------------------------------------
// [SECTION] Terminal text: write_text
//-----------------------------------------------------------------------------

namespace {

void pad(std::ostream& out, int spaces) {
    for (int i = 0; i < spaces; ++i)
        out << ' ';
}

std::string trim_right(std::string line) {
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
    return line;
}

} // namespace

void write_text(const ReportSet& reports, std::ostream& out, int max_text_width) {
    int label_width = 0;
    for (const ReportField& field : reports.about)
        label_width = std::max(label_width, display_width(field.label));
    out << reports.about_title << "\n";
    for (const ReportField& field : reports.about) {
        out << "  " << field.label;
        pad(out, label_width - display_width(field.label));
        out << "  " << field.value.display() << "\n";
    }
    for (const ReportTable& table : reports.tables) {
        out << "\n" << table.title << "\n";
        out << std::string(size_t(std::max(display_width(table.title), 4)), '=') << "\n";
        const size_t columns = table.columns.size();
        std::vector<std::vector<ReportCell>> rows = table.rows;
        if (!table.total.empty()) rows.push_back(table.total);
        std::vector<std::vector<std::string>> text(rows.size() + 1);
        std::vector<int> widths(columns, 0);
        std::vector<bool> numeric(columns, false);
        for (size_t c = 0; c < columns; ++c)
            text[0].push_back(fit_width(table.columns[c].header, max_text_width));
        for (size_t r = 0; r < rows.size(); ++r) {
            for (size_t c = 0; c < columns; ++c) {
                const ReportCell& cell = c < rows[r].size() ? rows[r][c] : ReportCell{};
                if (cell.is_number()) numeric[c] = true;
                text[r + 1].push_back(fit_width(cell.display(), max_text_width));
            }
        }
        for (const auto& line : text)
            for (size_t c = 0; c < columns; ++c)
                widths[c] = std::max(widths[c], display_width(line[c]));
        for (size_t r = 0; r < text.size(); ++r) {
            std::ostringstream line;
            line << "  ";
            for (size_t c = 0; c < columns; ++c) {
                const int spaces = widths[c] - display_width(text[r][c]);
                if (c > 0) line << "  ";
                if (numeric[c]) pad(line, spaces);
                line << text[r][c];
                if (!numeric[c]) pad(line, spaces);
            }
            out << trim_right(line.str()) << "\n";
        }
        if (table.rows.empty()) out << "  " << reports.empty_text << "\n";
    }
}

} // namespace kiosk::stats
