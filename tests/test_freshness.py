"""The overdue rule, per frequency: due the day one period after `modified`, overdue after it."""

import json
from dataclasses import replace
from datetime import date

import pytest

from portal.catalog.model import Dataset, Resource, Source, Text
from portal.freshness import due_date, freshness, is_overdue, render_status


@pytest.mark.parametrize(
    ("frequency", "modified", "due"),
    [
        ("daily", date(2025, 3, 31), date(2025, 4, 1)),
        ("weekly", date(2025, 3, 31), date(2025, 4, 7)),
        ("monthly", date(2025, 1, 31), date(2025, 2, 28)),
        ("monthly", date(2024, 1, 31), date(2024, 2, 29)),
        ("quarterly", date(2025, 11, 30), date(2026, 2, 28)),
        ("semiannual", date(2025, 8, 31), date(2026, 2, 28)),
        ("annual", date(2024, 2, 29), date(2025, 2, 28)),
        ("annual", date(2024, 4, 1), date(2025, 4, 1)),
    ],
)
def test_due_one_period_after_modified_and_overdue_the_day_after(
        frequency: str, modified: date, due: date) -> None:
    assert due_date(modified, frequency) == due
    assert not is_overdue(modified, frequency, due)
    assert is_overdue(modified, frequency, date.fromordinal(due.toordinal() + 1))


def test_irregular_is_never_overdue() -> None:
    assert due_date(date(2000, 1, 1), "irregular") is None
    assert not is_overdue(date(2000, 1, 1), "irregular", date(2026, 1, 1))


def _dataset(dataset_id: str, frequency: str, modified: date, **changes: object) -> Dataset:
    base = Dataset(
        id=dataset_id, title=Text("題", "Title"), description=Text("説明", "Description"),
        publisher=Text("市民課", "Citizens Division"), category="living", tags=(),
        license="CC-BY-4.0", issued=date(2020, 4, 1), modified=modified, frequency=frequency,
        source=Source(Text("鹿沼市", "Kanuma City")),
        resources=(Resource("main", f"datasets/{dataset_id}/main.csv", "csv",
                            f"datasets/{dataset_id}/main.schema.json"),))
    return replace(base, **changes)


def test_status_lists_overdue_published_datasets_with_their_department() -> None:
    today = date(2026, 11, 25)
    status = freshness([
        _dataset("fresh", "annual", date(2026, 4, 1)),
        _dataset("late", "monthly", date(2026, 9, 1)),
        _dataset("gone", "daily", date(2020, 1, 1), status="withdrawn",
                 withdrawn=date(2021, 1, 1)),
        _dataset("whenever", "irregular", date(2020, 1, 1)),
    ], today)
    assert [i.dataset.id for i in status.overdue] == ["late"]
    assert status.current_share == pytest.approx(2 / 3)
    text = render_status(status, "text", "ja")
    assert text.splitlines() == [
        "late: 更新予定日 2026-10-01 を過ぎています(更新頻度 毎月、最終更新 2026-09-01、担当 市民課)。",
        "3 件中 2 件が最新です。更新期限切れ 1 件。",
    ]
    body = json.loads(render_status(status, "json", "en"))
    assert body["overdue"] == [{"id": "late", "publisher": "Citizens Division",
                                "frequency": "monthly", "modified": "2026-09-01",
                                "due": "2026-10-01"}]
