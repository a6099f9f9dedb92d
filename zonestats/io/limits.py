"""How much zonestats reads: one file, one cell, one scalar or one line of a table.

A national table of a million observations is about 100 MB; a report is a few MB. The file
limit (``--max-input MB``, or ``ZONESTATS_MAX_INPUT`` in MB) can be raised; the cell limit
cannot: no quote, name or note of a dataset comes near it. The engine for large long tables
works within a memory limit of its own (``--memory-limit``, or ``ZONESTATS_MEMORY_LIMIT``).
"""

from __future__ import annotations

import os
import re

from zonestats.errors import ZonestatsError

MB = 1024 * 1024

MAX_INPUT_MB = 512
"""Default largest input file, in MB."""

MAX_CELL = 100_000
"""Largest text of one cell, YAML scalar or table line, in characters."""

ENV_MAX_INPUT = "ZONESTATS_MAX_INPUT"
ENV_MEMORY = "ZONESTATS_MEMORY_LIMIT"
_SIZE = re.compile(r"\d+(\.\d+)?\s*[KMGT]i?B", re.IGNORECASE)

_chosen: int | None = None


def set_max_input(megabytes: int | None) -> None:
    """The input limit for this process, in MB (None: the environment's or the default)."""
    global _chosen
    if megabytes is not None and megabytes < 1:
        raise ZonestatsError(f"--max-input {megabytes}: give a whole number of MB, 1 or more")
    _chosen = megabytes


def max_input_mb() -> int:
    """The input limit in MB: set_max_input's, else ZONESTATS_MAX_INPUT, else the default."""
    if _chosen is not None:
        return _chosen
    text = os.environ.get(ENV_MAX_INPUT, "").strip()
    if not text:
        return MAX_INPUT_MB
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise ZonestatsError(f"{ENV_MAX_INPUT}={text[:40]!r}: give a whole number of MB, 1 or more")
    return int(text)


_memory: str | None = None


def set_memory_limit(limit: str | None) -> None:
    """The memory limit of the engine for long tables (zonestats.io.engine) for this process
    ("500MB", "2GB", "1.5GiB"; None: the environment's ZONESTATS_MEMORY_LIMIT, else most of
    the machine's memory, as the engine chooses)."""
    global _memory
    _memory = None if limit is None else _size(limit, f"'{limit[:40]}'")


def memory_limit() -> str | None:
    """The engine's memory limit chosen (set_memory_limit's, else the environment's)."""
    if _memory is not None:
        return _memory
    text = os.environ.get(ENV_MEMORY, "").strip()
    return _size(text, f"{ENV_MEMORY}={text[:40]!r}") if text else None


def _size(text: str, what: str) -> str:
    if not _SIZE.fullmatch(text.strip()):
        raise ZonestatsError(f"{what}: give a size such as 500MB or 2GB")
    return text.strip()
