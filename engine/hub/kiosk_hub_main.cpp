// build/bin/kiosk-hub: the command line (CLI11) of the venue/province server:
// `serve` and the `admin` commands. Usage errors exit 2.
#include "hub_admin.h"
#include "hub_server.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"kiosk-hub: receives usage counts from kiosks and serves the managers' dashboard"};
    app.set_version_flag("--version", KIOSK_VERSION);
    app.require_subcommand(1);

    kiosk::hub::ServeOptions serve;
    CLI::App* serve_command = app.add_subcommand("serve", "Run the hub's HTTP server");
    serve_command->add_option("--listen", serve.listen, "HOST:PORT (PORT 0 picks a free port)")
        ->capture_default_str();
    serve_command->add_option("--data", serve.data_dir, "Folder of hub.db")->required();

    CLI::App* admin = app.add_subcommand("admin", "Manage venues, kiosks and users");
    admin->require_subcommand(1);

    kiosk::hub::AddVenueOptions venue;
    CLI::App* add_venue = admin->add_subcommand("add-venue", "Add a venue");
    add_venue->add_option("--data", venue.data_dir, "Folder of hub.db")->required();
    add_venue->add_option("--id", venue.id, "Venue id (A-Z a-z 0-9 - _)")->required();
    add_venue->add_option("--name-zh", venue.name_zh, "Chinese name")->required();
    add_venue->add_option("--name-en", venue.name_en, "English name")->required();
    add_venue->add_option("--kind", venue.kind, "county_museum or mobile_exhibit")->required();

    kiosk::hub::AddKioskOptions kiosk;
    CLI::App* add_kiosk =
        admin->add_subcommand("add-kiosk", "Add a kiosk and print its token (shown once)");
    add_kiosk->add_option("--data", kiosk.data_dir, "Folder of hub.db")->required();
    add_kiosk->add_option("--venue", kiosk.venue, "The kiosk's venue id")->required();
    add_kiosk->add_option("--id", kiosk.id, "Kiosk id (default: k- and 6 random hex digits)");
    add_kiosk->add_option("--public-key", kiosk.public_key_file,
                          "The kiosk's bundle signing key (NAME.pub from kioskctl keygen)");

    kiosk::hub::AddUserOptions user;
    CLI::App* add_user =
        admin->add_subcommand("add-user", "Add a dashboard user; the password is read from stdin");
    add_user->add_option("--data", user.data_dir, "Folder of hub.db")->required();
    add_user->add_option("--name", user.name, "Login name")->required();
    add_user->add_option("--role", user.role, "province_admin or venue_manager")->required();
    add_user->add_option("--venue", user.venue, "The venue of a venue_manager");

    std::string list_data;
    CLI::App* list = admin->add_subcommand("list", "List venues, kiosks and users");
    list->add_option("--data", list_data, "Folder of hub.db")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return 2;
    }

    if (*serve_command) return kiosk::hub::serve(serve, std::cout, std::cerr);
    if (*add_venue) return kiosk::hub::admin_add_venue(venue, std::cout, std::cerr);
    if (*add_kiosk) return kiosk::hub::admin_add_kiosk(kiosk, std::cout, std::cerr);
    if (*add_user) return kiosk::hub::admin_add_user(user, std::cin, std::cout, std::cerr);
    if (*list) return kiosk::hub::admin_list(list_data, std::cout, std::cerr);
    return 2;
}
