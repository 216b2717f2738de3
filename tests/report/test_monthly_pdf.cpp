// The monthly report's PDF read back for its words and numbers: a venue's
// report in Chinese and in English shows exactly the figures it was given,
// each change against the previous month, "—" against a month not known, and
// every section's words; an empty month says so in words.
#include "pdf_reader.h"
#include "report/sample_monthly_report.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using kiosk::test::render_to_file;
using kiosk::test::row_after;
using kiosk::test::without_spaces;
using Tokens = std::vector<std::string>;

namespace {} // namespace

TEST_CASE("A venue's monthly PDF shows its numbers, changes and Chinese words", "[report]") {
    test::TempFolder folder;
    const test::PdfFile pdf = render_to_file(folder, test::sample_venue_report());
    const std::string info = pdf.info();
    CHECK(info.find("(A4)") != std::string::npos);
    CHECK(pdf.page_count() == 2);
    CHECK(pdf.fonts().find("WenQuanYiMicroHei") != std::string::npos); // a CJK face, no boxes

    const std::string text = pdf.text();
    const std::string flat = without_spaces(text);
    // The header.
    CHECK(flat.find("月度评估报告") != std::string::npos);
    CHECK(flat.find("青山县科技馆") != std::string::npos);
    CHECK(text.find("2026-11-01 – 2026-11-30") != std::string::npos);
    CHECK(flat.find("全部终端") != std::string::npos);
    CHECK(flat.find("2026-11-2008:00北京时间") != std::string::npos);
    CHECK(flat.find("第1页") != std::string::npos);
    CHECK(flat.find("第2页") != std::string::npos);
    // The headline figures: this month, previous, change, last year, change.
    CHECK(row_after(text, "访客人次") == Tokens{"12,600", "10,500", "+20.0%", "—", "—"});
    CHECK(row_after(text, "平均时长（分钟）") == Tokens{"4.5", "4.0", "+12.5%", "—", "—"});
    CHECK(row_after(text, "展项访问次数") == Tokens{"23,456", "25,000", "-6.2%", "—", "—"});
    CHECK(row_after(text, "正确率") == Tokens{"75.0%", "70.0%", "+5.0", "个百分点", "—", "—"});
    CHECK(row_after(text, "有访客的终端") == Tokens{"7", "7", "0.0%", "—", "—"});
    // Visitors per day and per hour: the section titles and the charts' legend.
    CHECK(flat.find("每日访客人次") != std::string::npos);
    CHECK(flat.find("工作日周末") != std::string::npos);
    CHECK(flat.find("各时段访客人次") != std::string::npos);
    // Exhibits: visits, average dwell in minutes, visitors, findings; an
    // exhibit without a title shows its id, visitors not recorded show "—".
    CHECK(row_after(text, "光的折射") == Tokens{"5,678", "2.5", "4,321", "987"});
    CHECK(row_after(text, "声波的秘密") == Tokens{"4,567", "1.5", "3,210", "0"});
    CHECK(row_after(text, "magnet-lab") == Tokens{"3,456", "1.0", "—", "12"});
    // Quiz and the hardest questions with their counts and the left-out line.
    CHECK(row_after(text, "1,234") == Tokens{"3,456", "75.0%"});
    CHECK(row_after(text, "地球到月球有多远？") == Tokens{"120", "30", "25.0%"});
    CHECK(row_after(text, "光速是多少？") == Tokens{"80", "40", "50.0%"});
    CHECK(flat.find("另有17道题作答不足20次，未列入") != std::string::npos);
    // Kiosk availability, with the lower-bound note for offline kiosks.
    CHECK(row_after(text, "kiosk-01") ==
          Tokens{"270", "270", "100.0%", "2026-11-20", "07:00", "北京时间"});
    CHECK(row_after(text, "kiosk-02") ==
          Tokens{"270", "243", "90.0%", "2026-11-20", "06:00", "北京时间"});
    CHECK(row_after(text, "kiosk-03") == Tokens{"270", "0", "0.0%", "从未联系"});
    CHECK(flat.find("其可用率是下限") != std::string::npos);
    // Content and review status; notices and delivery; data quality.
    CHECK(flat.find("22即将到期2026-12-15") != std::string::npos);
    CHECK(flat.find("51已过期2026-10-31") != std::string::npos);
    CHECK(row_after(text, "暴雨红色预警") ==
          Tokens{"严重", "2026-11-17", "08:00", "北京时间", "8", "/", "10"});
    CHECK(flat.find("数据来源：中心") != std::string::npos);
    CHECK(flat.find("终端kiosk-03已超过12天未联系。") != std::string::npos);
    // The order of the sections.
    const char* const order[] = {
        "本月概况",   "每日访客人次", "各时段访客人次", "平均停留（分钟）", "测验轮次",
        "最难的题目", "终端可用率",   "内容与审查",     "应急通知与送达",   "数据质量"};
    size_t at = 0;
    for (const char* title : order) {
        INFO(title);
        const size_t found = flat.find(title, at);
        CHECK(found != std::string::npos);
        if (found != std::string::npos) at = found;
    }
}

TEST_CASE("The monthly PDF in English uses the English words", "[report]") {
    test::TempFolder folder;
    const test::PdfFile pdf = render_to_file(folder, test::sample_venue_report(Language::En));
    const std::string text = pdf.text();
    CHECK(text.find("Monthly evaluation report") != std::string::npos);
    CHECK(text.find("Qingshan County Science Museum") != std::string::npos);
    CHECK(text.find("2026-11-20 08:00 Beijing time") != std::string::npos);
    CHECK(row_after(text, "Visitor sessions") == Tokens{"12,600", "10,500", "+20.0%", "—", "—"});
    CHECK(row_after(text, "Accuracy") == Tokens{"75.0%", "70.0%", "+5.0", "points", "—", "—"});
    CHECK(row_after(text, "Refraction of light") == Tokens{"5,678", "2.5", "4,321", "987"});
    CHECK(row_after(text, "How far is the Moon?") == Tokens{"120", "30", "25.0%"});
    CHECK(text.find("17 more had fewer than 20 answers") != std::string::npos);
    CHECK(text.find("Expiring soon") != std::string::npos);
    CHECK(text.find("Page 1") != std::string::npos);
    CHECK(without_spaces(text).find("月") == std::string::npos); // no Chinese left
}

TEST_CASE("An empty month renders with — for every figure and says each section is empty",
          "[report]") {
    test::TempFolder folder;
    const test::PdfFile pdf = render_to_file(folder, test::empty_monthly_report());
    CHECK(pdf.page_count() == 1);
    const std::string text = pdf.text();
    const Tokens unknown{"—", "—", "—", "—", "—"};
    CHECK(row_after(text, "访客人次") == unknown);
    CHECK(row_after(text, "平均时长（分钟）") == unknown);
    CHECK(row_after(text, "正确率") == unknown);
    CHECK(row_after(text, "有访客的终端") == unknown);
    const std::string flat = without_spaces(text);
    for (const char* sentence :
         {"本月没有访客记录。", "本月没有展项访问记录。", "本月没有测验作答记录。", "没有终端。",
          "没有内容库的数据", "没有应急通知的数据", "没有发现数据问题。"}) {
        INFO(sentence);
        CHECK(flat.find(sentence) != std::string::npos);
    }
    CHECK(text.find("%") == std::string::npos); // never +100 % from nothing
}

TEST_CASE("A change against a month with 0 is —, never +100%", "[report]") {
    test::TempFolder folder;
    report::MonthlyReport report = test::sample_venue_report();
    report.previous_month = {};
    report.previous_month.known = true; // known, and every figure 0
    const std::string text = render_to_file(folder, report).text();
    CHECK(row_after(text, "访客人次") == Tokens{"12,600", "0", "—", "—", "—"});
    CHECK(row_after(text, "正确率") == Tokens{"75.0%", "—", "—", "—", "—"});
}
