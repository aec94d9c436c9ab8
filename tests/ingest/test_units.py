"""`--fix` and validation agree on what a number with a unit is (issue #19, item 2).

約100, ¥100 and 50代 are numbers with a unit to validation (portal/validate/rules/numbers.py);
`--fix` used to pass them over in silence. Now ¥ is taken out as 円, and what cannot be taken
out safely is reported as ingest-fix-unsafe naming the rows and the column.
"""

from __future__ import annotations

from pathlib import Path

from portal.ingest import ingest_file


def _csv(tmp_path: Path, column: str, values: list[str]) -> Path:
    path = tmp_path / "facilities.csv"
    lines = [f"名称,{column}"] + [f"施設{i},{v}" for i, v in enumerate(values, 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _unsafe(path: Path) -> list[tuple[str, int | None, str | None, str | None, object]]:
    return [(f.code, f.row, f.column, f.value, f.params["all_rows"])
            for f in ingest_file(path, fix=True).findings if f.code == "ingest-fix-unsafe"]


def test_a_yen_sign_is_taken_out_as_the_unit_of_the_column(tmp_path: Path) -> None:
    path = _csv(tmp_path, "料金", ["¥100", '"￥1,250"', "300円"])
    result = ingest_file(path, fix=True)
    assert result.table is not None
    assert result.table.header == ("名称", "料金(円)")
    assert list(result.table.cells[1]) == ["100", "1250", "300"]
    assert [(f.code, f.row, f.column, f.value, f.params["all_rows"])
            for f in result.findings] == [
        ("number-thousands-separator", 3, "料金", "￥1,250", (3,)),
        ("number-with-unit", 2, "料金", "¥100", (2, 3, 4))]
    assert [(c.code, c.rows) for c in result.fixes] == [("fix-thousands", (3,)),
                                                       ("fix-unit", (2, 3, 4))]


def test_an_approximate_number_is_reported_not_passed_over(tmp_path: Path) -> None:
    path = _csv(tmp_path, "定員", ["約100", "120", "130", "140"])
    assert _unsafe(path) == [("ingest-fix-unsafe", 2, "定員", "約100", (2,))]
    result = ingest_file(path, fix=True)
    assert result.table is not None
    assert list(result.table.cells[1]) == ["約100", "120", "130", "140"]
    assert result.fixes == ()


def test_an_age_group_is_reported_not_passed_over(tmp_path: Path) -> None:
    path = _csv(tmp_path, "年代", ["50代", "60代", "70代"])
    assert _unsafe(path) == [("ingest-fix-unsafe", 2, "年代", "50代", (2, 3, 4))]


def test_plain_text_is_no_number_with_a_unit(tmp_path: Path) -> None:
    path = _csv(tmp_path, "備考", ["なし", "駐車場あり", "要予約"])
    assert _unsafe(path) == []
    assert ingest_file(path, fix=True).fixes == ()
