// statvfs of the data folder.
#include "disk_space.h"

#include <sys/statvfs.h>

namespace kiosk::sync {

int64_t disk_free_mb(const std::string& folder) {
    struct statvfs info {};
    if (statvfs(folder.c_str(), &info) != 0) return 0;
    return int64_t((unsigned long long)info.f_bavail * info.f_frsize / (1024 * 1024));
}

} // namespace kiosk::sync
