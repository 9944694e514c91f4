"""Facts: one row per case as the events describe it, the ground the figures are counted from."""
