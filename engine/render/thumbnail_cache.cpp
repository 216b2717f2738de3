// ThumbnailCache: one file a thumbnail, named by a BLAKE2b-128 of its key;
// "KIOSKTHUMB1", width and height (4 bytes each, big-endian), opaque (1 byte),
// then width x height x 4 bytes of RGBA. Written whole to NAME.part, then
// renamed (core/private_files.h), so a reader never sees half a file.
#include "thumbnail_cache.h"

#include "core/private_files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace kiosk {
namespace {

constexpr std::string_view kMagic = "KIOSKTHUMB1";
constexpr size_t kHeaderBytes = kMagic.size() + 4 + 4 + 1;

void put_u32(std::string& out, uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out += char((value >> shift) & 0xFF);
}

uint32_t get_u32(const unsigned char* in) {
    return uint32_t(in[0]) << 24 | uint32_t(in[1]) << 16 | uint32_t(in[2]) << 8 | uint32_t(in[3]);
}

// The sides prepare_picture gives a picture shrunk for `shown`: one side
// equal to shown's, the other at least shown's, neither over the screen limit.
bool plausible_sides(uint32_t width, uint32_t height, ShownSize shown) {
    const uint32_t limit = uint32_t(kMaxScreenPictureSide);
    if (width == 0 || height == 0 || width > limit || height > limit) return false;
    const uint32_t shown_w = uint32_t(shown.width), shown_h = uint32_t(shown.height);
    return (width == shown_w && height >= shown_h) || (height == shown_h && width >= shown_w);
}

bool read_whole(int fd, unsigned char* out, size_t size) {
    while (size > 0) {
        const ssize_t got = ::read(fd, out, size);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        out += got;
        size -= size_t(got);
    }
    return true;
}

// Removes the oldest kept files while there are more than kMaxKeptThumbnails.
void prune(const std::string& folder) {
    std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> kept;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.is_regular_file(ec) && entry.path().extension() == ".rgba")
            kept.emplace_back(entry.last_write_time(ec), entry.path());
    if (kept.size() <= size_t(kMaxKeptThumbnails)) return;
    std::sort(kept.begin(), kept.end());
    for (size_t i = 0; i + size_t(kMaxKeptThumbnails) < kept.size(); ++i)
        std::filesystem::remove(kept[i].second, ec);
}

} // namespace

std::string ThumbnailCache::path_for(const FileSource& source, const std::string& name,
                                     ShownSize shown) const {
    const std::string identity = source.content_identity();
    if (identity.empty() || shown.width <= 0 || shown.height <= 0) return "";
    const std::string key = identity + "\n" + name + "\n" + std::to_string(shown.width) + "x" +
                            std::to_string(shown.height);
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(key.data()),
                       key.size(), nullptr, 0);
    char hex[2 * sizeof hash + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return folder_ + "/" + hex + ".rgba";
}

std::optional<PreparedPicture> ThumbnailCache::load(const std::string& path,
                                                    ShownSize shown) const {
    std::string ignored;
    const int fd = open_private_file(path, O_RDONLY, ignored);
    if (fd < 0) return std::nullopt;
    std::optional<PreparedPicture> picture;
    struct stat info {};
    unsigned char header[kHeaderBytes];
    if (::fstat(fd, &info) == 0 && read_whole(fd, header, sizeof header) &&
        std::string_view(reinterpret_cast<const char*>(header), kMagic.size()) == kMagic) {
        const uint32_t width = get_u32(header + kMagic.size());
        const uint32_t height = get_u32(header + kMagic.size() + 4);
        const unsigned char opaque = header[kMagic.size() + 8];
        if (plausible_sides(width, height, shown) && opaque <= 1 &&
            uint64_t(info.st_size) == kHeaderBytes + uint64_t(width) * height * 4) {
            DecodedImage image{int(width), int(height), {}};
            image.rgba.resize(image.width * size_t(image.height) * 4);
            if (read_whole(fd, image.rgba.data(), image.rgba.size())) {
                picture.emplace();
                picture->decoded = std::move(image);
                picture->opaque = opaque == 1;
            }
        }
    }
    ::close(fd);
    return picture;
}

void ThumbnailCache::store(const std::string& path, const PreparedPicture& picture) const {
    if (!picture.decoded) return;
    const DecodedImage& image = *picture.decoded;
    std::string error;
    if (!make_private_folder(folder_, error)) return;
    std::string bytes(kMagic);
    put_u32(bytes, uint32_t(image.width));
    put_u32(bytes, uint32_t(image.height));
    bytes += char(picture.opaque ? 1 : 0);
    bytes.append(reinterpret_cast<const char*>(image.rgba.data()), image.rgba.size());
    if (replace_private_file(path, bytes, error)) prune(folder_);
}

PreparedPicture ThumbnailCache::prepare(const FileSource& source, const std::string& name,
                                        int max_side, size_t picture_bytes_left,
                                        ShownSize shown) const {
    const std::string path =
        picture_bytes_left == kNoPictureBudget ? path_for(source, name, shown) : "";
    if (!path.empty())
        if (std::optional<PreparedPicture> kept = load(path, shown)) return std::move(*kept);
    PreparedPicture picture = prepare_picture(source, name, max_side, picture_bytes_left, shown);
    if (!path.empty() && picture.decoded &&
        plausible_sides(uint32_t(picture.decoded->width), uint32_t(picture.decoded->height), shown))
        store(path, picture);
    return picture;
}

} // namespace kiosk
