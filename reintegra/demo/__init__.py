"""A fictional demonstration network and synthetic data for benchmarks. Never real people."""
