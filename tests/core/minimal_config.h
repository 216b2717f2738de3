// Shared by the config tests: the smallest valid kiosk config (with the demo
// PIN hash), into which a test splices the keys it is about.
#pragma once

#include <string>

namespace kiosk::test {

inline const std::string kDemoHash = "$argon2id$v=19$m=16384,t=3,p=1$LzyWisvvVG1CksfTja3smQ$"
                                     "IQr9akcHhSAGV+CwVV4Qz1kAp8jIxxCi04L9EC7Dhao";

// The smallest valid config, with `extra` spliced in as more root keys.
inline std::string minimal_config(const std::string& extra = "") {
    return "return {\n"
           "  venue = { name = { zh = '青山县科技馆', en = 'Qingshan County Science Museum' },\n"
           "            kind = 'county_museum' },\n"
           "  data_dir = 'data',\n"
           "  admin = { pin_hash = '" +
           kDemoHash + "' },\n" + extra + "}\n";
}

} // namespace kiosk::test
