// The monthly report's PDF as pages: a province with 100 venues and 1,000
// kiosks spans pages with each table's header repeated; hostile text (a
// 10,000-character title, invalid UTF-8, control characters, markup) is
// printed as text and never breaks the page; the charts put ink where they
// are, as vectors; and the file is written for its owner only, never through
// a symbolic link.
#include "pdf_reader.h"
#include "png_pixels.h"
#include "report/sample_monthly_report.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>

using namespace kiosk;
using kiosk::test::render_to_file;
using kiosk::test::row_after;
using kiosk::test::without_spaces;
using Tokens = std::vector<std::string>;

namespace {

// Whether `page` has a line whose words are exactly `tokens`.
bool has_line(const std::string& page, const Tokens& tokens) {
    std::istringstream lines(page);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        Tokens found;
        for (std::string word; words >> word;)
            found.push_back(word);
        if (found == tokens) return true;
    }
    return false;
}

size_t count_of(const std::string& text, const std::string& word) {
    size_t count = 0;
    for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1))
        ++count;
    return count;
}

// The number of pixel columns of `png` holding a vertical run of at least
// `run` pixels of `colour`: bars of a bar chart, not text.
int columns_with_bars(const test::Png& png, uint32_t colour, int run) {
    int columns = 0;
    for (int x = 0; x < png.width; ++x) {
        int length = 0, longest = 0;
        for (int y = 0; y < png.height; ++y) {
            length = test::pixel_is(png, x, y, colour) ? length + 1 : 0;
            longest = std::max(longest, length);
        }
        columns += longest >= run;
    }
    return columns;
}

constexpr uint32_t kBarBlue = 0x00AD6126;       // colour::kAccent as 0xAABBGGRR
constexpr uint32_t kWeekendOrange = 0x00217DE6; // colour::kWeekend

} // namespace

TEST_CASE("A province report with 100 venues and 1,000 kiosks continues its tables on new pages "
          "with the header repeated",
          "[report]") {
    test::TempFolder folder;
    const test::PdfFile pdf = render_to_file(folder, test::sample_province_report(100, 1000));
    const int pages = pdf.page_count();
    CHECK(pages >= 15);
    CHECK(pages <= 40);
    CHECK(pdf.info().find("(A4)") != std::string::npos);

    const std::vector<std::string> texts = pdf.pages_text();
    REQUIRE(int(texts.size()) == pages);
    const Tokens kiosk_header{"终端", "场馆", "开放小时", "可用小时", "可用率", "最近联系"};
    const Tokens venue_header{"场馆",     "终端数", "访客人次", "展项访问次数",
                              "作答次数", "正确率", "可用率"};
    int kiosk_pages = 0, venue_continued = 0;
    for (int page = 0; page < pages; ++page) {
        INFO("page " << page + 1);
        const std::string& text = texts[size_t(page)];
        const std::string flat = without_spaces(text);
        if (std::regex_search(text, std::regex(R"(kiosk-\d{4})"))) {
            ++kiosk_pages;
            CHECK(has_line(text, kiosk_header));
            if (kiosk_pages > 1) CHECK(flat.find("终端可用率（续）") != std::string::npos);
        }
        if (flat.find("各场馆（续）") != std::string::npos) {
            ++venue_continued;
            CHECK(has_line(text, venue_header));
        }
        CHECK(flat.find("第" + std::to_string(page + 1) + "页") != std::string::npos);
    }
    CHECK(kiosk_pages >= 15);
    CHECK(venue_continued >= 1);

    const std::string all = pdf.text();
    for (int k = 1; k <= 1000; ++k) {
        char id[32];
        std::snprintf(id, sizeof id, "kiosk-%04d ", k);
        INFO(id);
        CHECK(count_of(all, id) == 1); // every kiosk once, none lost at a page break
    }
    CHECK(row_after(all, "县科技馆-100 ") ==
          Tokens{"10", "4,901", "8,901", "899", "66.7%", "63.3%"});
    CHECK(row_after(all, "县科技馆-1 ") ==
          Tokens{"10", "5,000", "9,000", "800", "75.0%", "100.0%"});
}

TEST_CASE("Hostile text in a report is printed as text and never breaks the page", "[report]") {
    test::TempFolder folder;
    report::MonthlyReport report = test::sample_venue_report();
    std::string long_title;
    for (int i = 0; i < 10000; ++i)
        long_title += "长";
    report.scope_name = long_title;
    report.exhibits[0].title = "\xff\xfe<b>&amp;</b>\x01\x07 tab\there\nline";
    report.exhibits[1].title = std::string(10000, 'W');
    report.hardest_questions[0].text = "<i>\xe9\x97</i>\x1b[31m";
    report.kiosks[0].kiosk = "kiosk\r\n<span foreground='red'>";
    report.notices[0].headline = "&lt;script&gt; \xc0\xaf";
    report.data_quality = {std::string(10000, 'x'), "<markup> & \x7f"};

    const test::PdfFile pdf = render_to_file(folder, report);
    CHECK(pdf.page_count() <= 3); // long texts are cut with "…", never spread over pages
    const std::string text = pdf.text();
    const std::string flat = without_spaces(text);
    CHECK(flat.find("<b>&amp;</b>") != std::string::npos);
    CHECK(flat.find("tabhereline") != std::string::npos); // the tab and line break as spaces
    CHECK(flat.find("<i>") != std::string::npos);
    CHECK(flat.find("kiosk<span") != std::string::npos);
    CHECK(flat.find("&lt;script&gt;") != std::string::npos);
    CHECK(flat.find("<markup>&") != std::string::npos);
    // The cells after a hostile one are still there, in their row.
    std::istringstream lines(text);
    bool exhibit_row = false;
    for (std::string line; std::getline(lines, line);)
        if (line.find("<b>&amp;</b>") != std::string::npos)
            exhibit_row =
                line.find("5,678") != std::string::npos && line.find("4,321") != std::string::npos;
    CHECK(exhibit_row);
    CHECK(count_of(text, "长") < 200);
    CHECK(count_of(text, "WWWWWWWWWW") < 20);
    CHECK(count_of(text, "…") >= 3);
    // No line runs off the page: pdftotext keeps each glyph at its place.
    for (const std::string& page : pdf.pages_text()) {
        std::istringstream page_lines(page);
        for (std::string line; std::getline(page_lines, line);)
            CHECK(line.size() < 1200);
    }
}

TEST_CASE("Extreme numbers are printed exactly and never break the charts", "[report]") {
    test::TempFolder folder;
    report::MonthlyReport report = test::sample_venue_report();
    report.visitors_per_day[0].visitors = INT64_MAX;
    report.visitors_per_day[1].visitors = -5;
    report.visitors_by_hour[3] = INT64_MAX - 1;
    report.this_month.visitors = INT64_MIN;
    report.exhibits[0].visits = INT64_MAX;
    const std::string text = render_to_file(folder, report).text();
    CHECK(row_after(text, "访客人次").at(0) == "-9,223,372,036,854,775,808");
    CHECK(row_after(text, "光的折射").at(0) == "9,223,372,036,854,775,807");
    CHECK(text.find("9,223,372,036,854,775,807\n") != std::string::npos); // the axis' top
}

TEST_CASE("The charts are vector bars with ink where the charts are", "[report]") {
    test::TempFolder folder;
    const test::PdfFile pdf = render_to_file(folder, test::sample_venue_report());
    const std::string images = folder.file("pdfimages.txt");
    REQUIRE(test::run_tool("pdfimages -list '" + pdf.path + "'", images) == 0);
    CHECK(count_of(test::read_whole_file(images), "\n") == 2); // the header lines, no picture

    const std::vector<std::string> pngs = pdf.render_pngs(60);
    REQUIRE(pngs.size() == 2);
    for (const std::string& file : pngs) {
        INFO(file);
        const test::Png png(file);
        REQUIRE(png.pixels);
        CHECK(std::abs(png.width - 496) <= 1); // A4 at 60 dpi
        CHECK(std::abs(png.height - 702) <= 1);
        CHECK(test::colour_fraction(png, 0x00FFFFFF) < 0.99); // ink on every page
    }
    const test::Png first(pngs[0]);
    // 22 weekday bars and 9 hour bars, 8 weekend bars, each several pixels wide.
    CHECK(columns_with_bars(first, kBarBlue, 20) >= 100);
    CHECK(columns_with_bars(first, kWeekendOrange, 20) >= 25);

    test::TempFolder empty_folder;
    const test::PdfFile empty = render_to_file(empty_folder, test::empty_monthly_report());
    const test::Png blank(empty.render_pngs(60).at(0));
    REQUIRE(blank.pixels);
    CHECK(columns_with_bars(blank, kBarBlue, 20) == 0);
    CHECK(columns_with_bars(blank, kWeekendOrange, 20) == 0);
}

TEST_CASE("write_monthly_pdf writes for its owner only and refuses a symbolic link", "[report]") {
    test::TempFolder folder;
    const report::MonthlyReport report = test::sample_venue_report();
    std::string error;

    const std::string fresh = folder.file("fresh.pdf");
    REQUIRE(report::write_monthly_pdf(report, fresh, error));
    struct stat info {};
    REQUIRE(::stat(fresh.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(test::read_whole_file(fresh).rfind("%PDF-", 0) == 0);

    const std::string older = folder.write("older.pdf", "an older, longer file's text........");
    REQUIRE(::chmod(older.c_str(), 0644) == 0);
    REQUIRE(report::write_monthly_pdf(report, older, error));
    REQUIRE(::stat(older.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(test::read_whole_file(older).rfind("%PDF-", 0) == 0);
    CHECK(test::read_whole_file(older).find("older") == std::string::npos);

    const std::string target = folder.write("target.txt", "keep me");
    const std::string link = folder.file("link.pdf");
    REQUIRE(::symlink(target.c_str(), link.c_str()) == 0);
    error.clear();
    CHECK_FALSE(report::write_monthly_pdf(report, link, error));
    CHECK(error.find(link) != std::string::npos);
    CHECK(test::read_whole_file(target) == "keep me");
}
