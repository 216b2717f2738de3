// Random identifiers from libsodium's randombytes (getrandom(2) underneath).
#include "random_id.h"

#include <sodium.h>

namespace kiosk {

std::string make_random_id() {
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return std::string(hex);
}

} // namespace kiosk
