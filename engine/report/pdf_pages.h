// The pages of a report PDF: an A4 portrait cairo PDF surface written into a
// string, a cursor running down the page that starts a new page (with its
// "第 N 页" footer) when the next block does not fit, and text set with pango
// (a CJK face through fontconfig: WenQuanYi Micro Hei, Noto Sans CJK SC, then
// any sans). Every text drawn here is made showable first (invalid UTF-8 and
// control characters become U+FFFD, tabs and line breaks become spaces) and
// is set as plain text, never as pango markup, so a title like "<b>&amp;" is
// printed as written. A one-line text wider than its box is cut to end in
// "…"; a wrapped one is cut to its line limit, ending in "…". This file owns the
// page geometry, the colours and the text drawing; tables and charts draw
// through it (pdf_table.h, pdf_charts.h).
#pragma once

#include "core/bilingual.h"

#include <cairo.h>
#include <pango/pango.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::report {

struct Rgb {
    double r = 0, g = 0, b = 0;
};

namespace colour {
inline constexpr Rgb kInk{0.13, 0.13, 0.15};
inline constexpr Rgb kMuted{0.42, 0.44, 0.48};
inline constexpr Rgb kRule{0.78, 0.80, 0.84};
inline constexpr Rgb kGrid{0.90, 0.91, 0.93};
inline constexpr Rgb kHeaderFill{0.91, 0.93, 0.96};
inline constexpr Rgb kStripeFill{0.97, 0.975, 0.985};
inline constexpr Rgb kAccent{0.15, 0.38, 0.68};  // bars, headings
inline constexpr Rgb kWeekend{0.90, 0.49, 0.13}; // weekend bars
inline constexpr Rgb kWarn{0.78, 0.42, 0.00};    // expiring, low availability
inline constexpr Rgb kBad{0.76, 0.11, 0.11};     // expired, very low availability
inline constexpr Rgb kMeterTrack{0.88, 0.89, 0.91};
} // namespace colour

struct TextStyle {
    double size_pt = 9;
    bool bold = false;
    Rgb colour = colour::kInk;
    PangoAlignment align = PANGO_ALIGN_LEFT;
    int max_lines = 1; // 1: one line, ellipsized; more: wrapped, ellipsized at the last
    // A one-line text too wide for its box is set smaller (down to
    // kSmallestShrunkPt) rather than cut: numbers are never shown in part.
    bool shrink_to_fit = false;
};

// The showable form of outside text for one line: valid UTF-8, hidden control
// characters as U+FFFD, tabs and line breaks as spaces, at most
// kMaxShownBytes (a longer text is ellipsized anyway).
std::string showable_line(std::string_view text);
inline constexpr size_t kMaxShownBytes = 4096;
inline constexpr double kSmallestShrunkPt = 3;

class PdfDocument {
public:
    static constexpr double kPageWidth = 595.276; // A4 in points
    static constexpr double kPageHeight = 841.890;
    static constexpr double kMargin = 42;
    static constexpr double kFooterHeight = 24;

    PdfDocument(Language language, std::string_view title);
    ~PdfDocument();
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    // False when cairo or pango could not start (error() says why).
    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }

    Language language() const { return language_; }
    cairo_t* cairo() const { return cr_; }
    int page() const { return page_; }

    double left() const { return kMargin; }
    double width() const { return kPageWidth - 2 * kMargin; }
    double top() const { return kMargin; }
    double bottom() const { return kPageHeight - kMargin - kFooterHeight; }

    // The cursor: where the next block starts on this page.
    double y() const { return y_; }
    void advance(double points) { y_ += points; }
    double space_left() const { return bottom() - y_; }
    // Starts a new page when fewer than `height` points are left on this
    // one (and this page is not empty); true when it did.
    bool ensure_space(double height);
    void new_page();

    // Draws `text` in the box [x, x + width] from `top`; returns its height.
    double draw_text(std::string_view text, double x, double top, double width,
                     const TextStyle& style);
    // The height `text` takes in `width` and its natural one-line width.
    double text_height(std::string_view text, double width, const TextStyle& style);
    double text_width(std::string_view text, const TextStyle& style);
    // A paragraph at the cursor across the page's width (a new page first
    // when it does not fit), then `space_after`.
    void paragraph(std::string_view text, const TextStyle& style, double space_after = 6);

    void set_colour(const Rgb& colour) const;
    void fill_rectangle(double x, double top, double width, double height, const Rgb& colour) const;
    void horizontal_rule(double x, double top, double width, const Rgb& colour,
                         double line_width = 0.5) const;

    // Ends the last page and the PDF: the file's bytes, or nullopt with `error`.
    std::optional<std::string> finish(std::string& error);

private:
    PangoLayout* prepare(std::string_view text, double width, const TextStyle& style);
    void set_layout(std::string_view shown, double width, const TextStyle& style);
    bool fits(std::string_view shown, double width, const TextStyle& style);
    const PangoFontDescription* font(double size_pt, bool bold);
    void draw_footer();

    Language language_;
    std::string bytes_;
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
    PangoLayout* layout_ = nullptr;
    std::map<std::pair<int, bool>, PangoFontDescription*> fonts_; // (size in 1/10 pt, bold)
    std::string error_;
    int page_ = 1;
    double y_ = kMargin;
    bool finished_ = false;
};

} // namespace kiosk::report
