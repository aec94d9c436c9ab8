"""Count log lines into the monthly usage table: pure, values in and values out.

Rules (docs/usage.md): only GET requests answered 200 or 206 count; crawlers (user agents
matching ``CRAWLERS``), health checks (``/healthz``, ``HEALTH_CHECKS``) and everything that is
not about one dataset do not. A 206 (Range) answer for a file is not counted again when the
same client (address and user agent) fetched the same file within ``RANGE_WINDOW`` before it:
a download manager that fetches one file in pieces is one download. Clients are held in
memory only while counting, and only for the last hour or so of log time; nothing about them is
returned.
"""

from __future__ import annotations

import heapq
import re
from collections import deque
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
    skipped: int = 0  # malformed lines, the too long ones included
    skipped_at: list[str] = field(default_factory=list)  # "file:line" of the first few
    too_long: int = 0  # lines over portal/usage/files.py's MAX_LINE_LENGTH
    too_long_at: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, str | int]]:
        return [{"month": month, "dataset": dataset, **counts}
                for (month, dataset), counts in sorted(self.table.items())]


def _month(time: datetime) -> str:
    return f"{time.year:04d}-{time.month:02d}"  # in the offset the server wrote


Client = tuple[str, str, str]  # (address, user agent, path)
# How far out of time order a download line may come (several workers writing one log, logs of
# two servers given one after the other) and still be decided exactly as in time order.
SLACK = timedelta(hours=1)


class _Downloads:
    """Download requests, decided in time order with memory bounded by the traffic of an
    hour, not by the length of the logs (every download of a 1.9M-line log was kept, 694 MB).

    Requests wait in a heap until the newest time seen is ``SLACK`` past them, then are
    decided oldest first against the client's previous fetch of the same file; a client is
    forgotten once its last fetch is older than ``RANGE_WINDOW`` plus ``SLACK``. A request
    later than that (logs given newest first) is decided on arrival: the count can then
    differ only for Range requests within 30 minutes of where two files meet."""

    def __init__(self, result: UsageCount) -> None:
        self.result = result
        # (POSIX time, arrival, …): floats compare faster than aware datetimes.
        self.pending: list[tuple[float, int, datetime, Client, int, str, str]] = []
        self.last: dict[Client, datetime] = {}
        self.seen: deque[tuple[datetime, Client]] = deque()  # (time, client) as last set
        self.newest = float("-inf")
        self.order = 0

    def add(self, time: datetime, client: Client, status: int, dataset: str,
            column: str) -> None:
        self.order += 1
        stamp = time.timestamp()
        heapq.heappush(self.pending, (stamp, self.order, time, client, status, dataset, column))
        self.newest = max(self.newest, stamp)
        horizon = self.newest - SLACK.total_seconds()
        while self.pending and self.pending[0][0] < horizon:
            self._decide(*heapq.heappop(self.pending)[2:])

    def finish(self) -> None:
        while self.pending:
            self._decide(*heapq.heappop(self.pending)[2:])
        self.last.clear()
        self.seen.clear()

    def _decide(self, time: datetime, client: Client, status: int, dataset: str,
                column: str) -> None:
        last = self.last.get(client)
        if not (status == 206 and last is not None and abs(time - last) <= RANGE_WINDOW):
            _add(self.result, _month(time), dataset, column)
        if last is None or time > last:
            self.last[client] = time
            self.seen.append((time, client))
        horizon = time - RANGE_WINDOW - SLACK
        while self.seen and self.seen[0][0] < horizon:
            old, gone = self.seen.popleft()
            if self.last.get(gone) == old:
                del self.last[gone]


def _skip(places: list[str], name: str, number: int) -> None:
    if len(places) < MAX_REPORTED_LINES:
        places.append(f"{name}:{number}")


def count_usage(lines: Iterable[tuple[str, int, str | None]]) -> UsageCount:
    """Count ``(file name, line number, text)`` triples (text None: a line too long to read),
    in any order of files; memory does not grow with the number of lines."""
    result = UsageCount()
    downloads = _Downloads(result)
    for name, number, text in lines:
        result.lines += 1
        line = parse_line(text) if text is not None else None
        if line is None:
            result.skipped += 1
            _skip(result.skipped_at, name, number)
            if text is None:
                result.too_long += 1
                _skip(result.too_long_at, name, number)
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
            downloads.add(line.time, (line.client, line.agent, line.path), line.status,
                          dataset, column)
        else:
            _add(result, _month(line.time), dataset, column)
    downloads.finish()
    return result


def _add(result: UsageCount, month: str, dataset: str, column: str) -> None:
    counts = result.table.setdefault((month, dataset), dict.fromkeys(COLUMNS, 0))
    counts[column] += 1
