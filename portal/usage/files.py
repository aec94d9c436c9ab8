"""Log files in, numbered lines out: plain or gzip (rotated ``access.log.2.gz``), found by
content, not by name."""

from __future__ import annotations

import gzip
from collections.abc import Iterator, Sequence
from pathlib import Path

from portal.errors import PortalError

GZIP_MAGIC = b"\x1f\x8b"


def log_lines(paths: Sequence[Path]) -> Iterator[tuple[str, int, str]]:
    """``(file name, line number, text)`` for every line of every file. Bytes that are not
    UTF-8 are replaced, so such a line is skipped as malformed instead of stopping the run."""
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
                for number, text in enumerate(handle, start=1):
                    yield path.name, number, text
        except (OSError, EOFError) as exc:  # a truncated or corrupt .gz
            raise PortalError("usage-log-unreadable", parameter="LOG", path=str(path),
                              reason=str(exc)) from None
