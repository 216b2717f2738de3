// Where the demo content's tiles are on the home screen, for tests that open
// an exhibit or a quiz pack by tapping it (in-process replays, kiosk
// processes, the soak script). One model of engine/app/home_screen.cpp's grid
// (margin 80, gap 48, three columns, tiles 542 high from y 290) and of the
// demo home order (the exhibits sorted by id, then the quiz packs), so a new
// sample moves every test's taps at once. app_tests checks the order against
// the running kiosk ("the demo home order is the tests' model of it").
#pragma once

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kiosk::test {

// build/content as the sample configs show it: exhibits by id, then quiz packs.
inline constexpr std::array<std::string_view, 6> kDemoHomeOrder = {
    "earthquake-drill", "moon-phases",      "pendulum-lab",
    "water-cycle",      "emergency-safety", "general-science"};

inline constexpr float kHomeTileWidth = (1920.0f - 2 * 80 - 2 * 48) / 3;
inline constexpr float kHomeTileHeight = 542;
inline constexpr float kHomeGridTop = 290;
inline constexpr float kHomeTileGap = 48;
// The drag that scrolls the grid by 400 px (from a gap between rows), and the
// wait after it, as the replays write it.
inline constexpr const char* kHomeScrollDown = "drag 960 900 960 500 0.3\nwait 1\n";
inline constexpr float kHomeScrollDownPx = 400;

struct HomeTile {
    int row = 0, column = 0;
    float x = 0, y = 0; // its centre on the unscrolled screen
};

// The tile of `id` among `order` (default: the demo home order).
template <size_t N = kDemoHomeOrder.size()>
HomeTile home_tile(std::string_view id,
                   const std::array<std::string_view, N>& order = kDemoHomeOrder) {
    for (size_t i = 0; i < order.size(); ++i)
        if (order[i] == id) {
            HomeTile tile;
            tile.row = int(i) / 3;
            tile.column = int(i) % 3;
            tile.x = 80 + float(tile.column) * (kHomeTileWidth + kHomeTileGap) + kHomeTileWidth / 2;
            tile.y = kHomeGridTop + float(tile.row) * (kHomeTileHeight + kHomeTileGap) +
                     kHomeTileHeight / 2;
            return tile;
        }
    throw std::invalid_argument("no tile " + std::string(id) + " in the demo home order");
}

// Replay lines that open `id` from the unscrolled home screen: a tap on a
// first-row tile; for the second row, the scroll first, then the tap.
inline std::string open_home_tile(std::string_view id) {
    const HomeTile tile = home_tile(id);
    if (tile.row > 1) throw std::invalid_argument("open_home_tile: only the first two rows");
    const float y = tile.row == 0 ? tile.y : tile.y - kHomeScrollDownPx;
    return std::string(tile.row == 0 ? "" : kHomeScrollDown) + "tap " +
           std::to_string(int(tile.x)) + " " + std::to_string(int(y)) + "\n";
}

} // namespace kiosk::test
