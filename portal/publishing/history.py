"""A dataset's change history for people: what staff wrote in ``changes:``, and "data updated"
on the days the build saw a data file change (by content hash) without a word from staff.

Never commit subjects: those are written for developers, in English, about code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from portal.catalog.model import Dataset

DATA_UPDATED = {"ja": "データを更新", "en": "Data updated"}


def data_hash(dataset: Dataset, root: Path) -> str:
    """sha256 over the entry's data files only (not its metadata or schemas)."""
    digest = hashlib.sha256()
    for resource in dataset.resources:
        path = root / resource.path
        digest.update(resource.path.encode() + b"\0")
        if path.is_file():
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
    return digest.hexdigest()


def data_updates(previous: dict[str, Any] | None, new_hash: str, today: str) -> list[str]:
    """Days on which the build found a dataset's data changed: the previous build's days,
    plus today when its data hash differs from the previous build's."""
    if previous is None:
        return []
    days = list(previous.get("data_updates") or [])
    old_hash = previous.get("data_hash")
    if old_hash is not None and old_hash != new_hash and today not in days:
        days.append(today)
    return days


def history(changes: list[dict[str, Any]], updates: list[str]) -> list[dict[str, Any]]:
    """Newest first: [{"date", "summary": {"ja", "en"}}]. A day with a staff change hides the
    build's "data updated" of that day: staff said what changed."""
    written = {c["date"] for c in changes}
    items = [{"date": c["date"], "summary": dict(c["summary"])} for c in changes]
    items += [{"date": day, "summary": dict(DATA_UPDATED)} for day in updates
              if day not in written]
    return sorted(items, key=lambda item: item["date"], reverse=True)
