// The monthly report's PDF (see monthly_report.h): the sections drawn in
// order on A4 pages (monthly_sections.h), and the file written for its owner
// only, never through a symbolic link.
#include "core/manager_text.h"
#include "core/private_files.h"
#include "monthly_report.h"
#include "monthly_sections.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>

namespace kiosk::report {

std::optional<std::string> render_monthly_pdf(const MonthlyReport& report, std::string& error) {
    try {
        PdfDocument pdf(report.language, manager_text("monthly_title", report.language) + " " +
                                             report.scope_name + " " + report.month);
        if (!pdf.ok()) {
            error = pdf.error();
            return std::nullopt;
        }
        draw_report_header(pdf, report);
        draw_headline_section(pdf, report);
        draw_visitor_charts(pdf, report);
        draw_exhibit_section(pdf, report);
        draw_quiz_section(pdf, report);
        draw_availability_section(pdf, report);
        draw_content_section(pdf, report);
        draw_notice_section(pdf, report);
        draw_venue_section(pdf, report);
        draw_data_quality_section(pdf, report);
        return pdf.finish(error);
    } catch (const std::exception& failure) {
        error = std::string("the monthly PDF could not be drawn: ") + failure.what();
        return std::nullopt;
    }
}

bool write_monthly_pdf(const MonthlyReport& report, const std::string& path, std::string& error) {
    const std::optional<std::string> pdf = render_monthly_pdf(report, error);
    if (!pdf) return false;
    const int fd = open_private_file(path, O_WRONLY | O_CREAT | O_TRUNC, error);
    if (fd < 0) return false;
    size_t written = 0;
    while (written < pdf->size()) {
        const ssize_t step = ::write(fd, pdf->data() + written, pdf->size() - written);
        if (step < 0 && errno == EINTR) continue;
        if (step <= 0) {
            error = path + ": could not write the PDF: " + std::strerror(errno);
            ::close(fd);
            return false;
        }
        written += size_t(step);
    }
    if (::close(fd) != 0) {
        error = path + ": could not write the PDF: " + std::strerror(errno);
        return false;
    }
    return true;
}

} // namespace kiosk::report
