// Where the tests and benchmarks find the repository and the build tree: the
// source folder (exhibits, content, kiosk-config, fixtures), the build folder
// (signed demo content, demo keys, test-tmp) and the programs built into its
// bin/. The paths live in one generated file (test_paths.cpp.in), not in
// compile definitions, so every other test object is the same in every clone
// and ccache reuses it.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::test {

// The repository's top folder, without a trailing slash.
const std::string& source_dir();
// The build tree's top folder, without a trailing slash.
const std::string& binary_dir();
// A program built by this tree: binary_dir()/bin/NAME.
std::string program_path(std::string_view name);

} // namespace kiosk::test
