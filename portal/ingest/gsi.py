"""国土地理院「指定緊急避難場所・指定避難所データ」 for 鹿沼市 (092053) as rows of a
自治体標準オープンデータセット 03 layout: what the evacuation datasets' regeneration scripts
read from sources/gsi-evacuation-sites/. Columns GSI does not have stay empty.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from portal.validate.standards import standard_fields

CODE = "092053"


def evacuation_rows(source: Path, layout: str,
                    specific: Callable[[Mapping[str, Any]], Mapping[str, str]]
                    ) -> list[dict[str, str]]:
    """One row per GSI feature in ``layout``'s columns, sorted by ID: the columns both
    layouts share, then ``specific(properties)``."""
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    found = []
    for feature in features:
        given = feature["properties"]
        longitude, latitude = feature["geometry"]["coordinates"]
        row = dict.fromkeys(standard_fields(layout), "")
        row.update({
            "全国地方公共団体コード": CODE, "ID": given["共通ID"], "名称": given["施設・場所名"],
            "所在地_全国地方公共団体コード": CODE, "所在地_連結表記": given["住所"],
            "所在地_都道府県": "栃木県", "所在地_市区町村": "鹿沼市",
            "緯度": str(latitude), "経度": str(longitude),
            "地方公共団体名": given["都道府県名及び市町村名"],
        })
        row.update(specific(given))
        found.append(row)
    return sorted(found, key=lambda r: r["ID"])
