"""Real files in: reading what departments hand over, `portal new` and `portal import`."""
