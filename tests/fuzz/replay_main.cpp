// The fuzz targets' main() outside libFuzzer: runs LLVMFuzzerTestOneInput once
// on every file named on the command line or found in a folder named there
// (sorted, skipping names that start with '.'), so CTest replays each target's
// seed corpus and its regression inputs in the normal and sanitizer builds.
// The input's name is printed before it runs, so a crash names its file. Exit
// status 1 when a path is missing or nothing was replayed at all.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

namespace fs = std::filesystem;

bool replay(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "%s: cannot read\n", file.c_str());
        return false;
    }
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replaying %s (%zu bytes)\n", file.c_str(), bytes.size());
    // A copy of exactly `size` bytes, as libFuzzer passes, so reading past the
    // end is caught by ASan.
    std::vector<uint8_t> input(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(input.empty() ? nullptr : input.data(), input.size());
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE_OR_FOLDER...\n", argv[0]);
        return 1;
    }
    size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const fs::path path = argv[i];
        std::error_code error;
        if (fs::is_directory(path, error)) {
            std::vector<fs::path> files;
            for (const fs::directory_entry& entry : fs::directory_iterator(path, error))
                if (entry.is_regular_file() && entry.path().filename().string()[0] != '.')
                    files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            for (const fs::path& file : files)
                if (!replay(file)) return 1;
            replayed += files.size();
        } else if (fs::is_regular_file(path, error)) {
            if (!replay(path)) return 1;
            ++replayed;
        } else {
            std::fprintf(stderr, "%s: no such file or folder\n", path.c_str());
            return 1;
        }
    }
    if (replayed == 0) {
        std::fprintf(stderr, "no inputs found: nothing was replayed\n");
        return 1;
    }
    std::printf("replayed %zu inputs\n", replayed);
    return 0;
}
