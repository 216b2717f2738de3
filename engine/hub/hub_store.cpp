// Placeholder until the hub store lands.
