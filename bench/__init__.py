"""Benchmark of the archive engine against its peers: `python -m bench --help`."""
