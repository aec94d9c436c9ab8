"""Hostile access logs for `portal usage` (#22 item 14): a line over the bound is skipped,
counted and reported; memory stays bounded whatever the length of a line or of the logs.
The logs are generated in the tests."""

from __future__ import annotations

import csv
import io
import tracemalloc
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from portal.cli import main
from portal.usage.count import count_usage
from portal.usage.files import MAX_LINE_LENGTH, log_lines

JST = timezone(timedelta(hours=9))
START = datetime(2026, 11, 1, 10, 0, tzinfo=JST)


def _line(client: str, time: datetime, path: str, status: int = 200, agent: str = "curl/8") -> str:
    stamp = time.strftime("%d/%b/%Y:%H:%M:%S %z")
    return f'{client} - - [{stamp}] "GET {path} HTTP/1.1" {status} 512 "-" "{agent}"\n'


def _peak(run: object) -> int:
    tracemalloc.start()
    try:
        run()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_5_mb_line_is_skipped_counted_and_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "access.log"
    huge = _line("10.0.0.2", START, "/datasets/x.csv?" + "a" * (5 * 1024**2))
    log.write_text(_line("10.0.0.1", START, "/datasets/x.csv") + huge
                   + _line("10.0.0.3", START, "/datasets/x.csv"), encoding="utf-8")
    assert main(["usage", str(log), "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["month"], r["dataset"], r["downloads_csv"]) for r in rows] == [
        ("2026-11", "x", "2")]
    assert err.splitlines() == [
        "Counted 3 lines of 1 log file(s) (months: 2026-11).",
        "Skipped 1 malformed line(s) (first: access.log:2).",
        f"Of those, 1 line(s) were over {MAX_LINE_LENGTH:,} characters and were skipped "
        "unread (first: access.log:2)."]


def test_reading_a_5_mb_line_takes_little_memory(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text("x" * (5 * 1024**2) + "\n" + _line("10.0.0.1", START, "/datasets/x.csv"),
                   encoding="utf-8")
    counted = []
    peak = _peak(lambda: counted.append(count_usage(log_lines([log]))))
    assert (counted[0].lines, counted[0].too_long) == (2, 1)
    assert peak < 1024**2  # the line is 5 MB; it was read whole, and parsed at 1.6 GB


@pytest.mark.parametrize(("extra", "too_long"), [(0, 0), (1, 1)])
def test_a_line_of_the_bound_is_read_and_one_more_character_is_not(
        tmp_path: Path, extra: int, too_long: int) -> None:
    text = _line("10.0.0.1", START, "/datasets/x.csv", agent="a")
    padded = text.replace('"a"', '"' + "a" * (MAX_LINE_LENGTH - len(text) + 2 + extra) + '"')
    assert len(padded) == MAX_LINE_LENGTH + 1 + extra  # with its newline
    log = tmp_path / "access.log"
    log.write_text(padded + text, encoding="utf-8")
    result = count_usage(log_lines([log]))
    assert (result.lines, result.too_long, result.rows()[0]["downloads_csv"]) == (
        2, too_long, 2 - too_long)


def _downloads(count: int) -> Iterator[tuple[str, int, str]]:
    """A month of downloads by ``count`` different clients (every one kept before)."""
    step = timedelta(days=30) / count
    for n in range(count):
        yield "access.log", n + 1, _line(f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}",
                                         START + n * step, f"/datasets/d{n % 50}.csv", 206)


def test_memory_does_not_grow_with_the_number_of_lines() -> None:
    small = _peak(lambda: count_usage(_downloads(2_000)))
    large = _peak(lambda: count_usage(_downloads(40_000)))
    assert large < small * 2 + 256 * 1024, (small, large)  # 20 times the lines


def test_range_requests_out_of_order_within_the_slack_count_as_in_time_order() -> None:
    times = [10, 0, 50, 45]  # minutes after START, as two workers wrote them
    lines = [("a.log", i + 1, _line("10.0.0.1", START + timedelta(minutes=m),
                                     "/datasets/x.csv", 206)) for i, m in enumerate(times)]
    # In time order: 0 counts, 10 (10 min later) not, 45 (35 min) counts, 50 (5 min) not.
    assert count_usage(lines).rows()[0]["downloads_csv"] == 2
    assert count_usage(sorted(lines, key=lambda t: t[2][24:44])).rows()[0]["downloads_csv"] == 2
