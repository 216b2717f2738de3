// The free space the heartbeat reports: what an unprivileged writer can still
// use in the kiosk's data folder.
#pragma once

#include <cstdint>
#include <string>

namespace kiosk::sync {

// Megabytes available to this process in the file system holding `folder`
// (statvfs f_bavail); 0 when it cannot be asked.
int64_t disk_free_mb(const std::string& folder);

} // namespace kiosk::sync
