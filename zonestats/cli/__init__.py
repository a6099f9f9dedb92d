"""The zonestats command line."""

from zonestats.cli.app import app, main

__all__ = ["app", "main"]
