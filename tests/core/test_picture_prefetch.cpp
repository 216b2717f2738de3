// Pictures decoded ahead of their first frame (issue 21: the home screen's
// thumbnails decoded on worker threads while the kiosk starts): each picture
// is read and decoded exactly once, by a worker or by the thread that asks
// first when no worker has begun it; what a prefetch makes is what the cache
// would have made itself; a caller with a picture budget is never handed a
// picture made without one; and what nobody asks for is dropped.
#include "../core/software_renderer.h"
#include "../core/temp_folder.h"
#include "../core/tiny_png.h"
#include "render/images.h"
#include "render/picture_prefetch.h"

#include <catch2/catch.hpp>
#include <stb_image_write.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

using namespace kiosk;
using kiosk::test::SoftwareRenderer;
using kiosk::test::TempFolder;
using kiosk::test::tiny_png;

namespace {

// A folder that notes which thread read each file, and can hold a read of
// one file until the test lets it go.
class WatchedFolder : public FileSource {
public:
    explicit WatchedFolder(std::string folder) : folder_(std::move(folder)) {}
    bool read(const std::string& name, std::string& bytes, std::string& error) const override {
        std::unique_lock lock(mutex_);
        readers_.insert({name, std::this_thread::get_id()});
        if (name == held_) {
            held_entered_ = true;
            changed_.notify_all();
            changed_.wait(lock, [this] { return held_.empty(); });
        }
        lock.unlock();
        return folder_.read(name, bytes, error);
    }
    std::vector<std::string> list() const override { return folder_.list(); }
    std::string describe(const std::string& name) const override { return folder_.describe(name); }

    void hold(const std::string& name) {
        std::lock_guard lock(mutex_);
        held_ = name;
    }
    void wait_until_held_read_began() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return held_entered_; });
    }
    void let_go() {
        std::lock_guard lock(mutex_);
        held_.clear();
        changed_.notify_all();
    }
    std::vector<std::thread::id> readers_of(const std::string& name) const {
        std::lock_guard lock(mutex_);
        std::vector<std::thread::id> readers;
        auto [from, to] = readers_.equal_range(name);
        for (auto it = from; it != to; ++it)
            readers.push_back(it->second);
        return readers;
    }

private:
    FolderSource folder_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    mutable std::multimap<std::string, std::thread::id> readers_;
    mutable std::string held_;
    mutable bool held_entered_ = false;
};

void append(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), size_t(size));
}

PictureRequest request_for(const std::shared_ptr<WatchedFolder>& source, const std::string& name) {
    return {name, source, name, {}};
}

} // namespace

TEST_CASE("a prefetched picture is made once: by the worker that began it, else by the asker",
          "[pictures][prefetch]") {
    TempFolder folder;
    folder.write("first.png", tiny_png(64, 32));
    folder.write("second.png", tiny_png(32, 16));
    folder.write("broken.png", "not a picture");
    auto source = std::make_shared<WatchedFolder>(folder.path().string());
    source->hold("first.png");
    PicturePrefetch prefetch({request_for(source, "first.png"), request_for(source, "second.png"),
                              request_for(source, "broken.png")},
                             kMaxScreenPictureSide, 1);
    // The one worker is inside first.png: second.png is made by this thread.
    source->wait_until_held_read_began();
    std::optional<PreparedPicture> second = prefetch.take("second.png");
    REQUIRE(second);
    REQUIRE(second->decoded);
    CHECK(second->decoded->width == 32);
    CHECK(source->readers_of("second.png") ==
          std::vector<std::thread::id>{std::this_thread::get_id()});
    CHECK_FALSE(prefetch.take("second.png")); // taken: forgotten
    CHECK_FALSE(prefetch.take("never-asked.png"));

    source->let_go();
    std::optional<PreparedPicture> first = prefetch.take("first.png");
    REQUIRE(first);
    REQUIRE(first->decoded);
    CHECK(first->decoded->width == 64);
    CHECK(first->opaque);
    const std::vector<std::thread::id> first_readers = source->readers_of("first.png");
    REQUIRE(first_readers.size() == 1);
    CHECK(first_readers[0] != std::this_thread::get_id());

    // A picture that does not decode keeps its reason, as the cache would say it.
    std::optional<PreparedPicture> broken = prefetch.take("broken.png");
    REQUIRE(broken);
    CHECK_FALSE(broken->decoded);
    CHECK(broken->error == source->describe("broken.png") + ": is not a PNG or JPEG picture");
    CHECK(source->readers_of("broken.png").size() == 1);
    CHECK(prefetch.untaken() == 0);
}

TEST_CASE("the cache's prefetched pictures are the ones it would have made, and nobody's are "
          "dropped after 30 s",
          "[pictures][prefetch]") {
    SoftwareRenderer software;
    REQUIRE(software.renderer);
    TempFolder folder;
    folder.write("tile.png", tiny_png(1280, 720));
    folder.write("other.png", tiny_png(64, 32));
    folder.write("unasked.png", tiny_png(64, 32));
    auto source = std::make_shared<WatchedFolder>(folder.path().string());
    const ShownSize tile{370, 208};
    ImageCache prefetched(software.renderer, kMaxScreenPictureSide);
    prefetched.prefetch(
        {{source, "tile.png", tile}, {source, "other.png", {}}, {source, "unasked.png", {}}}, 2);
    ImageCache plain(software.renderer, kMaxScreenPictureSide);
    FolderSource same(folder.path().string());

    std::string error;
    const Image& ahead = prefetched.get(*source, "tile.png", &error, kNoPictureBudget, tile);
    INFO(error);
    const Image& now = plain.get(same, "tile.png", nullptr, kNoPictureBudget, tile);
    REQUIRE(ahead.texture);
    CHECK(ahead.width == now.width);
    CHECK(ahead.height == now.height);
    CHECK(ahead.width == 370); // shrunk to the tile, as without a prefetch
    CHECK(prefetched.prefetched_untaken() == 2);

    // A caller with a budget decodes its own (within its budget), and leaves
    // the prefetched one for the caller without.
    const Image& budgeted = prefetched.get(*source, "other.png", &error, 1024);
    CHECK_FALSE(budgeted.texture);
    CHECK(error.find("over the") != std::string::npos);
    CHECK(prefetched.prefetched_untaken() == 2);
    CHECK(prefetched.get(*source, "other.png").texture);
    CHECK(prefetched.prefetched_untaken() == 1);
    CHECK(source->readers_of("tile.png").size() == 1);

    // unasked.png was made but no screen drew it: gone 30 s after the first
    // release_unused, its pixels with it.
    CHECK(prefetched.release_unused(100) == 0);
    CHECK(prefetched.prefetched_untaken() == 1);
    prefetched.release_unused(100 + kUnusedPictureS - 1);
    CHECK(prefetched.prefetched_untaken() == 1);
    prefetched.release_unused(100 + kUnusedPictureS);
    CHECK(prefetched.prefetched_untaken() == 0);
    // Asked for later, it is decoded then, as any picture.
    CHECK(prefetched.get(*source, "unasked.png").texture);
}

// Shrunk pixels are the average of the area each covers, fractions included:
// 3 columns (white, black, white) shown 2 wide give each pixel 1.5 source
// columns, one white and half a black: 255 * 1 / 1.5 = 170.
TEST_CASE("a shrunk picture's pixels average the area they cover", "[pictures][prefetch]") {
    const unsigned char rgb[] = {255, 255, 255, 0, 0, 0, 255, 255, 255,
                                 255, 255, 255, 0, 0, 0, 255, 255, 255};
    std::string png;
    REQUIRE(stbi_write_png_to_func(append, &png, 3, 2, 3, rgb, 9));
    TempFolder folder;
    folder.write("stripes.png", png);
    FolderSource source(folder.path().string());
    const PreparedPicture shrunk =
        prepare_picture(source, "stripes.png", kMaxScreenPictureSide, kNoPictureBudget, {2, 1});
    REQUIRE(shrunk.decoded);
    CHECK(shrunk.decoded->width == 2);
    CHECK(shrunk.decoded->height == 1);
    const std::vector<unsigned char> expected = {170, 170, 170, 255, 170, 170, 170, 255};
    CHECK(std::vector<unsigned char>(shrunk.decoded->rgba.begin(), shrunk.decoded->rgba.end()) ==
          expected);
    CHECK(shrunk.opaque);
}
