// Tests for svg_chart.h: escaping, percent-encoding, plain numbers, axis
// scales, and the charts' structure (one bar per day, 7x24 cells, escaped
// labels, clamped meters).
#include "dashboard/svg_chart.h"

#include <catch2/catch.hpp>

#include <string>

using namespace kiosk;
using namespace kiosk::dashboard;

namespace {

size_t count_of(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++count;
    return count;
}

} // namespace

TEST_CASE("dashboard::html_escape escapes the five markup characters and repairs UTF-8",
          "[svg_chart]") {
    CHECK(dashboard::html_escape("<a href=\"x\">Tom & 'Jerry'</a>") ==
          "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    CHECK(dashboard::html_escape("单摆实验室") == "单摆实验室");
    CHECK(dashboard::html_escape(std::string("a\xff") + "b") == "a\xEF\xBF\xBD"
                                                                "b");
}

TEST_CASE("attack: a NUL or another control character in a title never reaches the page raw",
          "[svg_chart]") {
    // A subject title "A\0B" from a kiosk was emitted with its NUL into the HTML.
    const std::string title("Pendulum\0<b>\x1b[31m\x7f lab\tend", 26);
    const std::string escaped = dashboard::html_escape(title);
    CHECK(escaped.find('\0') == std::string::npos);
    CHECK(escaped.find('\x1b') == std::string::npos);
    CHECK(escaped.find('\x7f') == std::string::npos);
    CHECK(escaped == "Pendulum\xEF\xBF\xBD&lt;b&gt;\xEF\xBF\xBD[31m\xEF\xBF\xBD lab\tend");
}

TEST_CASE("dashboard::url_encode keeps only unreserved characters", "[svg_chart]") {
    CHECK(dashboard::url_encode("a b&c=d/e?f#g+h") == "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh");
    CHECK(dashboard::url_encode("中") == "%E4%B8%AD");
    CHECK(dashboard::url_encode("AZaz09-._~") == "AZaz09-._~");
    CHECK(dashboard::url_encode("") == "");
}

TEST_CASE("numbers are written plainly", "[svg_chart]") {
    CHECK(dashboard::format_integer(1234567) == "1234567");
    CHECK(dashboard::format_integer(-3) == "-3");
    CHECK(dashboard::format_decimal(66.666, 1) == "66.7");
    CHECK(dashboard::format_decimal(12345678.0, 0) == "12345678");
    CHECK(dashboard::format_decimal(-0.01, 1) == "0.0");
    CHECK(dashboard::format_decimal(0.0 / 0.0, 1) == "0");
}

TEST_CASE("dashboard::shorten_text counts characters, not bytes", "[svg_chart]") {
    CHECK(dashboard::shorten_text("单摆实验室", 5) == "单摆实验室");
    CHECK(dashboard::shorten_text("人体的奥秘：心脏是怎样跳动的", 6) == "人体的奥秘…");
    CHECK(dashboard::shorten_text("abcdef", 4) == "abc…");
}

TEST_CASE("axis scales are round numbers covering the maximum", "[svg_chart]") {
    const dashboard::AxisScale small = dashboard::nice_axis_scale(87);
    CHECK(small.step == 20);
    CHECK(small.max == 100);
    const dashboard::AxisScale large = dashboard::nice_axis_scale(1234);
    CHECK(large.step == 500);
    CHECK(large.max == 1500);
    const dashboard::AxisScale tiny = dashboard::nice_axis_scale(3);
    CHECK(tiny.step == 1);
    CHECK(tiny.max == 3);
    const dashboard::AxisScale zero = dashboard::nice_axis_scale(0);
    CHECK(zero.max == 1);
}

TEST_CASE("the day bar chart has one bar per day and escaped labels", "[svg_chart]") {
    std::vector<dashboard::DayBar> bars;
    for (int i = 0; i < 30; ++i)
        bars.push_back({i % 10 == 0 ? "L" + std::to_string(i) : "", double(i * 3), "tip"});
    bars[5].tooltip = "<b>five</b>";
    bars[20].axis_label = "<20>";
    const std::string svg = dashboard::svg_day_bar_chart(bars, "人次 & more", "visitors");
    CHECK(svg.rfind("<svg class=\"chart day-chart wide\"", 0) == 0);
    CHECK(count_of(svg, "class=\"bar\"") == 30);
    CHECK(svg.find(">L0</text>") != std::string::npos);
    CHECK(svg.find(">L10</text>") != std::string::npos);
    CHECK(svg.find("&lt;20&gt;") != std::string::npos);
    CHECK(svg.find("<b>") == std::string::npos);
    CHECK(svg.find("<title>&lt;b&gt;five&lt;/b&gt;</title>") != std::string::npos);
    CHECK(svg.find("人次 &amp; more") != std::string::npos);
    // the y axis goes to 100 (max 87) in steps of 20
    CHECK(svg.find(">100</text>") != std::string::npos);
    CHECK(svg.find(">80</text>") != std::string::npos);
}

TEST_CASE("the heat map has 7 x 24 cells with tooltips", "[svg_chart]") {
    HourOfWeekCounts counts{};
    counts[2][14] = 42;
    counts[6][9] = 7;
    dashboard::HeatMapLabels labels{
        {"周一", "周二", "周三", "周四", "周五", "周六", "<日>"}, "人次", "少", "多", "最多"};
    const std::string svg = dashboard::svg_week_heat_map(counts, labels, "hour of week");
    CHECK(count_of(svg, "<title>") == 168);
    CHECK(svg.find("周三 14:00–15:00: 42 人次") != std::string::npos);
    CHECK(svg.find("&lt;日&gt; 09:00–10:00: 7 人次") != std::string::npos);
    CHECK(svg.find("<日>") == std::string::npos);
    CHECK(svg.find("最多 42 人次") != std::string::npos);
    // the busiest cell is the darkest colour, an empty one the grey
    CHECK(svg.find(std::string("fill=\"") + kHeatColours[5] + "\"><title>周三 14:00") !=
          std::string::npos);
    CHECK(svg.find("fill=\"#f1f3f6\"><title>周一 00:00") != std::string::npos);
}

TEST_CASE("meter bars clamp their fraction", "[svg_chart]") {
    CHECK(dashboard::svg_meter_bar(0.5, "#123456", "half").find("width=\"50.0\"") !=
          std::string::npos);
    CHECK(dashboard::svg_meter_bar(2.0, "#123456", "")
              .find("width=\"100.0\" height=\"10\" rx=\"2\" fill") != std::string::npos);
    CHECK(dashboard::svg_meter_bar(-1, "#123456", "").find("width=\"0.0\"") != std::string::npos);
    CHECK(dashboard::svg_meter_bar(0.5, "#123456", "<x>").find("<title>&lt;x&gt;</title>") !=
          std::string::npos);
}
