"""Output choices: formats, languages, units, and their resolution before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from zonestats.errors import ZonestatsError
from zonestats.output.env import Environment


class Format(StrEnum):
    """Output formats. table and markdown are for people; the rest are for programs."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    XLSX = "xlsx"
    PARQUET = "parquet"

    @property
    def for_people(self) -> bool:
        return self in (Format.TABLE, Format.MARKDOWN)

    @property
    def binary(self) -> bool:
        """Written as bytes, to a file only (never to a terminal or a pipe of text)."""
        return self in (Format.XLSX, Format.PARQUET)

    def check_output(self, output: Path | None) -> None:
        """Refuse a binary format without an output file."""
        if self.binary and output is None:
            raise ZonestatsError(f"{self} is written to a file: add --output FILE.{self}")


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


class Headers(StrEnum):
    """The header row of CSV, TSV and xlsx: the stable keys, or Chinese labels for people."""

    KEYS = "keys"
    ZH = "zh"


class Units(StrEnum):
    """How table cells show numbers: Chinese form (800万台) or the raw base value."""

    CN = "cn"
    RAW = "raw"


_EXTENSIONS = {
    ".csv": Format.CSV,
    ".tsv": Format.TSV,
    ".tab": Format.TSV,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".txt": Format.TABLE,
    ".xlsx": Format.XLSX,
    ".parquet": Format.PARQUET,
}


@dataclass(frozen=True)
class OutputOptions:
    """Output choices, resolved from the command line before anything is written."""

    format: Format = Format.TABLE
    output: Path | None = None
    lang: Lang = Lang.ZH
    units: Units = Units.CN
    bom: bool = False
    limit: int | None = None  # at most this many rows; None for all
    lines: int | None = None  # on a terminal with no --limit: the rows that fit these lines
    headers: Headers = Headers.KEYS
    protected: tuple[Path, ...] = field(default=())  # inputs that must never be overwritten
    env: Environment = field(default_factory=Environment.plain)

    @property
    def terminal(self) -> bool:
        """Written to a terminal: tables are fitted to its width and may be styled."""
        return self.output is None and self.env.stdout_isatty


def resolve_format(
    requested: Format | None, output: Path | None, csv_flag: bool = False, json_flag: bool = False
) -> Format:
    """The format from --format, --csv/--json and the output file's extension, in that order."""
    chosen = [f for f, on in ((Format.CSV, csv_flag), (Format.JSON, json_flag)) if on]
    if requested is not None:
        chosen.append(requested)
    if len(set(chosen)) > 1:
        raise ZonestatsError(f"choose one format, not {' and '.join(sorted(set(chosen)))}")
    if chosen:
        chosen[0].check_output(output)
        return chosen[0]
    if output is not None:
        suffix = output.suffix.lower()
        if suffix not in _EXTENSIONS:
            known = ", ".join(sorted(_EXTENSIONS))
            raise ZonestatsError(
                f"cannot tell the format of {output} from its extension ({known}); add --format"
            )
        return _EXTENSIONS[suffix]
    return Format.TABLE
