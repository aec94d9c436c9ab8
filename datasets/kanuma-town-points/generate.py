"""Regenerate town-points.csv: a representative point of each of 鹿沼市's 大字・町丁目.

The towns and points are 「Geolonia 住所データ」 (CC BY 4.0, based on 国土交通省
「大字・町丁目レベル位置参照情報」) for 鹿沼市, kept in sources/geolonia-addresses/ (see its
SOURCES). Run: python datasets/kanuma-town-points/generate.py [OUT]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from portal.publishing.formats import write_records

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "sources/geolonia-addresses/kanuma-towns.json"


def rows(source: Path = SOURCE) -> list[dict[str, str]]:
    towns = json.loads(source.read_text(encoding="utf-8"))
    # The source lists the towns in kana order; the file keeps it.
    return [{"全国地方公共団体コード": "092053", "都道府県名": "栃木県", "市区町村名": "鹿沼市",
             "大字町丁目名": town["town"], "緯度": str(town["lat"]), "経度": str(town["lng"])}
            for town in towns]


def main(out: Path = HERE / "town-points.csv") -> None:
    write_records(out, rows())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "town-points.csv")
