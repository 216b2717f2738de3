// The pages of a report PDF (see pdf_pages.h): the cairo PDF surface written
// into a string, the page cursor and footer, and pango text.
#include "pdf_pages.h"

#include "core/manager_text.h"
#include "core/utf8_text.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <vector>

namespace kiosk::report {

namespace {

// Fontconfig picks the first family it has: the CJK faces first so Chinese
// is never set in a Latin face's fallback boxes.
constexpr const char* kFontFamilies = "WenQuanYi Micro Hei,Noto Sans CJK SC,sans";

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (const std::exception&) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
}

} // namespace

std::string showable_line(std::string_view text) {
    std::string shown = make_showable_text(utf8_prefix(make_valid_utf8(text), kMaxShownBytes));
    for (char& c : shown)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return shown;
}

PdfDocument::PdfDocument(Language language, std::string_view title) : language_(language) {
    surface_ =
        cairo_pdf_surface_create_for_stream(append_to_string, &bytes_, kPageWidth, kPageHeight);
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
        error_ = std::string("cairo could not start a PDF: ") +
                 cairo_status_to_string(cairo_surface_status(surface_));
        return;
    }
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE,
                                   showable_line(title).c_str());
    cr_ = cairo_create(surface_);
    layout_ = pango_cairo_create_layout(cr_);
    PangoContext* context = pango_layout_get_context(layout_);
    // One pango unit of size is one PDF point: font sizes are in points.
    pango_cairo_context_set_resolution(context, 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    pango_layout_context_changed(layout_);
    if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS)
        error_ = std::string("cairo could not draw: ") + cairo_status_to_string(cairo_status(cr_));
}

PdfDocument::~PdfDocument() {
    for (auto& [key, description] : fonts_)
        pango_font_description_free(description);
    if (layout_) g_object_unref(layout_);
    if (cr_) cairo_destroy(cr_);
    if (surface_) cairo_surface_destroy(surface_);
}

const PangoFontDescription* PdfDocument::font(double size_pt, bool bold) {
    const std::pair<int, bool> key{int(std::lround(size_pt * 10)), bold};
    auto found = fonts_.find(key);
    if (found != fonts_.end()) return found->second;
    PangoFontDescription* description = pango_font_description_from_string(kFontFamilies);
    pango_font_description_set_size(description, key.first * PANGO_SCALE / 10);
    pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    fonts_.emplace(key, description);
    return description;
}

void PdfDocument::set_layout(std::string_view shown, double width, const TextStyle& style) {
    pango_layout_set_font_description(layout_, font(style.size_pt, style.bold));
    pango_layout_set_alignment(layout_, style.align);
    pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_height(layout_, -1);
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    const bool one_line = style.max_lines <= 1;
    pango_layout_set_single_paragraph_mode(layout_, one_line);
    // A one-line text is laid out unbounded to measure it; a wrapped one in its width.
    pango_layout_set_width(layout_, width > 0 && !one_line ? int(width * PANGO_SCALE) : -1);
    pango_layout_set_text(layout_, shown.data(), int(shown.size()));
}

bool PdfDocument::fits(std::string_view shown, double width, const TextStyle& style) {
    set_layout(shown, width, style);
    if (style.max_lines > 1) return pango_layout_get_line_count(layout_) <= style.max_lines;
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return double(w) / PANGO_SCALE <= width;
}

// The text cut to fit here rather than by pango's ellipsizing: pango hands
// the ellipsis to cairo as standing for all the hidden text, so the PDF's
// text (copy, search, pdftotext) would hold the whole 10,000 characters of a
// hostile title. Cut here, the PDF's text is what the page shows.
PangoLayout* PdfDocument::prepare(std::string_view text, double width, const TextStyle& requested) {
    std::string shown = showable_line(text);
    TextStyle style = requested;
    if (width > 0 && style.shrink_to_fit && style.max_lines <= 1 && !fits(shown, width, style)) {
        int natural = 0, height = 0;
        pango_layout_get_size(layout_, &natural, &height);
        const double scale = width / (double(natural) / PANGO_SCALE);
        style.size_pt = std::max(kSmallestShrunkPt, std::floor(style.size_pt * scale * 10) / 10);
        // Glyph widths do not scale exactly with the size: a few steps more.
        for (int step = 0;
             step < 10 && style.size_pt > kSmallestShrunkPt && !fits(shown, width, style); ++step)
            style.size_pt = std::max(kSmallestShrunkPt, style.size_pt - 0.2);
    }
    if (width > 0 && !fits(shown, width, style)) {
        std::vector<size_t> ends; // the byte end of each character
        for (size_t at = 0; at < shown.size();) {
            decode_utf8(shown, at);
            ends.push_back(at);
        }
        static const std::string kEllipsis = "\u2026";
        size_t low = 0, high = ends.size(); // prefixes of `low` characters fit
        while (low + 1 < high) {
            const size_t middle = (low + high) / 2;
            if (fits(shown.substr(0, ends[middle - 1]) + kEllipsis, width, style))
                low = middle;
            else
                high = middle;
        }
        shown = (low == 0 ? std::string() : shown.substr(0, ends[low - 1])) + kEllipsis;
    }
    set_layout(shown, width, style);
    if (width > 0) pango_layout_set_width(layout_, int(width * PANGO_SCALE));
    return layout_;
}

double PdfDocument::draw_text(std::string_view text, double x, double top, double width,
                              const TextStyle& style) {
    PangoLayout* layout = prepare(text, width, style);
    set_colour(style.colour);
    cairo_move_to(cr_, x, top);
    pango_cairo_show_layout(cr_, layout);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return double(h) / PANGO_SCALE;
}

double PdfDocument::text_height(std::string_view text, double width, const TextStyle& style) {
    int w = 0, h = 0;
    pango_layout_get_size(prepare(text, width, style), &w, &h);
    return double(h) / PANGO_SCALE;
}

double PdfDocument::text_width(std::string_view text, const TextStyle& style) {
    int w = 0, h = 0;
    pango_layout_get_size(prepare(text, -1, style), &w, &h);
    return double(w) / PANGO_SCALE;
}

void PdfDocument::paragraph(std::string_view text, const TextStyle& style, double space_after) {
    const double height = text_height(text, width(), style);
    ensure_space(height);
    draw_text(text, left(), y_, width(), style);
    y_ += height + space_after;
}

bool PdfDocument::ensure_space(double height) {
    if (y_ + height <= bottom() || y_ <= top() + 0.5) return false;
    new_page();
    return true;
}

void PdfDocument::new_page() {
    draw_footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = top();
}

void PdfDocument::draw_footer() {
    const TextStyle style{8, false, colour::kMuted, PANGO_ALIGN_CENTER};
    horizontal_rule(left(), kPageHeight - kMargin - 12, width(), colour::kRule);
    draw_text(manager_text("monthly_page", language_, {{"n", int64_t(page_)}}), left(),
              kPageHeight - kMargin - 6, width(), style);
}

void PdfDocument::set_colour(const Rgb& colour) const {
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
}

void PdfDocument::fill_rectangle(double x, double top, double width, double height,
                                 const Rgb& colour) const {
    set_colour(colour);
    cairo_rectangle(cr_, x, top, width, height);
    cairo_fill(cr_);
}

void PdfDocument::horizontal_rule(double x, double top, double width, const Rgb& colour,
                                  double line_width) const {
    set_colour(colour);
    cairo_set_line_width(cr_, line_width);
    cairo_move_to(cr_, x, top);
    cairo_line_to(cr_, x + width, top);
    cairo_stroke(cr_);
}

std::optional<std::string> PdfDocument::finish(std::string& error) {
    if (!ok()) {
        error = error_;
        return std::nullopt;
    }
    if (!finished_) {
        finished_ = true;
        draw_footer();
        cairo_show_page(cr_);
        cairo_destroy(cr_);
        cr_ = nullptr;
        cairo_surface_finish(surface_);
    }
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
        error = std::string("cairo could not write the PDF: ") +
                cairo_status_to_string(cairo_surface_status(surface_));
        return std::nullopt;
    }
    return std::move(bytes_);
}

} // namespace kiosk::report
