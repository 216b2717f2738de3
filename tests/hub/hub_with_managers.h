// A hub process with a venue manager and a province administrator, for the
// tests that sign in as both (monthly reports, regions).
#pragma once

#include "browser_test_support.h"
#include "hub_test_support.h"

#include <functional>
#include <memory>
#include <string>

namespace kiosk::test {

// A hub process over a data folder `fill` fills, with a venue manager
// ("manager", of `manager_venue`) and a province administrator ("admin"),
// both signing in with `password`.
struct HubWithManagers {
    TempFolder folder;
    std::string data = folder.file("hub");
    std::unique_ptr<HubProcess> hub;
    std::string password;

    HubWithManagers(const std::function<void(const std::string&)>& fill,
                    const std::string& manager_venue, const std::string& password_)
        : password(password_) {
        fill(data);
        for (const std::string& user :
             {"--name manager --role venue_manager --venue " + manager_venue,
              std::string("--name admin --role province_admin")})
            require_ok(
                run_hub_command(folder, "admin add-user --data " + data + " " + user, password));
        hub = std::make_unique<HubProcess>(data);
    }
    Browser signed_in(const std::string& user) const {
        Browser browser(hub->port());
        REQUIRE(sign_in(browser, user, password)->status == 303);
        return browser;
    }
};

} // namespace kiosk::test
