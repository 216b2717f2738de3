// The refusing VFS (see refusing_vfs.h): every call goes to the default VFS
// except, for files under the refused folder, writes, truncates, syncs and
// deletes (failing as EROFS makes the unix VFS fail) and read-write opens
// (made read-only, as the unix VFS falls back to on EROFS).
#include "refusing_vfs.h"

#include <sqlite3.h>

#include <cstring>
#include <mutex>

namespace kiosk::test {
namespace {

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;
std::mutex g_mutex;
std::string g_refused; // path prefix; "" = nothing refused

bool refused(const char* path) {
    if (!path) return false;
    std::lock_guard lock(g_mutex);
    return !g_refused.empty() && std::strncmp(path, g_refused.c_str(), g_refused.size()) == 0;
}

struct RefusingFile {
    sqlite3_file base;
    sqlite3_file* real;
    const char* name; // SQLite keeps it valid until xClose
};

sqlite3_file* real_of(sqlite3_file* file) {
    return reinterpret_cast<RefusingFile*>(file)->real;
}

bool refusing(sqlite3_file* file) {
    return refused(reinterpret_cast<RefusingFile*>(file)->name);
}

int file_close(sqlite3_file* file) {
    sqlite3_file* real = real_of(file);
    return real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
}
int file_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    return real_of(file)->pMethods->xRead(real_of(file), buffer, amount, offset);
}
int file_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    if (refusing(file)) return SQLITE_IOERR_WRITE;
    return real_of(file)->pMethods->xWrite(real_of(file), buffer, amount, offset);
}
int file_truncate(sqlite3_file* file, sqlite3_int64 size) {
    if (refusing(file)) return SQLITE_IOERR_TRUNCATE;
    return real_of(file)->pMethods->xTruncate(real_of(file), size);
}
int file_sync(sqlite3_file* file, int flags) {
    if (refusing(file)) return SQLITE_IOERR_FSYNC;
    return real_of(file)->pMethods->xSync(real_of(file), flags);
}
int file_size(sqlite3_file* file, sqlite3_int64* size) {
    return real_of(file)->pMethods->xFileSize(real_of(file), size);
}
int file_lock(sqlite3_file* file, int level) {
    return real_of(file)->pMethods->xLock(real_of(file), level);
}
int file_unlock(sqlite3_file* file, int level) {
    return real_of(file)->pMethods->xUnlock(real_of(file), level);
}
int file_reserved(sqlite3_file* file, int* out) {
    return real_of(file)->pMethods->xCheckReservedLock(real_of(file), out);
}
int file_control(sqlite3_file* file, int op, void* argument) {
    return real_of(file)->pMethods->xFileControl(real_of(file), op, argument);
}
int file_sector_size(sqlite3_file* file) {
    return real_of(file)->pMethods->xSectorSize(real_of(file));
}
int file_characteristics(sqlite3_file* file) {
    return real_of(file)->pMethods->xDeviceCharacteristics(real_of(file));
}
int file_shm_map(sqlite3_file* file, int page, int page_size, int extend, void volatile** out) {
    return real_of(file)->pMethods->xShmMap(real_of(file), page, page_size, extend, out);
}
int file_shm_lock(sqlite3_file* file, int offset, int count, int flags) {
    return real_of(file)->pMethods->xShmLock(real_of(file), offset, count, flags);
}
void file_shm_barrier(sqlite3_file* file) {
    real_of(file)->pMethods->xShmBarrier(real_of(file));
}
int file_shm_unmap(sqlite3_file* file, int delete_flag) {
    return real_of(file)->pMethods->xShmUnmap(real_of(file), delete_flag);
}
int file_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
    return real_of(file)->pMethods->xFetch(real_of(file), offset, amount, out);
}
int file_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* pointer) {
    return real_of(file)->pMethods->xUnfetch(real_of(file), offset, pointer);
}

const sqlite3_io_methods kMethods = {
    3,
    file_close,
    file_read,
    file_write,
    file_truncate,
    file_sync,
    file_size,
    file_lock,
    file_unlock,
    file_reserved,
    file_control,
    file_sector_size,
    file_characteristics,
    file_shm_map,
    file_shm_lock,
    file_shm_barrier,
    file_shm_unmap,
    file_fetch,
    file_unfetch,
};

int vfs_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    auto* wrapper = reinterpret_cast<RefusingFile*>(file);
    wrapper->real = reinterpret_cast<sqlite3_file*>(wrapper + 1);
    wrapper->name = name;
    if (refused(name) && (flags & SQLITE_OPEN_READWRITE))
        flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    const int result = g_real->xOpen(g_real, name, wrapper->real, flags, out_flags);
    wrapper->base.pMethods = wrapper->real->pMethods ? &kMethods : nullptr;
    return result;
}
int vfs_delete(sqlite3_vfs*, const char* name, int sync_dir) {
    if (refused(name)) return SQLITE_IOERR_DELETE;
    return g_real->xDelete(g_real, name, sync_dir);
}
int vfs_access(sqlite3_vfs*, const char* name, int flags, int* out) {
    return g_real->xAccess(g_real, name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
    return g_real->xFullPathname(g_real, name, size, out);
}
void* vfs_dl_open(sqlite3_vfs*, const char* name) {
    return g_real->xDlOpen(g_real, name);
}
void vfs_dl_error(sqlite3_vfs*, int size, char* out) {
    g_real->xDlError(g_real, size, out);
}
void (*vfs_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
    return g_real->xDlSym(g_real, handle, symbol);
}
void vfs_dl_close(sqlite3_vfs*, void* handle) {
    g_real->xDlClose(g_real, handle);
}
int vfs_randomness(sqlite3_vfs*, int size, char* out) {
    return g_real->xRandomness(g_real, size, out);
}
int vfs_sleep(sqlite3_vfs*, int microseconds) {
    return g_real->xSleep(g_real, microseconds);
}
int vfs_current_time(sqlite3_vfs*, double* out) {
    return g_real->xCurrentTime(g_real, out);
}
int vfs_last_error(sqlite3_vfs*, int size, char* out) {
    return g_real->xGetLastError(g_real, size, out);
}
int vfs_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
    return g_real->xCurrentTimeInt64(g_real, out);
}
int vfs_set_system_call(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call) {
    return g_real->xSetSystemCall(g_real, name, call);
}
sqlite3_syscall_ptr vfs_get_system_call(sqlite3_vfs*, const char* name) {
    return g_real->xGetSystemCall(g_real, name);
}
const char* vfs_next_system_call(sqlite3_vfs*, const char* name) {
    return g_real->xNextSystemCall(g_real, name);
}

} // namespace

void install_refusing_vfs() {
    static std::once_flag once;
    std::call_once(once, [] {
        g_real = sqlite3_vfs_find(nullptr);
        g_vfs = sqlite3_vfs{};
        g_vfs.iVersion = 3;
        g_vfs.szOsFile = int(sizeof(RefusingFile)) + g_real->szOsFile;
        g_vfs.mxPathname = g_real->mxPathname;
        g_vfs.zName = "kiosk-test-refusing";
        g_vfs.xOpen = vfs_open;
        g_vfs.xDelete = vfs_delete;
        g_vfs.xAccess = vfs_access;
        g_vfs.xFullPathname = vfs_full_pathname;
        g_vfs.xDlOpen = vfs_dl_open;
        g_vfs.xDlError = vfs_dl_error;
        g_vfs.xDlSym = vfs_dl_sym;
        g_vfs.xDlClose = vfs_dl_close;
        g_vfs.xRandomness = vfs_randomness;
        g_vfs.xSleep = vfs_sleep;
        g_vfs.xCurrentTime = vfs_current_time;
        g_vfs.xGetLastError = vfs_last_error;
        g_vfs.xCurrentTimeInt64 = vfs_current_time_int64;
        g_vfs.xSetSystemCall = vfs_set_system_call;
        g_vfs.xGetSystemCall = vfs_get_system_call;
        g_vfs.xNextSystemCall = vfs_next_system_call;
        sqlite3_vfs_register(&g_vfs, 1);
    });
}

void refuse_writes_under(const std::string& folder) {
    std::lock_guard lock(g_mutex);
    g_refused = folder;
}

} // namespace kiosk::test
