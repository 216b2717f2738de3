# Finds every third-party dependency from the Debian 12 packages that
# scripts/install-deps.sh installs, and builds the one piece Debian ships only as
# source: Dear ImGui's SDL_Renderer backend (libimgui-dev's examples/backends).
find_package(PkgConfig REQUIRED)
find_package(SDL2 REQUIRED CONFIG)
pkg_check_modules(LUA REQUIRED IMPORTED_TARGET lua5.4)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
# Content pictures: libpng and libjpeg-turbo (core/image_decode.h says why
# not stb_image).
pkg_check_modules(PNG REQUIRED IMPORTED_TARGET libpng)
pkg_check_modules(JPEG REQUIRED IMPORTED_TARGET libjpeg)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
find_package(SQLite3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)

set(IMGUI_BACKENDS_DIR "/usr/share/doc/libimgui-dev/examples/backends" CACHE PATH
    "Folder holding imgui_impl_sdlrenderer.cpp (shipped by Debian's libimgui-dev)")
find_file(IMGUI_SDLRENDERER_SOURCE imgui_impl_sdlrenderer.cpp PATHS ${IMGUI_BACKENDS_DIR} NO_DEFAULT_PATH)
if(NOT IMGUI_SDLRENDERER_SOURCE)
  message(FATAL_ERROR
    "Dear ImGui's SDL_Renderer backend source was not found in ${IMGUI_BACKENDS_DIR}.\n"
    "Install it with: sudo scripts/install-deps.sh (Debian package libimgui-dev), "
    "or point -DIMGUI_BACKENDS_DIR=... at a folder holding imgui_impl_sdlrenderer.cpp.")
endif()

# The backend is third-party code: built as its own library, without our warnings.
add_library(imgui_sdlrenderer STATIC ${IMGUI_SDLRENDERER_SOURCE})
target_include_directories(imgui_sdlrenderer PUBLIC /usr/include/imgui/backends)
target_link_libraries(imgui_sdlrenderer PUBLIC PkgConfig::IMGUI SDL2::SDL2)

find_package(CLI11 REQUIRED CONFIG)

# Telemetry exports: XLSX through libxlsxwriter, JSON through nlohmann-json.
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
find_package(nlohmann_json 3 REQUIRED CONFIG)

# Sync and the hub: cpp-httplib (built by Debian with OpenSSL, zlib and brotli).
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

# Emergency notices: CAP 1.2 XML alerts are read with libxml2 (namespace-aware;
# hub/cap_alert.h says how it is kept from the network, entities and DTDs).
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)

# Monthly evaluation reports (engine/report): PDF with pango on cairo.
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf)
# Reports and alerts by email (engine/hub): libcurl's SMTP client.
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# Issue 22: the hub's PostgreSQL store, through libpq's C API.
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
