// Decoding content pictures (see image_decode.h): PNG with libpng's simplified
// API, JPEG with libjpeg-turbo, both checked against the size limit and the
// picture budget from the header, before any pixel memory is allocated.
#include "image_decode.h"

#include <png.h>
// jpeglib.h needs size_t and FILE declared first.
#include <cstddef>
#include <cstdio>
#include <jpeglib.h>
// jerror.h after jpeglib.h: the warning codes.
#include <jerror.h>

#include <climits>
#include <csetjmp>

namespace kiosk {
namespace {

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";

bool too_large(long width, long height, std::string& problem) {
    if (width <= kMaxImageSide && height <= kMaxImageSide) return false;
    problem = "is larger than " + std::to_string(kMaxImageSide) + " px a side (" +
              std::to_string(width) + " x " + std::to_string(height) + ")";
    return true;
}

std::string mib_text(size_t bytes) {
    constexpr size_t mib = size_t(1) << 20;
    if (bytes % mib == 0) return std::to_string(bytes / mib) + " MiB";
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / double(mib));
    return text;
}

// Checks the header's size against the side limit and `bytes_left`; fills `size`.
bool size_allowed(long width, long height, size_t bytes_left, ImageSize& size,
                  std::string& problem) {
    if (too_large(width, height, problem)) return false;
    size = ImageSize{int(width), int(height)};
    problem = picture_budget_problem(size, bytes_left);
    return problem.empty();
}

// Reads the PNG's header; with `image`, decodes the pixels too (when the size is allowed).
bool read_png(std::string_view bytes, size_t bytes_left, ImageSize& size, DecodedImage* image,
              std::string& problem) {
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size())) {
        problem = std::string("does not decode (") + png.message + ")";
        return false;
    }
    if (!size_allowed(long(png.width), long(png.height), bytes_left, size, problem) || !image) {
        png_image_free(&png);
        return problem.empty();
    }
    png.format = PNG_FORMAT_RGBA;
    image->width = int(png.width);
    image->height = int(png.height);
    image->rgba.resize(PNG_IMAGE_SIZE(png));
    // finish_read frees libpng's memory whether it succeeds or not.
    if (!png_image_finish_read(&png, nullptr, image->rgba.data(), 0, nullptr)) {
        problem = std::string("does not decode (") + png.message + ")";
        return false;
    }
    return true;
}

// libjpeg reports a fatal error by calling error_exit, which must not return:
// it jumps back to read_jpeg's setjmp with the message kept here.
struct JpegErrors {
    jpeg_error_mgr manager;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void jpeg_fail(j_common_ptr info) {
    auto* errors = reinterpret_cast<JpegErrors*>(info->err);
    errors->manager.format_message(info, errors->message);
    std::longjmp(errors->jump, 1);
}

// Warnings that mean the picture's data is damaged (libjpeg would go on and
// fill the rest grey) are fatal; the others (an unknown JFIF version, stray
// bytes between segments, a bad ICC profile) leave a good picture and pass.
bool damaged_data_warning(int code) {
    switch (code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_MUST_RESYNC:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE:
    case JWRN_NOT_SEQUENTIAL:
    case JWRN_BOGUS_PROGRESSION:
        return true;
    default:
        return false;
    }
}

// Every message libjpeg emits comes here: level -1 is a warning, higher
// levels are trace output. Nothing is printed.
void jpeg_message(j_common_ptr info, int level) {
    if (level == -1 && damaged_data_warning(info->err->msg_code)) jpeg_fail(info);
}

// A progressive JPEG decodes the whole picture once per scan: a small file
// with thousands of scans would keep the kiosk busy for minutes. Real files
// have about ten (the limit libjpeg-turbo's own tools suggest is 500).
constexpr int kMaxJpegScans = 100;
constexpr long kMaxJpegMemory = 256L << 20; // libjpeg's own buffers, beyond the pixels

void jpeg_progress(j_common_ptr info) {
    auto* decompress = reinterpret_cast<j_decompress_ptr>(info);
    if (decompress->input_scan_number <= kMaxJpegScans) return;
    auto* errors = reinterpret_cast<JpegErrors*>(info->err);
    std::snprintf(errors->message, sizeof errors->message, "more than %d progressive scans",
                  kMaxJpegScans);
    std::longjmp(errors->jump, 1);
}

// Only plain C data lives in this frame between setjmp and longjmp; `size`,
// `image` and `problem` are the caller's. Reads the header; with `image`,
// decodes the pixels too (when the size is allowed). Rows are appended as they
// decode, so a file that declares a large picture and then ends costs little.
bool read_jpeg(std::string_view bytes, size_t bytes_left, ImageSize& size, DecodedImage* image,
               std::string& problem) {
    jpeg_decompress_struct info{};
    JpegErrors errors{};
    jpeg_progress_mgr progress{};
    progress.progress_monitor = jpeg_progress;
    info.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = jpeg_fail;
    errors.manager.emit_message = jpeg_message;
    if (setjmp(errors.jump)) {
        jpeg_destroy_decompress(&info);
        problem = std::string("does not decode (") + errors.message + ")";
        return false;
    }
    jpeg_create_decompress(&info);
    info.progress = &progress;
    info.mem->max_memory_to_use = kMaxJpegMemory;
    jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()),
                 static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&info, TRUE);
    if (!size_allowed(long(info.image_width), long(info.image_height), bytes_left, size, problem) ||
        !image) {
        jpeg_destroy_decompress(&info);
        return problem.empty();
    }
    info.out_color_space = JCS_EXT_RGBA;
    jpeg_start_decompress(&info);
    image->width = int(info.output_width);
    image->height = int(info.output_height);
    const size_t row_bytes = size_t(image->width) * 4;
    image->rgba.reserve(row_bytes * size_t(image->height));
    while (info.output_scanline < info.output_height) {
        image->rgba.resize(image->rgba.size() + row_bytes);
        JSAMPROW row = image->rgba.data() + image->rgba.size() - row_bytes;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return true;
}

// Which reader `bytes` needs: read_png, read_jpeg, or nullptr (and `problem`).
using PictureReader = bool (*)(std::string_view, size_t, ImageSize&, DecodedImage*, std::string&);

PictureReader reader_for(std::string_view bytes, std::string& problem) {
    if (bytes.size() > size_t(INT_MAX)) {
        problem = "does not decode (larger than 2 GiB)";
        return nullptr;
    }
    if (bytes.substr(0, kPngSignature.size()) == kPngSignature) return read_png;
    if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
        static_cast<unsigned char>(bytes[1]) == 0xD8 &&
        static_cast<unsigned char>(bytes[2]) == 0xFF)
        return read_jpeg;
    problem = "is not a PNG or JPEG picture";
    return nullptr;
}

} // namespace

std::string picture_budget_problem(const ImageSize& size, size_t bytes_left) {
    if (size.rgba_bytes() <= bytes_left) return "";
    return "is " + std::to_string(size.width) + " x " + std::to_string(size.height) + " px, " +
           mib_text(size.rgba_bytes()) + " once decoded: over the " + mib_text(bytes_left) +
           " left of the picture budget";
}

std::string picture_side_problem(const ImageSize& size, int max_side) {
    if (size.width <= max_side && size.height <= max_side) return "";
    return "is " + std::to_string(size.width) + " x " + std::to_string(size.height) +
           " px: the kiosk shows pictures here of at most " + std::to_string(max_side) +
           " px a side";
}

std::optional<ImageSize> read_image_size(std::string_view bytes, std::string& problem) {
    PictureReader reader = reader_for(bytes, problem);
    ImageSize size;
    if (!reader || !reader(bytes, kNoPictureBudget, size, nullptr, problem)) return std::nullopt;
    return size;
}

std::optional<DecodedImage> decode_image(std::string_view bytes, std::string& problem,
                                         size_t bytes_left) {
    PictureReader reader = reader_for(bytes, problem);
    ImageSize size;
    DecodedImage image;
    if (!reader || !reader(bytes, bytes_left, size, &image, problem)) return std::nullopt;
    return image;
}

} // namespace kiosk
