"""How much zonestats reads: one file, one cell, one scalar or one line of a table.

A national table of a million observations is about 100 MB; a report is a few MB. The file
limit (``--max-input``, or ``ZONESTATS_MAX_INPUT``, in MB) can be raised; the cell limit
cannot: no quote, name or note of a dataset comes near it.
"""

from __future__ import annotations

MB = 1024 * 1024

MAX_INPUT_MB = 512
"""Default largest input file, in MB (raise it with --max-input or ZONESTATS_MAX_INPUT)."""

MAX_CELL = 100_000
"""Largest text of one cell, YAML scalar or table line, in characters."""
