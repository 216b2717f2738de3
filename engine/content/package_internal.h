// What the package reader and writer share and nobody else needs: the bytes
// a signature covers.
#pragma once

#include "content/package.h"

#include <string>

namespace kiosk {

// "kiosk-package-v1" followed by the 64 digest bytes.
std::string signed_message(const PackageDigest& digest);

} // namespace kiosk
