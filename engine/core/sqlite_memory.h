// SQLite's process-wide memory settings for the kiosk, applied once at start
// before any database is opened. Content packages are SQLite files with 64 KiB
// pages (content/package_writer.cpp), and by default SQLite hands each new
// connection a bulk of 20 pages for its page cache at its first read: 1.3 MB
// for every package the kiosk holds open, before a byte of it is needed. With
// the bulk off, a connection allocates a page when it reads one. Nothing here
// touches journaling or syncing (kiosk.db keeps WAL and synchronous=FULL).
#pragma once

#include <string>

namespace kiosk {

// Call before any sqlite3_* use. false with `error` when SQLite was already
// initialized (the settings then have no effect; nothing else changes).
bool configure_sqlite_memory(std::string& error);

} // namespace kiosk
