"""One access-log line in the combined format, as gunicorn (its default access_log_format,
which portal/gunicorn_conf.py keeps) and nginx (``log_format combined``) write it.

    127.0.0.1 - - [01/Dec/2026:14:50:03 +0900] "GET /datasets/x.csv HTTP/1.1" 200 512 "-" "curl/8.5"

A line that does not have this shape is malformed: ``parse_line`` returns None and the caller
counts it as skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

# "…" with \" escapes, as an unrolled loop: the alternation (?:[^"\\]|\\.)* kept a backtracking
# frame per character (hundreds of bytes each on a long line).
_QUOTED = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
# nginx may be configured to append fields after the user agent; they are ignored.
LINE = re.compile(rf'(\S+) \S+ \S+ \[([^\]]+)\] {_QUOTED} (\d{{3}}) (\d+|-) {_QUOTED} {_QUOTED}'
                  r'(?: .*)?')
TIME_FORMAT = "%d/%b/%Y:%H:%M:%S %z"


_MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
_STAMP = re.compile(r"(\d\d)/([A-Z][a-z]{2})/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)")


@lru_cache(maxsize=64)
def _offset(sign: str, hours: str, minutes: str) -> timezone:
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    return timezone(-delta if sign == "-" else delta)


def parse_time(stamp: str) -> datetime | None:
    """``01/Dec/2026:14:50:03 +0900`` → an aware datetime, or None when it is no time. The
    shape every server writes is read by hand (strptime was the slowest step of a run);
    anything else goes through strptime with ``TIME_FORMAT``."""
    match = _STAMP.fullmatch(stamp)
    try:
        if match is None or match[2] not in _MONTHS:
            return datetime.strptime(stamp, TIME_FORMAT)
        day, month, year, hour, minute, second, sign, off_h, off_m = match.groups()
        return datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute),
                        int(second), tzinfo=_offset(sign, off_h, off_m))
    except ValueError:
        return None


@dataclass(frozen=True)
class LogLine:
    client: str  # kept in memory only, to tell one client's Range requests apart
    time: datetime  # with the offset the server wrote
    method: str
    path: str
    query: str
    status: int
    agent: str


def parse_line(text: str) -> LogLine | None:
    match = LINE.fullmatch(text.rstrip("\r\n"))
    if match is None:
        return None
    client, stamp, request, status, _size, _referrer, agent = match.groups()
    time = parse_time(stamp)
    if time is None:
        return None
    # A request line that is not "METHOD TARGET PROTOCOL" (a TLS handshake sent to the HTTP
    # port, a bare "-") is a well-formed log line of a request that names nothing.
    parts = request.split(" ")
    method, target = (parts[0], parts[1]) if len(parts) == 3 else ("", "")
    path, _, query = target.partition("?")
    return LogLine(client, time, method, path, query, int(status), agent)
