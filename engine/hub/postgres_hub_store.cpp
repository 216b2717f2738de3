// PLACEHOLDER (issue 22): the PostgreSQL HubStore, built on branch h22-pg-hub.
#include "postgres_stores.h"

namespace kiosk::hub {

std::unique_ptr<HubStore> open_postgres_hub_store(const StoreLocation&, std::string& error) {
    error = "the PostgreSQL hub store is not built yet";
    return nullptr;
}

} // namespace kiosk::hub
