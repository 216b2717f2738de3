// Anonymous random identifiers (visitor sessions, boots): 128 bits from the
// operating system's CSPRNG via libsodium, as 32 lowercase hex characters.
#pragma once

#include <string>

namespace kiosk {

std::string make_random_id();

} // namespace kiosk
