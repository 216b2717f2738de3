// Placeholder until the sync protocol lands.
