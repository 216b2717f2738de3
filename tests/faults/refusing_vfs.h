// A data folder that turns read-only under a running kiosk, as when the
// kernel remounts a failing SD card read-only: a SQLite VFS over the default
// one that, while refusing, fails every write, truncate, sync and delete of the
// files under a chosen folder the way EROFS does (SQLITE_IOERR_WRITE and
// friends) and opens them read-only. Reads always work. chmod cannot do this:
// files already open stay writable, and root ignores permissions.
//
// install_refusing_vfs() makes it SQLite's default VFS for this process (once);
// with nothing refused it only passes calls through.
#pragma once

#include <string>

namespace kiosk::test {

void install_refusing_vfs();
// Starts refusing writes under `folder` (a path prefix), or stops ("" = nothing).
void refuse_writes_under(const std::string& folder);

} // namespace kiosk::test
