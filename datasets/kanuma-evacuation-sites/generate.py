"""Regenerate 092053_evacuation_space.csv: 鹿沼市's 指定緊急避難場所 in the layout of
自治体標準オープンデータセット 03 指定緊急避難場所一覧.

The rows are 国土地理院「指定緊急避難場所・指定避難所データ」 for 092053, kept in
sources/gsi-evacuation-sites/ (see its SOURCES). Columns GSI does not have stay empty: nothing
is guessed. Run: python datasets/kanuma-evacuation-sites/generate.py [OUT]
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from portal.ingest.gsi import evacuation_rows
from portal.publishing.formats import write_records

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "sources/gsi-evacuation-sites/emergency-092053.geojson"
HAZARDS = ("洪水", "崖崩れ、土石流及び地滑り", "高潮", "地震", "津波", "大規模な火事", "内水氾濫",
           "火山現象")


def _specific(given: Mapping[str, Any]) -> dict[str, str]:
    # GSI's 「指定避難所との住所同一」: 1 when a 指定避難所 has the same address.
    return {"指定避難所との重複": given["指定避難所との住所同一"], "備考": given["備考"],
            **{f"災害種別_{hazard}": given[hazard] for hazard in HAZARDS}}


def rows(source: Path = SOURCE) -> list[dict[str, str]]:
    return evacuation_rows(source, "03", _specific)


def main(out: Path = HERE / "092053_evacuation_space.csv") -> None:
    write_records(out, rows())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "092053_evacuation_space.csv")
