// Thumbnails as shown, kept in the data folder (DATA/thumbnails) so that a
// kiosk starting again does not decode and shrink the same pictures again:
// the home screen's 640 x 360 PNGs cost more than the rest of its first frame.
// A thumbnail is kept under a key naming its source's exact bytes (a
// package's digest, FileSource::content_identity), the file in it and the
// size it is shown at, so a changed package is a new key and an old entry can
// never stand for new bytes; pictures from folders are never kept. A kept
// file is read only when it is a private regular file (no link, this user's)
// of exactly the size its header declares, and its sides are those a picture
// shrunk for that size can have; anything else is decoded again and the file
// replaced. Storing is best effort: a full or read-only disk only costs the
// decoding next time. At most kMaxKeptThumbnails files: the oldest go first.
#pragma once

#include "core/image_decode.h"
#include "render/prepared_picture.h"

#include <optional>
#include <string>

namespace kiosk {

constexpr int kMaxKeptThumbnails = 200;

class ThumbnailCache {
public:
    explicit ThumbnailCache(std::string folder) : folder_(std::move(folder)) {}
    const std::string& folder() const { return folder_; }

    // The file that keeps `name` of `source` shown at `shown`, or "" when it
    // cannot be kept (no content identity, nothing shown).
    std::string path_for(const FileSource& source, const std::string& name, ShownSize shown) const;
    // The picture kept at `path`, when it is whole and plausible (see above).
    std::optional<PreparedPicture> load(const std::string& path, ShownSize shown) const;
    // Keeps `picture` (decoded and shrunk for `shown`) at `path`.
    void store(const std::string& path, const PreparedPicture& picture) const;
    // prepare_picture through the cache: the kept thumbnail when there is
    // one, otherwise decoded, shrunk and kept when it was shrunk. A picture
    // under a budget (an exhibit's) is only ever prepare_picture's.
    PreparedPicture prepare(const FileSource& source, const std::string& name, int max_side,
                            size_t picture_bytes_left, ShownSize shown) const;

private:
    std::string folder_;
};

} // namespace kiosk
