"""Import of the source exports: read, check, and write an atomic snapshot."""
