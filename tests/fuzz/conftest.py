"""The fuzz suite's profiles, and a count of the cases each property ran.

Two profiles, chosen by the ZONESTATS_FUZZ environment variable:

- ``short`` (the default, part of every ``python -m pytest``): a few dozen examples per
  property, derandomised (the same examples on every run, so CI cannot flake), no example
  database, no shrinking, well under a minute for the whole folder;
- ``long`` (``ZONESTATS_FUZZ=long python -m pytest tests/fuzz``): thousands of examples per
  property, random, failures shrunk to their smallest form; a failure prints the seed to
  replay it with ``--hypothesis-seed`` and a blob for ``@reproduce_failure``.

ZONESTATS_FUZZ_EXAMPLES=N sets every property's budget to N. The profiles are applied per
property by ``harness.fuzz``, so the rest of the test suite keeps Hypothesis' defaults.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, Phase, settings

from .harness import CASES, PROFILE, profile_name

_QUIET = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
    HealthCheck.function_scoped_fixture,
]

settings.register_profile(
    profile_name("short"),
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    # No shrinking: a failure is reported as generated, and the run stays short. The long
    # profile shrinks, to give the smallest reproducer.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=_QUIET,
)
settings.register_profile(
    profile_name("long"),
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=_QUIET,
)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Cases run per property, and in all."""
    if not CASES:
        return
    terminalreporter.section(f"fuzz cases ({PROFILE} profile)")
    for name, count in sorted(CASES.items()):
        terminalreporter.write_line(f"{count:8,d}  {name}")
    terminalreporter.write_line(f"{sum(CASES.values()):8,d}  in all")
