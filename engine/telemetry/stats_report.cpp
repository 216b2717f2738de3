// Placeholder until the stats reports land.
