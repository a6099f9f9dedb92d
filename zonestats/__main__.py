"""``python -m zonestats`` runs the command line."""

from zonestats.cli import main

main()
