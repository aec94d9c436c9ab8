"""The DX plan's KPIs with targets, published actuals and progress, plus the live count.

Targets come from the dataset dx-kpi-targets, actuals from dx-kpi-actuals (filled by staff
through pull requests), names of policies and measures from dx-measures — all read from the
build. KPI 3-2 (the number of published open datasets) is the portal's own count. A missing
target stays ``None`` (shown as 目標なし), a missing actual stays ``None`` (未公表): nothing is
guessed.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from portal.catalog.counting import (
    Entry,
    count_series,
    entry_of,
    fiscal_year,
    fiscal_year_counts,
    fiscal_year_end,
    is_published_on,
    reiwa_label,
)
from portal.freshness import is_overdue
from portal.store.current import Build

COUNT_KPI = "3-2"
PLAN_YEARS = (2023, 2024, 2025, 2026)
DEFINITION = {
    "ja": "公開データセット数は、カタログで公開中(status: published)のデータセットの件数です。"
          "1つのデータセットはファイルがいくつあっても1件と数え、公開日(issued)から数えます。"
          "公開を終了したデータセットは、終了日(withdrawn)の前日まで数えます。"
          "検証に一度も合格していないデータセットは公開されていないため数えません。",
    "en": "The number of published datasets counts catalog entries with status published, "
          "once each however many files they have, from their issued date. A withdrawn "
          "dataset counts until the day before its withdrawn date. An entry that never "
          "passed validation was never published and does not count.",
}


def _rows(build: Build, dataset_id: str, resource: str | None = None) -> list[dict[str, Any]]:
    view = build.dataset(dataset_id)
    if view is None:
        return []
    chosen = view.primary if resource is None else view.resource(resource)
    info = chosen.file("json") if chosen else None
    if info is None:
        return []
    with build.path(info.path).open(encoding="utf-8") as handle:
        return list(json.load(handle)["rows"])


def _counted(build: Build) -> list[dict[str, Any]]:
    """Manifest entries that were published (fresh or stale); portal-generated ones aside."""
    return [d.meta for d in build.datasets if not d.meta.get("generated")]


def published_ids(build: Build, today: date) -> set[str]:
    """The datasets counted as published on ``today`` (docs/kpi.md): the one definition
    behind every page, API and dataset that says how many datasets are published."""
    entries: list[Entry] = [entry_of(m) for m in _counted(build)]
    return {e.id for e in entries if is_published_on(e, today)}


def published_datasets(build: Build, today: date) -> int:
    """How many datasets are published on ``today``: see ``published_ids``."""
    return len(published_ids(build, today))


def count_summary(build: Build, today: date) -> dict[str, Any]:
    items = _counted(build)
    now = published_datasets(build, today)
    year = fiscal_year(today)
    targets = {row["年度"]: row["目標値"] for row in _rows(build, "dx-kpi-targets")
               if row["KPI番号"] == COUNT_KPI}
    target = targets.get(year)
    start = min((date.fromisoformat(str(i["issued"])) for i in items), default=today)
    by_year = fiscal_year_counts(items, PLAN_YEARS, today)
    for row in by_year:
        # A year that ended before the catalog's first entry has no record here: the city
        # published elsewhere then. That is unknown, not zero.
        if row["count"] is not None and fiscal_year_end(row["fiscal_year"]) < start:
            row.update(count=None, before_catalog=True)
    return {
        "definition": DEFINITION,
        "as_of": today.isoformat(),
        "count": now,
        "fiscal_year": year,
        "fiscal_year_label": reiwa_label(year),
        "target": target,
        "gap": None if target is None else max(0, int(target) - now),
        "targets": [{"fiscal_year": y, "label": reiwa_label(y), "target": targets.get(y)}
                    for y in PLAN_YEARS],
        "catalog_start": start.isoformat(),
        "by_fiscal_year": by_year,
        "by_month": count_series(items, start, today),
    }


def up_to_date(build: Build, today: date) -> dict[str, Any]:
    """How many published datasets are current by their declared frequency (DX plan:
    適切な更新); ``share`` is None when nothing is published."""
    ids = published_ids(build, today)
    published = [d.meta for d in build.published if d.id in ids]
    overdue = [m["id"] for m in published
               if is_overdue(date.fromisoformat(str(m["modified"])), m["frequency"], today)]
    total = len(published)
    return {"total": total, "current": total - len(overdue), "overdue": sorted(overdue),
            "share": round((total - len(overdue)) / total, 4) if total else None}


def kpi_summary(build: Build, today: date) -> dict[str, Any]:
    """Every KPI grouped by basic policy and measure, as JSON-ready data."""
    targets = _rows(build, "dx-kpi-targets")
    actuals = _rows(build, "dx-kpi-actuals")
    policies = {str(p["基本方針番号"]): p for p in _rows(build, "dx-measures", "policies")}
    count = count_summary(build, today)
    kpis: dict[str, dict[str, Any]] = {}
    for row in targets:
        kpi = kpis.setdefault(row["KPI番号"], {
            "id": row["KPI番号"], "policy": str(row["基本方針番号"]), "measure": row["施策番号"],
            "measure_name": row["施策名"], "name": row["指標名"], "unit": row["単位"],
            # English names are the portal's translations, where the dataset has them.
            "measure_name_en": row.get("施策名_英語"), "name_en": row.get("指標名_英語"),
            "unit_en": row.get("単位_英語"), "targets": [], "actuals": []})
        kpi["targets"].append({"fiscal_year": row["年度"], "label": row["和暦年度"],
                               "target": row["目標値"]})
    for row in actuals:
        if row["KPI番号"] in kpis:
            kpis[row["KPI番号"]]["actuals"].append({
                "fiscal_year": row["年度"], "label": row["和暦年度"], "value": row["実績値"],
                "date": row["基準日"], "source": row["出典"], "note": row.get("備考")})
    if COUNT_KPI in kpis:
        kpis[COUNT_KPI]["actuals"] = [
            {"fiscal_year": r["fiscal_year"], "label": r["label"], "value": r["count"],
             "date": r["as_of"], "source": "portal", "note": None if r["final"] else "年度途中"}
            for r in count["by_fiscal_year"] if r["count"] is not None]
        kpis[COUNT_KPI]["live"] = True
    for kpi in kpis.values():
        by_year = {a["fiscal_year"]: a for a in kpi["actuals"]}
        for target in kpi["targets"]:
            actual = by_year.get(target["fiscal_year"])
            target["actual"] = actual["value"] if actual else None
            target["progress"] = (round(actual["value"] / target["target"], 4)
                                  if actual and target["target"] else None)
    grouped = []
    for number in sorted({k["policy"] for k in kpis.values()}):
        measures = sorted((k for k in kpis.values() if k["policy"] == number),
                          key=lambda k: k["measure"])
        policy = policies.get(number, {})
        grouped.append({"number": int(number), "name": policy.get("基本方針名"),
                        "name_en": policy.get("基本方針名_英語"), "kpis": measures})
    return {"as_of": today.isoformat(), "fiscal_year": count["fiscal_year"],
            "up_to_date": up_to_date(build, today),
            "fiscal_year_label": count["fiscal_year_label"], "policies": grouped,
            "kpi_count": len(kpis), "published_datasets": count}
