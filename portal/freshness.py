"""Is a dataset current? Its `modified` date plus its `frequency` gives the date it is due.

The DX plan asks for 適切な更新 (timely updates): a dataset is overdue when today is past
``modified + one period`` of its declared frequency. ``irregular`` datasets are never overdue.
Month arithmetic clamps to the month's last day (31 January + 1 month = 28/29 February).
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from portal.catalog.load import load_catalog
from portal.catalog.model import FREQUENCIES, Dataset
from portal.messages import render

PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}
PERIOD_DAYS = {"daily": 1, "weekly": 7}


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(modified: date, frequency: str) -> date | None:
    """The day by which the next update is due; None for irregular datasets."""
    if frequency in PERIOD_DAYS:
        return modified + timedelta(days=PERIOD_DAYS[frequency])
    if frequency in PERIOD_MONTHS:
        return add_months(modified, PERIOD_MONTHS[frequency])
    return None


def is_overdue(modified: date, frequency: str, today: date) -> bool:
    due = due_date(modified, frequency)
    return due is not None and today > due


@dataclass(frozen=True)
class Freshness:
    dataset: Dataset
    due: date | None
    overdue: bool


@dataclass(frozen=True)
class Status:
    today: date
    items: tuple[Freshness, ...]

    @property
    def overdue(self) -> tuple[Freshness, ...]:
        return tuple(i for i in self.items if i.overdue)

    @property
    def current_share(self) -> float:
        """Share of published datasets that are up to date (1.0 for an empty catalog)."""
        return 1.0 if not self.items else 1 - len(self.overdue) / len(self.items)


def freshness(datasets: Iterable[Dataset], today: date) -> Status:
    items = tuple(
        Freshness(d, due_date(d.modified, d.frequency), is_overdue(d.modified, d.frequency, today))
        for d in datasets if d.is_published_on(today))
    return Status(today=today, items=items)


def status_of_catalog(catalog_path: Path, today: date | None = None) -> Status:
    catalog, _ = load_catalog(catalog_path)
    return freshness(catalog.datasets, today or date.today())


def render_status(status: Status, fmt: str, lang: str) -> str:
    if fmt == "json":
        body = {
            "today": status.today.isoformat(),
            "total": len(status.items),
            "current_share": round(status.current_share, 4),
            "overdue": [
                {"id": i.dataset.id, "publisher": i.dataset.publisher.get(lang),
                 "frequency": i.dataset.frequency, "modified": i.dataset.modified.isoformat(),
                 "due": i.due.isoformat() if i.due else None}
                for i in status.overdue],
        }
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for item in status.overdue:
        ja, en = FREQUENCIES[item.dataset.frequency]
        lines.append(render("dataset-overdue", lang, entry=item.dataset.id, due=item.due,
                            frequency=ja if lang == "ja" else en,
                            modified=item.dataset.modified,
                            publisher=item.dataset.publisher.get(lang)))
    lines.append(render("status-summary", lang, total=len(status.items),
                        current=len(status.items) - len(status.overdue),
                        overdue=len(status.overdue)))
    return "\n".join(lines) + "\n"
