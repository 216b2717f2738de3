// Reading a report PDF back in tests as a reader would: its text laid out by
// pdftotext -layout (pages split at form feeds), pdfinfo's page count and
// size, pdffonts' font names, and each page rendered to PNG by pdftoppm.
// The tools are poppler-utils (scripts/install-deps.sh); each run's output
// goes to a file in the test's temp folder. render_to_file draws a report
// into one.
#pragma once

#include "core/temp_folder.h"
#include "report/monthly_report.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace kiosk::test {

inline std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs `command` (a shell line) with stdout into `out_path`; its exit code.
inline int run_tool(const std::string& command, const std::string& out_path) {
    const int status = std::system((command + " > '" + out_path + "' 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct PdfFile {
    const TempFolder& folder;
    std::string path;

    // The text of every page (pdftotext -layout), one string per page.
    std::vector<std::string> pages_text() const {
        const std::string out = folder.file("pdftotext.txt");
        REQUIRE(run_tool("pdftotext -layout '" + path + "' '" + out + "'", folder.file("log")) ==
                0);
        std::vector<std::string> pages;
        std::string text = read_whole_file(out), page;
        for (char c : text) {
            if (c == '\f') {
                pages.push_back(page);
                page.clear();
            } else {
                page += c;
            }
        }
        if (!page.empty()) pages.push_back(page);
        return pages;
    }
    std::string text() const {
        std::string all;
        for (const std::string& page : pages_text())
            all += page + "\n";
        return all;
    }
    std::string info() const {
        const std::string out = folder.file("pdfinfo.txt");
        REQUIRE(run_tool("pdfinfo '" + path + "'", out) == 0);
        return read_whole_file(out);
    }
    int page_count() const {
        const std::string text = info();
        const size_t at = text.find("Pages:");
        REQUIRE(at != std::string::npos);
        return std::atoi(text.c_str() + at + 6);
    }
    std::string fonts() const {
        const std::string out = folder.file("pdffonts.txt");
        REQUIRE(run_tool("pdffonts '" + path + "'", out) == 0);
        return read_whole_file(out);
    }
    // Renders every page at `dpi`; the PNG files' paths, in page order.
    std::vector<std::string> render_pngs(int dpi) const {
        const std::string prefix = folder.file("page");
        REQUIRE(
            run_tool("pdftoppm -png -r " + std::to_string(dpi) + " '" + path + "' '" + prefix + "'",
                     folder.file("pdftoppm.log")) == 0);
        std::vector<std::string> files;
        for (int page = 1; page <= page_count(); ++page) {
            // pdftoppm pads the page number to the width of the last one.
            const int digits = int(std::to_string(page_count()).size());
            std::string number = std::to_string(page);
            number.insert(0, size_t(std::max(0, digits - int(number.size()))), '0');
            files.push_back(prefix + "-" + number + ".png");
        }
        return files;
    }
};

// The words of the first line of `text` that starts with `label` (after its
// indent), after the label: the figures of one table row.
inline std::vector<std::string> row_after(const std::string& text, const std::string& label) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const size_t start = line.find_first_not_of(' ');
        if (start == std::string::npos || line.compare(start, label.size(), label) != 0) continue;
        std::istringstream words(line.substr(start + label.size()));
        std::vector<std::string> tokens;
        for (std::string word; words >> word;)
            tokens.push_back(word);
        return tokens;
    }
    return {};
}

// `text` without spaces and line breaks: pdftotext spaces Chinese by layout.
inline std::string without_spaces(const std::string& text) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\n') out += c;
    return out;
}

// `report` drawn by render_monthly_pdf, checked to be a PDF, and written to
// FOLDER/report.pdf for the readers above.
inline PdfFile render_to_file(const TempFolder& folder, const report::MonthlyReport& report) {
    std::string error;
    const std::optional<std::string> pdf = report::render_monthly_pdf(report, error);
    INFO(error);
    REQUIRE(pdf);
    REQUIRE(pdf->rfind("%PDF-", 0) == 0);
    return {folder, folder.write("report.pdf", *pdf)};
}

} // namespace kiosk::test
