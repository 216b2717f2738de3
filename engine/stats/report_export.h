// Reports as data, and the writers that turn them into files and terminal text.
// This file owns the generic table model (a titled table of text and number
// cells, with stable English keys beside the translated headers) and its four
// writers: CSV (UTF-8 with a BOM, RFC 4180), XLSX (libxlsxwriter, one sheet per
// table), JSON (nlohmann, English keys) and aligned terminal text (CJK counted
// two columns wide). Nothing here knows kiosk.db: stats_report.h fills the
// tables, and the hub can fill them from its own store and reuse the writers.
// CsvWriter is the fast streaming CSV writer underneath, public so large raw
// exports can write rows without building a table in memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::stats {

// One cell: empty, text, an integer, a decimal shown with `places` digits
// after the point (stored as a number in XLSX and JSON, rounded to `places`),
// a day or a time. A day is "YYYY-MM-DD" text in CSV, JSON and the terminal
// and an Excel date in XLSX; a time is `text` (the managers' form, "2026-11-03
// 14:05 北京时间") in CSV and the terminal, ISO 8601 with its offset in JSON
// ("2026-11-03T14:05:00.000+08:00") and an Excel date-time (the venue's local
// time) in XLSX.
struct ReportCell {
    enum class Kind { Empty, Text, Integer, Decimal, Day, Time };
    Kind kind = Kind::Empty;
    std::string text;
    int64_t integer = 0; // Integer's value; Time's UTC milliseconds
    double decimal = 0;
    int places = 1;
    int32_t utc_offset_min = 0; // Time's zone

    static ReportCell of_text(std::string text);
    static ReportCell of_integer(int64_t value);
    static ReportCell of_decimal(double value, int places = 1);
    // A day that is not a valid YYYY-MM-DD stays text everywhere.
    static ReportCell of_day(std::string day);
    // `shown` is what CSV and the terminal show (manager_time's form).
    static ReportCell of_time(int64_t utc_ms, int32_t utc_offset_min, std::string shown);
    bool is_number() const { return kind == Kind::Integer || kind == Kind::Decimal; }
    // The cell as CSV and the terminal show it ("" when empty, "66.7" for a decimal).
    std::string display() const;
};

struct ReportColumn {
    std::string key;    // stable English name: the JSON key
    std::string header; // in the report's language: CSV, XLSX and terminal
};

struct ReportTable {
    std::string key;   // stable English name: the JSON key, e.g. "visitors_per_day"
    std::string title; // in the report's language: CSV section title, XLSX sheet name
    std::vector<ReportColumn> columns;
    std::vector<std::vector<ReportCell>> rows; // each row has columns.size() cells
    // The total row (合计) where a total means something, empty when none:
    // the last row in CSV, XLSX and the terminal; in JSON under "totals" (the
    // rows stay rows of data, so readers of "reports" see no extra row).
    std::vector<ReportCell> total;
};

// A named value describing where the reports come from (database, range).
struct ReportField {
    std::string key, label; // English key (JSON), label in the report's language
    ReportCell value;
};

struct ReportSet {
    std::string about_key = "database"; // JSON object name of `about`
    std::string about_title;            // its CSV section title and XLSX sheet name
    std::vector<ReportField> about;
    std::string from, to;              // the inclusive day range, "" when there is no data
    std::string language;              // "zh" | "en", recorded in JSON
    std::string empty_text = "(none)"; // the terminal's line for a table without rows
    std::vector<ReportTable> tables;
};

// Each writes the whole set to `path` (through PATH.partial, renamed at the
// end, so a failed write never leaves half a file); false with `error`.
bool write_csv(const ReportSet& reports, const std::string& path, std::string& error);
bool write_xlsx(const ReportSet& reports, const std::string& path, std::string& error);
bool write_json(const ReportSet& reports, const std::string& path, std::string& error);
// The JSON document itself (write_json writes it indented).
std::string reports_to_json(const ReportSet& reports);
// Aligned columns for a terminal: numbers right-aligned, text left-aligned and
// cut with "…" beyond `max_text_width` display columns.
void write_text(const ReportSet& reports, std::ostream& out, int max_text_width = 48);

// Terminal display width of UTF-8 text: East Asian wide and fullwidth
// characters count 2, combining marks 0, everything else 1.
int display_width(std::string_view utf8);

// Streaming CSV (RFC 4180: fields quoted only when they hold a comma, quote, CR
// or LF, quotes doubled; rows end with CRLF) into a 1 MiB buffer written in big
// blocks. Usage: open(), field()... end_row() per row, finish().
class CsvWriter {
public:
    CsvWriter();
    ~CsvWriter();
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    // Opens PATH.partial for writing and writes the UTF-8 BOM.
    bool open(const std::string& path, std::string& error);
    // Text, quoted when needed; one that starts like a spreadsheet formula
    // (= + - @ tab CR) gets a leading apostrophe.
    void field(std::string_view text);
    void field(int64_t value);
    void field(const ReportCell& cell);
    void empty_field();
    // A field known to need no quoting (digits, dates, ISO times).
    void plain_field(std::string_view text);
    void end_row();
    // Flushes, closes and renames PATH.partial to PATH; false with `error` when
    // any write failed (the partial file is removed then).
    bool finish(std::string& error);

private:
    void field_unguarded(std::string_view text);
    void separator();
    void reserve(size_t bytes);
    void flush_buffer();

    std::FILE* file_ = nullptr;
    std::string path_, partial_path_;
    std::vector<char> buffer_;
    size_t used_ = 0;
    bool row_started_ = false;
    bool failed_ = false;
    std::string write_error_;
};

} // namespace kiosk::stats
