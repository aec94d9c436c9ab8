"""Count log lines into the monthly usage table: pure, values in and values out.

Rules (docs/usage.md): only GET requests answered 200 or 206 count; crawlers (user agents
matching ``CRAWLERS``), health checks (``/healthz``, ``HEALTH_CHECKS``) and everything that is
not about one dataset do not. A 206 (Range) answer for a file is not counted again when the
same client (address and user agent) fetched the same file within ``RANGE_WINDOW`` before it:
a download manager that fetches one file in pieces is one download. Clients are held in
memory only while counting; nothing about them is returned.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from portal.usage.classify import COLUMNS, classify, is_download
from portal.usage.logline import parse_line

RANGE_WINDOW = timedelta(minutes=30)
COUNTED_STATUSES = (200, 206)
# Substrings of the user agents of search engines, link previews, archivers and monitors.
CRAWLERS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|mediapartners|"
    r"bingpreview|yandex|baiduspider|ia_archiver|headlesschrome|lighthouse|"
    r"scrapy|semrush|ahrefs|petalbot|bytespider", re.IGNORECASE)
HEALTH_CHECKS = re.compile(r"kube-probe|elb-healthchecker|googlehc|uptimerobot|"
                           r"pingdom|statuscake|healthcheck|consul", re.IGNORECASE)
HEALTH_PATHS = ("/healthz",)
MAX_REPORTED_LINES = 10

Key = tuple[str, str]  # (month "YYYY-MM", dataset id)


@dataclass
class UsageCount:
    """The counts of one run, and what it skipped."""

    table: dict[Key, dict[str, int]] = field(default_factory=dict)
    months: set[str] = field(default_factory=set)  # every month a well-formed line fell in
    lines: int = 0
    skipped: int = 0
    skipped_at: list[str] = field(default_factory=list)  # "file:line" of the first few

    def rows(self) -> list[dict[str, str | int]]:
        return [{"month": month, "dataset": dataset, **counts}
                for (month, dataset), counts in sorted(self.table.items())]


def _month(time: datetime) -> str:
    return time.strftime("%Y-%m")


def count_usage(lines: Iterable[tuple[str, int, str]]) -> UsageCount:
    """Count ``(file name, line number, text)`` triples, in any order of files."""
    result = UsageCount()
    # (client, agent, path) → [(time, status, dataset, column)], in memory only.
    downloads: dict[tuple[str, str, str], list[tuple[datetime, int, str, str]]] = \
        defaultdict(list)
    for name, number, text in lines:
        result.lines += 1
        line = parse_line(text)
        if line is None:
            result.skipped += 1
            if len(result.skipped_at) < MAX_REPORTED_LINES:
                result.skipped_at.append(f"{name}:{number}")
            continue
        result.months.add(_month(line.time))
        if (line.method != "GET" or line.status not in COUNTED_STATUSES
                or line.path in HEALTH_PATHS or CRAWLERS.search(line.agent)
                or HEALTH_CHECKS.search(line.agent)):
            continue
        found = classify(line.path, line.query)
        if found is None:
            continue
        dataset, column = found
        if is_download(column):
            downloads[(line.client, line.agent, line.path)].append(
                (line.time, line.status, dataset, column))
        else:
            _add(result, _month(line.time), dataset, column)
    for requests in downloads.values():
        last: datetime | None = None
        for time, status, dataset, column in sorted(requests, key=lambda r: r[0]):
            if not (status == 206 and last is not None and time - last <= RANGE_WINDOW):
                _add(result, _month(time), dataset, column)
            last = time
    downloads.clear()
    return result


def _add(result: UsageCount, month: str, dataset: str, column: str) -> None:
    counts = result.table.setdefault((month, dataset), dict.fromkeys(COLUMNS, 0))
    counts[column] += 1
