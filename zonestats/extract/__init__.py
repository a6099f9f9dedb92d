"""Report texts: find their figures, draft datasets from them, verify quotes against them,
check the growth claims they state."""

from zonestats.extract.claims import check_report
from zonestats.extract.draft import Draft, draft
from zonestats.extract.draft_text import draft_yaml, draft_yaml_pieces
from zonestats.extract.figures import Candidate, Extraction, Skipped, extract
from zonestats.extract.report import ReportText, parse_report, read_report

__all__ = [
    "Candidate",
    "Draft",
    "Extraction",
    "ReportText",
    "Skipped",
    "check_report",
    "draft",
    "draft_yaml",
    "draft_yaml_pieces",
    "extract",
    "parse_report",
    "read_report",
]
