// bench-report-pdf: how long render_monthly_pdf takes to draw the province's
// monthly report for 1,000 kiosks in 100 venues (the hand-built report of
// tests/report/sample_monthly_report.h: every table full, both charts). It
// prints the median of 5 runs in ms, the page count and size, and the ratio
// to issue 20's 5 s budget. That budget covers collecting the report from a
// year of history on the hub too (h20-collect), so the drawing's share of it
// is what this prints, not the whole.
// Usage: build/bin/bench-report-pdf [--kiosks 1000] [--venues 100] [--runs 5] [--out FILE.pdf]
#include "report/monthly_report.h"
#include "report/sample_monthly_report.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

constexpr double kBudgetMs = 5000; // issue 20: the province PDF in at most 5 s

int count_pages(const std::string& pdf) {
    int pages = 0;
    for (size_t at = pdf.find("/Type /Page"); at != std::string::npos;
         at = pdf.find("/Type /Page", at + 1))
        pages += pdf.compare(at, 12, "/Type /Pages") != 0;
    return pages;
}

} // namespace

int main(int argc, char** argv) {
    int kiosks = 1000, venues = 100, runs = 5;
    std::string out;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--kiosks")
            kiosks = std::atoi(argv[i + 1]);
        else if (option == "--venues")
            venues = std::atoi(argv[i + 1]);
        else if (option == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (option == "--out")
            out = argv[i + 1];
        else {
            std::fprintf(stderr, "unknown option %s\n", option.c_str());
            return 2;
        }
    }
    const kiosk::report::MonthlyReport report = kiosk::test::sample_province_report(venues, kiosks);
    std::vector<double> times_ms;
    std::string pdf;
    for (int run = 0; run < runs; ++run) {
        std::string error;
        const auto start = std::chrono::steady_clock::now();
        std::optional<std::string> bytes = kiosk::report::render_monthly_pdf(report, error);
        const auto end = std::chrono::steady_clock::now();
        if (!bytes) {
            std::fprintf(stderr, "render_monthly_pdf failed: %s\n", error.c_str());
            return 1;
        }
        pdf = std::move(*bytes);
        times_ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(times_ms.begin(), times_ms.end());
    const double median = times_ms[times_ms.size() / 2];
    if (!out.empty()) std::ofstream(out, std::ios::binary) << pdf;
    std::printf("province monthly PDF, %d kiosks in %d venues: %d pages, %zu bytes\n", kiosks,
                venues, count_pages(pdf), pdf.size());
    std::printf("render_monthly_pdf: median %.1f ms of %d runs (fastest %.1f, slowest %.1f)\n",
                median, runs, times_ms.front(), times_ms.back());
    std::printf("ratio to the 5 s budget: %.3f (the budget also covers collecting the data "
                "on the hub, not measured here)\n",
                median / kBudgetMs);
    return 0;
}
