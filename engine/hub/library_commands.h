// `kiosk-hub content`: the province's content library from the command line.
// add (check and store a signed package: library_upload.h), list, publish
// (the province offers an item to every venue), share (the province approves
// a venue's own item for the others: 共建共享) and assign (a kiosk's home
// screen, in order). Exit codes as `kiosk-hub admin`: 0 done, 1 refused (a
// package that does not verify, an unknown id, an item the kiosk's venue may
// not show), 2 a bad value.
#pragma once

#include "store_location.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace kiosk::hub {

struct ContentAddOptions {
    StoreLocation store; // --data and --store
    std::string package_file;
    std::string venue; // "" = the province's own; else that venue's own package
};

int content_add(const ContentAddOptions& options, std::ostream& out, std::ostream& err);
int content_list(const StoreLocation& store, std::ostream& out, std::ostream& err);
int content_publish(const StoreLocation& store, const std::string& id, std::ostream& out,
                    std::ostream& err);
int content_share(const StoreLocation& store, const std::string& id, std::ostream& out,
                  std::ostream& err);
int content_assign(const StoreLocation& store, const std::string& kiosk,
                   const std::vector<std::string>& ids, std::ostream& out, std::ostream& err);

} // namespace kiosk::hub
