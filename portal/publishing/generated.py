"""Datasets the portal generates from the catalog itself: the published-dataset count.

The DX plan's KPI 3-2 is the number of published datasets; the build publishes its monthly
series as a dataset, through the same writers as every other dataset, so it has the same
downloads and row API. It is marked ``generated`` and is not counted in itself.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from portal.catalog.counting import published_count_rows
from portal.catalog.model import Dataset, Portal, Resource, Source, Text
from portal.publishing.dataset import build_dataset
from portal.tables.table import Table

COUNT_ID = "published-dataset-count"
COUNT_SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "年月", "title": "年月", "type": "string",
         "description": "集計した月 (YYYY-MM) / month"},
        {"name": "基準日", "title": "基準日", "type": "date",
         "description": "数えた日(月末、今月は今日) / the day counted (month end; today for "
                        "this month)"},
        {"name": "年度", "title": "年度", "type": "integer",
         "description": "西暦の年度 / fiscal year"},
        {"name": "和暦年度", "title": "和暦年度", "type": "string"},
        {"name": "公開データセット数", "title": "公開データセット数", "type": "integer",
         "description": "その日に公開中のデータセット数 / datasets published on that day"},
    ],
    "primaryKey": "年月", "missingValues": [""],
}


def count_dataset(portal: Portal, issued: date, today: date) -> Dataset:
    return Dataset(
        id=COUNT_ID,
        title=Text("オープンデータ公開件数の推移", "Number of published open datasets over time"),
        description=Text(
            "このポータルで公開中のデータセット数の月ごとの推移です(鹿沼市DX推進計画 KPI 3-2)。"
            "カタログから毎回のビルドで自動集計しています。数え方は KPI ページを参照してください。"
            "このデータセット自身は件数に含みません。",
            "The number of datasets published on this portal, month by month (KPI 3-2 of the "
            "Kanuma City DX Plan), computed from the catalog at every build. See the KPI page "
            "for the definition. This dataset does not count itself."),
        publisher=portal.department_name(portal.department) or portal.publisher,
        department=portal.department, category="administration",
        tags=("KPI", "DX推進計画", "オープンデータ"), license=portal.license,
        issued=issued, modified=today, frequency="monthly",
        source=Source(Text("鹿沼市オープンデータ カタログ", "Kanuma City Open Data catalog"),
                      license=portal.license),
        resources=(Resource("count", f"datasets/{COUNT_ID}/count.csv", "csv",
                            f"datasets/{COUNT_ID}/count.schema.json"),),
    )


def build_count_dataset(portal: Portal, entries: list[dict[str, Any]], work: Path,
                        today: date) -> dict[str, Any] | None:
    counted = [e for e in entries if e.get("status") == "published" or e.get("withdrawn")]
    rows = published_count_rows(counted, today)
    if not rows:
        return None
    header = tuple(f["name"] for f in COUNT_SCHEMA["fields"])
    cells = pd.DataFrame({i: [str(r[name]) for r in rows] for i, name in enumerate(header)},
                         dtype=object)
    table = Table(file=f"datasets/{COUNT_ID}/count.csv", header=header, cells=cells,
                  encoding="utf-8", newline="\n")
    issued = min(date.fromisoformat(str(e["issued"])) for e in counted)
    dataset = count_dataset(portal, issued, today)
    entry = build_dataset(dataset, {"count": table}, work, work, digest="generated",
                          schemas={"count": COUNT_SCHEMA})
    entry["generated"] = True
    entry["history"] = [{"date": today.isoformat(),
                         "summary": {"ja": "カタログから自動で集計", "en": "Counted from the catalog"}}]
    return entry
