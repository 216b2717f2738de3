// prepare_picture: read, header check, decode (core/image_decode.h), an
// area-averaging shrink to the size shown (a box filter over fractional
// pixels: a few operations a pixel), and the opacity test the software
// renderer uses to skip blending.
#include "prepared_picture.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace kiosk {
namespace {

// The size `picture` is shrunk to for `shown`: the smallest that still covers
// it, its aspect kept. Its own size when it is not larger (or nothing is shown).
ImageSize shrunk_size(const DecodedImage& picture, ShownSize shown) {
    if (shown.width <= 0 || shown.height <= 0 || picture.width <= shown.width ||
        picture.height <= shown.height)
        return {picture.width, picture.height};
    const double scale =
        std::max(double(shown.width) / picture.width, double(shown.height) / picture.height);
    return {std::max(shown.width, int(std::lround(picture.width * scale))),
            std::max(shown.height, int(std::lround(picture.height * scale)))};
}

// How much of source pixels [0, from_size) each target pixel [0, to_size)
// covers: for target i, the source pixels first..last with their weights
// (areas in source pixels, summing to from_size / to_size).
struct Span {
    int first = 0;
    std::vector<float> weights;
};
std::vector<Span> area_spans(int from_size, int to_size) {
    std::vector<Span> spans(static_cast<size_t>(to_size));
    const double step = double(from_size) / to_size;
    for (int i = 0; i < to_size; ++i) {
        const double begin = i * step, end = std::min(double(from_size), (i + 1) * step);
        Span& span = spans[size_t(i)];
        span.first = int(begin);
        for (int x = span.first; x < from_size && x < end; ++x)
            span.weights.push_back(float(std::min(end, x + 1.0) - std::max(begin, double(x))));
    }
    return spans;
}

// The decoded picture shrunk to shrunk_size, each pixel the average of the
// area it covers (a box filter over fractional pixels): drawn at the size it
// is shown, the renderer copies it pixel for pixel instead of scaling it.
void scale_down(DecodedImage& picture, ShownSize shown) {
    const ImageSize size = shrunk_size(picture, shown);
    if (size.width == picture.width && size.height == picture.height) return;
    const std::vector<Span> columns = area_spans(picture.width, size.width);
    const std::vector<Span> rows = area_spans(picture.height, size.height);
    const float area =
        float(picture.width) / float(size.width) * float(picture.height) / float(size.height);
    std::vector<unsigned char> scaled(size.rgba_bytes());
    std::vector<float> row_sums(size_t(picture.width) * 4);
    for (int y = 0; y < size.height; ++y) {
        std::fill(row_sums.begin(), row_sums.end(), 0.0f);
        const Span& row_span = rows[size_t(y)];
        for (size_t dy = 0; dy < row_span.weights.size(); ++dy) {
            const unsigned char* row =
                picture.rgba.data() + size_t(row_span.first + int(dy)) * size_t(picture.width) * 4;
            const float weight = row_span.weights[dy];
            for (size_t i = 0; i < row_sums.size(); ++i)
                row_sums[i] += weight * float(row[i]);
        }
        unsigned char* out = scaled.data() + size_t(y) * size_t(size.width) * 4;
        for (int x = 0; x < size.width; ++x) {
            const Span& column = columns[size_t(x)];
            float sums[4] = {0, 0, 0, 0};
            for (size_t dx = 0; dx < column.weights.size(); ++dx)
                for (size_t c = 0; c < 4; ++c)
                    sums[c] +=
                        column.weights[dx] * row_sums[size_t(column.first + int(dx)) * 4 + c];
            for (size_t c = 0; c < 4; ++c)
                out[size_t(x) * 4 + c] =
                    static_cast<unsigned char>(std::clamp(sums[c] / area + 0.5f, 0.0f, 255.0f));
        }
    }
    picture = DecodedImage{size.width, size.height, std::move(scaled)};
}

bool every_pixel_opaque(const DecodedImage& picture) {
    for (size_t alpha = 3; alpha < picture.rgba.size(); alpha += 4)
        if (uint8_t(picture.rgba[alpha]) != 255) return false;
    return true;
}

} // namespace

PreparedPicture prepare_picture(const FileSource& source, const std::string& name, int max_side,
                                size_t picture_bytes_left, ShownSize shown) {
    PreparedPicture picture;
    std::string bytes;
    if (!source.read(name, bytes, picture.error)) return picture;
    const std::string described = source.describe(name);
    std::string problem;
    if (std::optional<ImageSize> declared = read_image_size(bytes, problem); declared) {
        std::string over = picture_side_problem(*declared, max_side);
        if (over.empty()) {
            over = picture_budget_problem(*declared, picture_bytes_left);
            picture.over_budget = !over.empty();
        }
        if (!over.empty()) {
            picture.declared = *declared;
            picture.error = described + ": " + over;
            return picture;
        }
    }
    picture.decoded = decode_image(bytes, problem, picture_bytes_left);
    if (!picture.decoded) {
        picture.error = described + ": " + problem;
        return picture;
    }
    bytes = std::string(); // the file's bytes go before the shrunk copy is made
    scale_down(*picture.decoded, shown);
    picture.opaque = every_pixel_opaque(*picture.decoded);
    return picture;
}

} // namespace kiosk
