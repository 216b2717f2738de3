// Pictures are checked against the exhibit's picture budget from their header,
// before they are decoded (issue 15): a signed exhibit with eight 8 KB PNGs of
// 8192 x 8192 px (256 MiB each once decoded) drove the kiosk to a 575 MB peak
// before the 64 MiB cap refused each. An exhibit asks for them with
// kiosk.imagesize (the same check_image path kiosk.image takes), and a counting
// operator new (this test executable's own) records the largest single
// allocation: it must never exceed what the budget has left.
#include "../core/software_renderer.h"
#include "../core/temp_folder.h"
#include "../core/tiny_png.h"
#include "core/image_decode.h"
#include "render/images.h"
#include "script/exhibit_host.h"

#include <SDL.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>

namespace {
std::atomic<size_t> largest_allocation{0};

void* counted_allocation(size_t size) {
    size_t seen = largest_allocation.load(std::memory_order_relaxed);
    while (size > seen && !largest_allocation.compare_exchange_weak(seen, size)) {
    }
    if (void* memory = std::malloc(size ? size : 1)) return memory;
    throw std::bad_alloc();
}
} // namespace

void* operator new(size_t size) {
    return counted_allocation(size);
}
void* operator new[](size_t size) {
    return counted_allocation(size);
}
// The nothrow forms too: every form that pairs with the deletes below is ours
// (AddressSanitizer checks that what operator new allocated is freed by it).
void* operator new(size_t size, const std::nothrow_t&) noexcept {
    try {
        return counted_allocation(size);
    } catch (const std::bad_alloc&) {
        return nullptr;
    }
}
void* operator new[](size_t size, const std::nothrow_t&) noexcept {
    try {
        return counted_allocation(size);
    } catch (const std::bad_alloc&) {
        return nullptr;
    }
}
void operator delete(void* memory, const std::nothrow_t&) noexcept {
    std::free(memory);
}
void operator delete[](void* memory, const std::nothrow_t&) noexcept {
    std::free(memory);
}
void operator delete(void* memory) noexcept {
    std::free(memory);
}
void operator delete[](void* memory) noexcept {
    std::free(memory);
}
void operator delete(void* memory, size_t) noexcept {
    std::free(memory);
}
void operator delete[](void* memory, size_t) noexcept {
    std::free(memory);
}

using namespace kiosk;
using kiosk::test::SoftwareRenderer;
using kiosk::test::TempFolder;
using kiosk::test::tiny_png;

namespace {

constexpr size_t kMiB = size_t(1) << 20;

// Runs `main_lua` in an exhibit folder holding `pictures`, with a 64 MiB memory
// cap (the kiosk's default) and a time budget no decode could hit. Returns the
// exhibit's error message ("" when it ran without one).
std::string run_exhibit(const std::vector<std::pair<std::string, std::string>>& pictures,
                        const std::string& main_lua, SDL_Renderer* renderer) {
    TempFolder folder;
    for (const auto& [name, bytes] : pictures)
        folder.write(name, bytes);
    folder.write("main.lua", main_lua);
    SandboxLimits limits;
    limits.memory_bytes = 64 * kMiB;
    limits.time_budget_s = 600;
    ExhibitHost host(ExhibitSource{"pictures",
                                   std::make_shared<FolderSource>(folder.path().string()),
                                   "main.lua"},
                     limits, 7, renderer);
    host.start(Language::Zh);
    return host.failed() ? host.error().message : "";
}

} // namespace

TEST_CASE("eight 8 KB pictures of 8192 x 8192 px are refused from their headers, undecoded",
          "[pictures][budget]") {
    SoftwareRenderer software;
    REQUIRE(software.renderer);
    std::vector<std::pair<std::string, std::string>> pictures;
    for (int i = 1; i <= 8; ++i)
        pictures.emplace_back("images/big" + std::to_string(i) + ".png", tiny_png(8192, 8192));
    REQUIRE(pictures[0].second.size() < 64 * 1024); // tiny on disk
    largest_allocation = 0;
    const std::string message = run_exhibit(pictures, R"(
local refused = {}
for i = 1, 8 do
  local ok, message = pcall(kiosk.imagesize, "images/big" .. i .. ".png")
  if ok then error("images/big" .. i .. ".png was accepted", 0) end
  refused[#refused + 1] = message
end
error(table.concat(refused, "\n"), 0)
)",
                                            software.renderer);
    const size_t largest = largest_allocation;
    INFO(message);
    for (int i = 1; i <= 8; ++i)
        CHECK(message.find("images/big" + std::to_string(i) +
                           ".png: is 8192 x 8192 px, 256 MiB once decoded: over the 64 MiB left "
                           "of the picture budget") != std::string::npos);
    // Nothing was decoded: no allocation came near the 64 MiB the budget had left.
    CHECK(largest < 64 * kMiB);
}

TEST_CASE("a picture is checked against what the budget has left after the ones drawn before",
          "[pictures][budget]") {
    SoftwareRenderer software;
    REQUIRE(software.renderer);
    // Three pictures of 16 MiB fit (48 MiB used); one of 32 MiB is over the 16 MiB left.
    largest_allocation = 0;
    const std::string message = run_exhibit({{"a.png", tiny_png(2048, 2048)},
                                             {"b.png", tiny_png(2048, 2048)},
                                             {"c.png", tiny_png(2048, 2048)},
                                             {"wide.png", tiny_png(4096, 2048)}},
                                            R"(
for _, name in ipairs({"a.png", "b.png", "c.png"}) do
  local w, h = kiosk.imagesize(name)
  if w ~= 2048 or h ~= 2048 then error(name .. " is " .. w .. "x" .. h, 0) end
end
kiosk.imagesize("wide.png")
)",
                                            software.renderer);
    const size_t largest = largest_allocation;
    INFO(message);
    CHECK(message.find("wide.png: is 4096 x 2048 px, 32 MiB once decoded: over the 16 MiB left "
                       "of the picture budget") != std::string::npos);
    CHECK(largest <= 16 * kMiB); // the 16 MiB pictures were decoded; the 32 MiB one was not
}

TEST_CASE("the decoder refuses a picture over the budget before allocating its pixels",
          "[pictures][budget]") {
    const std::string huge = tiny_png(8192, 8192);
    std::string problem;
    largest_allocation = 0;
    CHECK_FALSE(decode_image(huge, problem, 64 * kMiB));
    const size_t largest = largest_allocation;
    CHECK(problem ==
          "is 8192 x 8192 px, 256 MiB once decoded: over the 64 MiB left of the picture budget");
    CHECK(largest < kMiB);
}

TEST_CASE("the kiosk's own screens refuse a thumbnail or quiz picture over 4096 px a side "
          "from its header, undecoded",
          "[pictures][budget]") {
    // Home-screen thumbnails and quiz pictures have no exhibit budget: before,
    // an 8 KB thumbnail of 8192 x 8192 px cost 256 MiB a tile.
    SoftwareRenderer software;
    REQUIRE(software.renderer);
    TempFolder folder;
    folder.write("thumbnail.png", tiny_png(8192, 8192));
    folder.write("photo.png", tiny_png(4000, 3000)); // a camera photo still fits
    FolderSource source(folder.path().string());
    ImageCache screens(software.renderer, kMaxScreenPictureSide);
    largest_allocation = 0;
    std::string error;
    const Image& thumbnail = screens.get(source, "thumbnail.png", &error);
    CHECK_FALSE(thumbnail.texture);
    CHECK(thumbnail.width == 8192);
    CHECK_THAT(error, Catch::Contains("thumbnail.png: is 8192 x 8192 px: the kiosk shows "
                                      "pictures here of at most 4096 px a side"));
    CHECK(largest_allocation < 16 * kMiB);                      // refused from the header
    CHECK(&screens.get(source, "thumbnail.png") == &thumbnail); // the refusal is cached
    const Image& photo = screens.get(source, "photo.png", &error);
    INFO(error);
    CHECK(photo.texture);
}
