"""The command line: a second client of the engine (`desktop.cli.main.main`), for scripts, tests and benchmarks."""
