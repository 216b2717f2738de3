// The ```lua code blocks of the curators' guides (exhibits/README.md and
// README.en.md), each with the "<!-- run: ... -->" line written just before it
// that says how the code-block test runs it (see exhibits/README.en.md,
// "How the examples in this guide are tested"):
//
//   <!-- run: example NAME main -->      main.lua of the complete example NAME
//   <!-- run: example NAME manifest -->  its manifest.lua
//   <!-- run: main -->                   a fragment at the top of main.lua
//   <!-- run: load | update | draw -->   a fragment inside that callback
//   <!-- run: draw with LUA -->          ... after LUA at the top of main.lua,
//                                        which defines the names it needs
//   <!-- run: config -->                 a field of the kiosk config (it
//                                        replaces that field of the sample's)
#pragma once

#include <string>
#include <vector>

namespace kiosk::test {

struct GuideBlock {
    std::string guide;  // the guide's path inside the repository
    int first_line = 0; // the guide's line number of the block's first code line
    std::string run;    // the annotation after "run:", trimmed; "" when missing
    std::string code;   // the block's lines, each ending in '\n'
};

// Every ```lua block of the guide at `path` (relative to the repository), in
// order. A block that is never closed is returned with run = "" and an
// explanation in `error`.
std::vector<GuideBlock> read_lua_blocks(const std::string& path, std::string& error);

} // namespace kiosk::test
