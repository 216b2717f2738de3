# Finds every third-party dependency from the Debian 12 packages that
# scripts/install-deps.sh installs. Dear ImGui's draw data is drawn by the
# kiosk's own renderer (engine/render/draw_data_renderer.h), not by the
# SDL_Renderer backend libimgui-dev ships as source.
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
