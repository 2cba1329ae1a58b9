"""Offline archive browser for Chinese news."""

__version__ = "0.1.0"
