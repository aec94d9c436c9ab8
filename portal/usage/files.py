"""Log files in, numbered lines out: plain or gzip (rotated ``access.log.2.gz``), found by
content, not by name."""

from __future__ import annotations

import gzip
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from portal.errors import PortalError

GZIP_MAGIC = b"\x1f\x8b"


# A combined-format line is a few hundred characters (the server refuses a query string over
# PORTAL_MAX_QUERY_LENGTH, 4 KB by default); a longer one is garbage or an attack, and one
# 5 MB line made the line parser peak at 1.6 GB (#22).
MAX_LINE_LENGTH = 16 * 1024


def _bounded_lines(handle: IO[str]) -> Iterator[str | None]:
    """Each line of ``handle``, or None for a line over ``MAX_LINE_LENGTH`` characters, read
    in pieces of that size and dropped: memory stays bounded whatever the line's length."""
    while True:
        text = handle.readline(MAX_LINE_LENGTH + 1)
        if not text:
            return
        if text.endswith("\n") or len(text) <= MAX_LINE_LENGTH:  # whole (or the last) line
            yield text
            continue
        while text and not text.endswith("\n"):
            text = handle.readline(MAX_LINE_LENGTH + 1)
        yield None


def log_lines(paths: Sequence[Path]) -> Iterator[tuple[str, int, str | None]]:
    """``(file name, line number, text)`` for every line of every file; text is None for a
    line over ``MAX_LINE_LENGTH`` characters (skipped and counted). Bytes that are not UTF-8
    are replaced, so such a line is skipped as malformed instead of stopping the run."""
    for path in paths:
        try:
            with path.open("rb") as raw:
                magic = raw.read(2)
        except OSError as exc:
            raise PortalError("usage-log-unreadable", parameter="LOG", path=str(path),
                              reason=exc.strerror or str(exc)) from None
        opener = gzip.open if magic == GZIP_MAGIC else open
        try:
            with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
                for number, text in enumerate(_bounded_lines(handle), start=1):
                    yield path.name, number, text
        except (OSError, EOFError) as exc:  # a truncated or corrupt .gz
            raise PortalError("usage-log-unreadable", parameter="LOG", path=str(path),
                              reason=str(exc)) from None
