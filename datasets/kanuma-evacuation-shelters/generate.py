"""Regenerate 092053_evacuation_shelter.csv: 鹿沼市's 指定避難所 in the portal's 指定避難所
layout (the leading columns of 自治体標準オープンデータセット 03 and GSI's 指定避難所 fields).

The rows are 国土地理院「指定緊急避難場所・指定避難所データ」 for 092053, kept in
sources/gsi-evacuation-sites/ (see its SOURCES). Columns GSI does not have stay empty: nothing
is guessed. Run: python datasets/kanuma-evacuation-shelters/generate.py [OUT]
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from portal.ingest.gsi import evacuation_rows
from portal.publishing.formats import write_records

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "sources/gsi-evacuation-sites/evacuation-092053.geojson"


def _specific(given: Mapping[str, Any]) -> dict[str, str]:
    # GSI's 「指定緊急避難場所との住所同一」.
    return {"指定緊急避難場所との重複": given["指定緊急避難場所との住所同一"],
            "受入対象者": given["受入対象者"],
            "その他市町村長が必要と認める事項": given["その他市町村長が必要と認める事項"],
            "備考": given["備考"]}


def rows(source: Path = SOURCE) -> list[dict[str, str]]:
    return evacuation_rows(source, "03-shelter", _specific)


def main(out: Path = HERE / "092053_evacuation_shelter.csv") -> None:
    write_records(out, rows())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "092053_evacuation_shelter.csv")
