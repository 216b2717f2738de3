// make-stats-fixture PATH: writes the stats tests' kiosk.db (stats_fixture.h) for
// the tests that are not C++ (check_xlsx_export.py reads kioskctl's XLSX).
#include "stats_fixture.h"

#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make-stats-fixture PATH\n");
        return 2;
    }
    const std::string error = kiosk::test::make_stats_fixture(argv[1]);
    if (!error.empty()) {
        std::fprintf(stderr, "make-stats-fixture: %s\n", error.c_str());
        return 1;
    }
    return 0;
}
