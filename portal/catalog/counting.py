"""How many datasets are published: the DX plan's KPI 3-2, counted from the catalog itself.

Definition (docs/kpi.md): a published dataset is one catalog entry, counted once however many
files it has, from its ``issued`` date; a withdrawn entry counts up to the day before its
``withdrawn`` date. An entry that never passed validation was never published and does not
count. Fiscal years (年度) run 1 April – 31 March; 令和5年度 (R5) is FY2023.
"""

from __future__ import annotations

import calendar
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from portal.catalog.yaml_lines import YAMLError
from portal.catalog.yaml_lines import load as load_yaml

REIWA_OFFSET = 2018  # 令和1年 = 2019


class Dated(Protocol):
    issued: date
    withdrawn: date | None


@dataclass(frozen=True)
class Entry:
    id: str
    issued: date
    withdrawn: date | None = None


def entry_of(item: Any) -> Entry:
    """A catalog Dataset record or a manifest dict, as the three facts counting needs."""
    if isinstance(item, Mapping):
        withdrawn = item.get("withdrawn")
        return Entry(str(item["id"]), _day(item["issued"]), _day(withdrawn) if withdrawn else None)
    return Entry(item.id, item.issued, item.withdrawn)


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def fiscal_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_end(year: int) -> date:
    return date(year + 1, 3, 31)


def reiwa_label(year: int) -> str:
    return f"令和{year - REIWA_OFFSET}年度"


def is_published_on(entry: Entry, day: date) -> bool:
    return entry.issued <= day and (entry.withdrawn is None or day < entry.withdrawn)


def published_count(items: Iterable[Any], day: date) -> int:
    return sum(is_published_on(entry_of(item), day) for item in items)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def count_series(items: Iterable[Any], start: date, today: date) -> list[dict[str, Any]]:
    """The count at the end of each month from ``start``'s month to ``today``'s (the current
    month is counted as of today)."""
    entries = [entry_of(i) for i in items]
    series = []
    year, month = start.year, start.month
    while (year, month) <= (today.year, today.month):
        day = min(month_end(year, month), today)
        series.append({"month": f"{year:04d}-{month:02d}", "as_of": day.isoformat(),
                       "fiscal_year": fiscal_year(day),
                       "count": sum(is_published_on(e, day) for e in entries)})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series


def fiscal_year_counts(items: Iterable[Any], years: Iterable[int],
                       today: date) -> list[dict[str, Any]]:
    """The count at the end of each fiscal year; a year not over yet is counted as of today
    (``final`` false), a year not begun has no count."""
    entries = [entry_of(i) for i in items]
    rows = []
    for year in years:
        end = fiscal_year_end(year)
        if today < date(year, 4, 1):
            rows.append({"fiscal_year": year, "label": reiwa_label(year), "count": None,
                         "as_of": None, "final": False})
            continue
        day = min(end, today)
        rows.append({"fiscal_year": year, "label": reiwa_label(year),
                     "count": sum(is_published_on(e, day) for e in entries),
                     "as_of": day.isoformat(), "final": today > end})
    return rows


def published_count_rows(items: Iterable[Any], today: date) -> list[dict[str, Any]]:
    """The monthly series as the rows of the published-count dataset."""
    entries = [entry_of(i) for i in items]
    if not entries:
        return []
    start = min(e.issued for e in entries)
    return [{"年月": row["month"], "基準日": row["as_of"], "年度": row["fiscal_year"],
             "和暦年度": reiwa_label(row["fiscal_year"]), "公開データセット数": row["count"]}
            for row in count_series(entries, start, today)]


def counts_from_git(catalog_path: Path) -> dict[str, Any]:
    """Cross-check the dates against history: for each commit that changed the catalog, how
    many entries it published by their own dates; and the entries whose ``issued`` date is
    earlier than the first commit that listed them (back-dated: they count for days when
    the catalog did not have them). Empty lists without git."""
    root = catalog_path.resolve().parent
    name = catalog_path.name
    try:
        log = subprocess.run(["git", "-C", str(root), "log", "--format=%H %cs", "--reverse",
                              "--", name], capture_output=True, text=True, check=True,
                             timeout=30).stdout.splitlines()
    except (FileNotFoundError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return {"commits": [], "backdated": []}
    commits: list[dict[str, Any]] = []
    first_seen: dict[str, date] = {}
    issued_now: dict[str, date] = {}
    for line in log:
        commit, day_text = line.split()
        day = date.fromisoformat(day_text)
        try:
            text = subprocess.run(["git", "-C", str(root), "show", f"{commit}:./{name}"],
                                  capture_output=True, text=True, check=True).stdout
            node = load_yaml(text) or {}
        except (subprocess.CalledProcessError, YAMLError):
            continue
        entries = []
        for item in node.get("datasets") or [] if isinstance(node, Mapping) else []:
            try:
                entries.append(entry_of(item))
            except (KeyError, ValueError, TypeError):
                continue  # a malformed entry in an old version: nothing to count
        for entry in entries:
            first_seen.setdefault(entry.id, day)
            issued_now[entry.id] = entry.issued
        commits.append({"commit": commit[:12], "date": day.isoformat(),
                        "entries": len(entries),
                        "published": sum(is_published_on(e, day) for e in entries)})
    backdated = sorted(i for i, issued in issued_now.items() if issued < first_seen[i])
    return {"commits": commits, "backdated": backdated}
