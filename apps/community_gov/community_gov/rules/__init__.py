"""Rules that need no framework: pure functions over plain data, tested with plain pytest."""
