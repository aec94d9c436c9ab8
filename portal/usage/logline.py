"""One access-log line in the combined format, as gunicorn (its default access_log_format,
which portal/gunicorn_conf.py keeps) and nginx (``log_format combined``) write it.

    127.0.0.1 - - [01/Dec/2026:14:50:03 +0900] "GET /datasets/x.csv HTTP/1.1" 200 512 "-" "curl/8.5"

A line that does not have this shape is malformed: ``parse_line`` returns None and the caller
counts it as skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

_QUOTED = r'"((?:[^"\\]|\\.)*)"'
# nginx may be configured to append fields after the user agent; they are ignored.
LINE = re.compile(rf'(\S+) \S+ \S+ \[([^\]]+)\] {_QUOTED} (\d{{3}}) (\d+|-) {_QUOTED} {_QUOTED}'
                  r'(?: .*)?')
TIME_FORMAT = "%d/%b/%Y:%H:%M:%S %z"


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
    try:
        time = datetime.strptime(stamp, TIME_FORMAT)
    except ValueError:
        return None
    # A request line that is not "METHOD TARGET PROTOCOL" (a TLS handshake sent to the HTTP
    # port, a bare "-") is a well-formed log line of a request that names nothing.
    parts = request.split(" ")
    method, target = (parts[0], parts[1]) if len(parts) == 3 else ("", "")
    path, _, query = target.partition("?")
    return LogLine(client, time, method, path, query, int(status), agent)
