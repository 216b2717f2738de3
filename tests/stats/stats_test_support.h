// Helpers for the stats tests: running kioskctl as a manager would, reading a
// file, an RFC 4180 CSV parser written here (independent of CsvWriter) and
// finding a report's section in the exported CSV.
#pragma once

#include "../core/temp_folder.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kiosk::test {

struct CommandRun {
    int code = -1;
    std::string out, err;
};

// Runs kioskctl ARGUMENTS in `folder` (stdout and stderr kept apart). With
// `as_nobody`, the command runs as user nobody (setpriv), so that a folder
// made read-only is read-only even for a test running as root.
inline CommandRun run_kioskctl(const TempFolder& folder, const std::string& arguments,
                               bool as_nobody = false) {
    const std::string out = folder.file("kioskctl.out"), err = folder.file("kioskctl.err");
    const std::string prefix =
        as_nobody ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    const std::string command = "cd '" + folder.path().string() + "' && " + prefix + "'" +
                                kiosk::test::program_path("kioskctl") + "' " + arguments + " > '" +
                                out + "' 2> '" + err + "'";
    CommandRun run;
    const int status = std::system(command.c_str());
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    auto read = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    };
    run.out = read(out);
    run.err = read(err);
    return run;
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Terminal columns of UTF-8 text, worked out here rather than with the
// library's display_width, so an alignment test can catch a wrong width rule:
// CJK ideographs, CJK punctuation and fullwidth forms are 2, the rest 1.
inline int columns_of(const std::string& text) {
    int width = 0;
    for (size_t i = 0; i < text.size();) {
        const unsigned char lead = static_cast<unsigned char>(text[i]);
        const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        uint32_t codepoint = length == 1 ? lead : lead & (0xFF >> (length + 1));
        for (int k = 1; k < length && i + size_t(k) < text.size(); ++k)
            codepoint = (codepoint << 6) | (static_cast<unsigned char>(text[i + size_t(k)]) & 0x3F);
        i += size_t(length);
        const bool wide = (codepoint >= 0x2E80 && codepoint <= 0xA4CF) ||
                          (codepoint >= 0xAC00 && codepoint <= 0xD7A3) ||
                          (codepoint >= 0xFF00 && codepoint <= 0xFF60);
        width += wide ? 2 : 1;
    }
    return width;
}

using CsvRows = std::vector<std::vector<std::string>>;

// RFC 4180: fields separated by commas, rows by CRLF (a bare LF is accepted),
// a quoted field may hold commas, CR, LF and doubled quotes. A blank line is a
// row with one empty field.
inline CsvRows parse_csv(const std::string& text) {
    CsvRows rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, field_started = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && !field_started) {
            quoted = field_started = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
            field_started = false;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            field_started = false;
        } else {
            field += c;
            field_started = true;
        }
    }
    if (field_started || !row.empty()) {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

// The rows of the section titled `title` (title row, header row, rows up to a
// blank row): the header first. Empty when there is no such section.
inline CsvRows csv_section(const CsvRows& rows, const std::string& title) {
    for (size_t i = 0; i + 1 < rows.size(); ++i) {
        if (rows[i].size() == 1 && rows[i][0] == title &&
            (i == 0 || rows[i - 1] == std::vector<std::string>{""})) {
            CsvRows section;
            for (size_t j = i + 1; j < rows.size() && rows[j] != std::vector<std::string>{""}; ++j)
                section.push_back(rows[j]);
            return section;
        }
    }
    return {};
}

} // namespace kiosk::test
