"""The engine: pure Python, no Qt. Clients (GUI, CLI, benchmarks) use ArchiveService."""
