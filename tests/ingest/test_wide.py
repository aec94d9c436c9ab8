"""A wide file through ingest: what a GeoJSON read as a CSV looked like (tens of thousands of
"columns"). Behaviour only — the time is measured by `python -m bench.import --wide`.

The files are generated here and say so in their names.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pandas as pd

from portal.ingest import ingest_file
from portal.ingest.fixes import Frame, fix_cells, name_columns


def test_names_stay_unique_across_thousands_of_blank_and_repeated_headers() -> None:
    header = ("a",) * 3000 + ("",) * 2000 + ("a_2",)
    frame = Frame("generated-wide.csv", header, pd.DataFrame({j: ["x"] for j in
                                                             range(len(header))}), (2,))
    named, changes = name_columns(frame)
    assert len(set(named.header)) == len(header)
    assert named.header[:3] == ("a", "a_2", "a_3")
    assert named.header[2999:3001] == ("a_3000", "column_3001")
    assert named.header[-1] == "a_2_2"  # "a_2" was taken by the second "a"
    assert (changes[0].code, changes[0].count) == ("fix-header-named", 5000)


def test_each_column_is_fixed_on_its_own_in_a_wide_table() -> None:
    width = 3000
    cells = pd.DataFrame({j: [f"{r + j}人" if j % 3 == 0 else "１，２３４" if j % 3 == 1
                              else "令和5年4月1日" for r in range(3)] for j in range(width)},
                         dtype=str)
    frame = Frame("generated-wide.csv", tuple(f"列{j}" for j in range(width)), cells,
                  (2, 3, 4))
    fixed, changes, unsafe = fix_cells(frame)
    assert unsafe == []
    assert fixed.types == ("integer", "integer", "date") * (width // 3)
    assert fixed.header[:3] == ("列0(人)", "列1", "列2")
    assert list(fixed.cells.iloc[0, :3]) == ["0", "1234", "2023-04-01"]
    assert list(fixed.cells.columns) == list(range(width))
    assert sorted(Counter(c.code for c in changes).items()) == [
        ("fix-date-iso", 1000), ("fix-fullwidth", 1000), ("fix-thousands", 1000),
        ("fix-unit", 1000)]


def test_a_wide_csv_is_ingested_with_every_column_named_and_typed(tmp_path: Path) -> None:
    path = tmp_path / "generated-wide.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["項目" if j % 2 else "" for j in range(4000)])
        writer.writerows([str(r * j) for j in range(4000)] for r in range(3))
    result = ingest_file(path, fix=True)
    assert result.table is not None and result.schema is not None
    names = [f["name"] for f in result.schema["fields"]]
    assert len(names) == len(set(names)) == 4000
    assert names[:4] == ["column_1", "項目", "column_3", "項目_2"]
    assert {f["type"] for f in result.schema["fields"]} == {"integer"}

