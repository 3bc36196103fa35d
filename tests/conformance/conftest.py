"""Pass rates of the schema-language conformance corpus, printed at the end of the test run."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pytest

RESULTS: dict[str, list[bool]] = defaultdict(list)


def record(kind: str, passed: bool) -> None:
    RESULTS[kind].append(passed)


@pytest.fixture
def conformance_record() -> Callable[[str, bool], None]:
    """Record one case's verdict for the summary."""
    return record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not RESULTS:
        return
    terminalreporter.section("psl-tests conformance (Prisma's schema tests)")
    for kind, results in sorted(RESULTS.items()):
        rate = sum(results) / len(results)
        terminalreporter.write_line(f"{kind:<20} {sum(results):>4}/{len(results):<4} {rate:.1%}")
