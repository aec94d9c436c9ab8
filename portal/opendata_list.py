"""The catalog as 自治体標準オープンデータセット 06 オープンデータ一覧 (UTF-8 with BOM).

Both the build (its catalog.csv) and the API (/catalog.csv with the request's origin) write
it, so it sits below both; it reads the 06 layout's columns from validate/standards/."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from portal import urls
from portal.catalog.categories import CATEGORIES
from portal.catalog.licenses import LICENSES
from portal.catalog.model import FREQUENCIES
from portal.formulas import neutralise
from portal.validate.standards import standard_fields


def opendata_list_rows(portal: dict[str, Any], datasets: Sequence[dict[str, Any]],
                       base_url: str = "") -> list[dict[str, str]]:
    """One row per file, as the 06 list has it: the rows of a dataset share its ID, and each
    URL names its file (`portal import` reads such a list back)."""
    rows = []
    for entry in datasets:
        if entry.get("status") != "published":
            continue
        for resource in entry.get("resources") or [{"name": None}]:
            url = (urls.download(entry["id"], "csv", resource["name"]) if resource["name"]
                   else urls.dataset_page(entry["id"]))
            rows.append({
                "全国地方公共団体コード": portal["local_government_code"],
                "ID": entry["id"],
                "地方公共団体名": f"{portal['prefecture']['ja']}{portal['city']['ja']}",
                "データ名称": entry["title"]["ja"],
                "概要": " ".join(entry["description"]["ja"].split()),
                "分類": CATEGORIES[entry["category"]][0],
                "キーワード": ";".join(entry.get("tags", [])),
                "データ形式": "CSV",
                "URL": urls.absolute(base_url, url),
                "公開日": entry["issued"],
                "最終更新日": entry["modified"],
                "更新頻度": FREQUENCIES[entry["frequency"]][0],
                "ライセンス": LICENSES[entry["license"]].ja,
                "備考": "",
            })
    return rows


def _encoded(rows: Sequence[dict[str, str]]) -> bytes:
    handle = io.StringIO(newline="")
    writer = csv.DictWriter(handle, fieldnames=list(standard_fields("06")),
                            lineterminator="\r\n")
    writer.writeheader()
    # Opened in Excel (UTF-8 with BOM): a title or description such as =HYPERLINK(…) is text.
    writer.writerows({key: neutralise(value, False) for key, value in row.items()}
                     for row in rows)
    return handle.getvalue().encode("utf-8-sig")


def opendata_list_csv(portal: dict[str, Any], datasets: Sequence[dict[str, Any]],
                      base_url: str) -> bytes:
    """The list as UTF-8 with BOM and CRLF, its URLs absolute from ``base_url``."""
    return _encoded(opendata_list_rows(portal, datasets, base_url))


def write_opendata_list(path: Path, portal: dict[str, Any], datasets: Sequence[dict[str, Any]],
                        base_url: str = "") -> int:
    """The build's copy (served with the request's origin when no base URL is configured)."""
    rows = opendata_list_rows(portal, datasets, base_url)
    path.write_bytes(_encoded(rows))
    return len(rows)
