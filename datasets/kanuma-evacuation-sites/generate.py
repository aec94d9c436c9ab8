"""Regenerate 092053_evacuation_space.csv: 鹿沼市's 指定緊急避難場所 in the layout of
自治体標準オープンデータセット 03 指定緊急避難場所一覧.

The rows are 国土地理院「指定緊急避難場所・指定避難所データ」 for 092053, kept in
sources/gsi-evacuation-sites/ (see its SOURCES). Columns GSI does not have stay empty: nothing
is guessed. Run: python datasets/kanuma-evacuation-sites/generate.py [OUT]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from portal.build.formats import write_records
from portal.validate.standards import standard_fields

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "sources/gsi-evacuation-sites/emergency-092053.geojson"
CODE = "092053"
HAZARDS = ("洪水", "崖崩れ、土石流及び地滑り", "高潮", "地震", "津波", "大規模な火事", "内水氾濫",
           "火山現象")


def rows(source: Path = SOURCE) -> list[dict[str, str]]:
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    found = []
    for feature in features:
        given = feature["properties"]
        longitude, latitude = feature["geometry"]["coordinates"]
        row = dict.fromkeys(standard_fields("03"), "")
        row.update({
            "全国地方公共団体コード": CODE, "ID": given["共通ID"], "名称": given["施設・場所名"],
            "所在地_全国地方公共団体コード": CODE, "所在地_連結表記": given["住所"],
            "所在地_都道府県": "栃木県", "所在地_市区町村": "鹿沼市",
            "緯度": str(latitude), "経度": str(longitude),
            "地方公共団体名": given["都道府県名及び市町村名"],
            # GSI's 「指定避難所との住所同一」: 1 when a 指定避難所 has the same address.
            "指定避難所との重複": given["指定避難所との住所同一"], "備考": given["備考"],
        })
        row.update({f"災害種別_{hazard}": given[hazard] for hazard in HAZARDS})
        found.append(row)
    return sorted(found, key=lambda r: r["ID"])


def main(out: Path = HERE / "092053_evacuation_space.csv") -> None:
    write_records(out, rows())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "092053_evacuation_space.csv")
