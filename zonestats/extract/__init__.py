"""Report texts: find their figures, draft datasets from them, verify quotes against them."""

from zonestats.extract.draft import draft, draft_yaml
from zonestats.extract.figures import Candidate, extract
from zonestats.extract.report import ReportText, parse_report, read_report

__all__ = [
    "Candidate",
    "ReportText",
    "draft",
    "draft_yaml",
    "extract",
    "parse_report",
    "read_report",
]
