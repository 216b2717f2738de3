// Reads the ```lua blocks of a guide and the "<!-- run: ... -->" line before each.
#include "guide_blocks.h"

#include "test_paths.h"

#include <fstream>

namespace kiosk::test {
namespace {

std::string trimmed(const std::string& text) {
    const size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    const size_t last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// "draw with local x = 1" from "<!-- run: draw with local x = 1 -->", else "".
std::string run_annotation(const std::string& line) {
    const std::string text = trimmed(line), open = "<!-- run:", close = "-->";
    if (text.compare(0, open.size(), open) != 0 || text.size() < open.size() + close.size() ||
        text.compare(text.size() - close.size(), close.size(), close) != 0)
        return "";
    return trimmed(text.substr(open.size(), text.size() - open.size() - close.size()));
}

} // namespace

std::vector<GuideBlock> read_lua_blocks(const std::string& path, std::string& error) {
    std::vector<GuideBlock> blocks;
    std::ifstream in(source_dir() + "/" + path);
    if (!in) {
        error = path + ": cannot be read";
        return blocks;
    }
    std::string line, last_text_line;
    bool inside = false;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string text = trimmed(line);
        if (inside) {
            if (text == "```")
                inside = false;
            else
                blocks.back().code += line + "\n";
            continue;
        }
        if (text == "```lua") {
            inside = true;
            GuideBlock block;
            block.guide = path;
            block.first_line = number + 1;
            block.run = run_annotation(last_text_line);
            blocks.push_back(block);
        }
        if (!text.empty()) last_text_line = text;
    }
    if (inside) {
        error = path + ":" + std::to_string(blocks.back().first_line - 1) +
                ": a ```lua block is never closed with ```";
        blocks.back().run.clear();
    }
    return blocks;
}

} // namespace kiosk::test
