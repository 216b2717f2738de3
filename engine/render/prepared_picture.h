// A picture read and decoded, before it is a texture: what ImageCache makes on
// the main thread when a picture is first drawn, and what PicturePrefetch
// (picture_prefetch.h) makes ahead of time on worker threads. Touches no SDL
// state, so it may run on any thread. The header is read first: a picture
// over the largest side or the caller's budget is refused undecoded; a
// picture larger than it is shown is shrunk to the size shown.
#pragma once

#include "core/file_source.h"
#include "core/image_decode.h"

#include <cstddef>
#include <optional>
#include <string>

namespace kiosk {

// The largest a picture is drawn, in pixels. A picture larger than that on
// both sides is shrunk to the smallest size that still covers it (its aspect
// kept, each pixel the average of the area it covers). {0, 0}: at its own size.
struct ShownSize {
    int width = 0;
    int height = 0;
};

struct PreparedPicture {
    std::optional<DecodedImage> decoded; // or `error`
    ImageSize declared;                  // of a picture refused from its header
    std::string error;                   // "SOURCE:name: why"
    bool over_budget = false;            // refused for the caller's budget: not cached
    bool opaque = false;                 // every pixel of `decoded` has alpha 255
};

// Reads `name` from `source` and decodes it (see the top of this file).
PreparedPicture prepare_picture(const FileSource& source, const std::string& name, int max_side,
                                size_t picture_bytes_left, ShownSize shown);

} // namespace kiosk
