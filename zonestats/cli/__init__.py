"""The zonestats command line: each module adds its commands to the one app."""

from zonestats.cli import analyse, browse, charts, check, draft
from zonestats.cli.app import app, main

__all__ = ["analyse", "app", "browse", "charts", "check", "draft", "main"]
