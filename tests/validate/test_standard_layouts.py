"""The bundled 自治体標準オープンデータセット layouts: each recognised as itself and as nothing
else, real Yaizu files recognised as their layouts, and the checks of a file that claims one
(missing required and optional columns, order, file name by the data's own code)."""

from __future__ import annotations

import csv
from itertools import combinations
from pathlib import Path

import pytest

from portal.tables.table import Table
from portal.validate.read import read_table
from portal.validate.standards import (
    check_standard,
    layout,
    layouts,
    recognise_standard,
    table_file_name,
)

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
LAYOUT_IDS = [item.id for item in layouts()]
# The block of columns facility layouts share, in both editions: no layout of its own.
LEADING_BLOCK = ("都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称",
                 "名称_カナ", "名称_英語", "住所", "方書", "緯度", "経度", "電話番号", "内線番号",
                 "法人番号", "団体名", "URL", "備考")
CURRENT_BLOCK = ("全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ",
                 "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記", "所在地_都道府県",
                 "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)", "緯度", "経度",
                 "電話番号", "内線番号", "URL", "備考")


def _header(name: str) -> tuple[str, ...]:
    with (REAL / name).open(encoding="utf-8-sig", newline="") as handle:
        return tuple(next(csv.reader(handle)))


def _table(tmp_path: Path, header: list[str], rows: list[list[str]], name: str) -> Table:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    table, findings = read_table(path, name, "csv")
    assert table is not None and findings == []
    return table


def _real_rows(name: str) -> tuple[list[str], list[list[str]]]:
    with (REAL / name).open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def test_fourteen_types_in_the_first_version_and_six_current_layouts() -> None:
    first = sorted(i.type_id for i in layouts() if i.id.endswith("-v1"))
    assert first == [f"{n:02d}" for n in range(1, 15)]
    assert sorted(i.id for i in layouts() if not i.id.endswith("-v1")) == [
        "01", "03", "03-shelter", "06", "13", "14"]


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_every_layout_names_its_source_and_what_is_confirmed(layout_id: str) -> None:
    item = layout(layout_id)
    assert item.source.strip()
    assert set(item.status) == {"columns", "required"}
    # First-version layouts are the transcription's, required status included; every current
    # layout says what is not confirmed.
    assert item.confirmed == layout_id.endswith("-v1")
    assert len(set(item.names)) == len(item.names)


def test_first_version_required_columns_are_the_transcriptions() -> None:
    required = {i.id: [f.name for f in i.fields if f.required] for i in layouts()}
    assert required["07-v1"] == ["名称", "名称_カナ", "住所", "設置位置"]
    assert required["12-v1"] == ["名称", "名称_カナ", "住所"]
    assert required["14-v1"] == ["種別"]
    assert required["03-v1"][:6] == ["NO", "名称", "名称_カナ", "住所", "電話番号", "市区町村コード"]


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_every_layout_header_is_recognised_as_itself_only(layout_id: str) -> None:
    found = recognise_standard(layout(layout_id).names)
    assert found is not None
    assert (found.layout.id, found.matched, found.total) == (
        layout_id, len(layout(layout_id).names), len(layout(layout_id).names))


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_a_layout_short_of_any_column_is_itself_or_no_standard_never_another(
        layout_id: str) -> None:
    names = layout(layout_id).names
    wrong = []
    for index in range(len(names)):
        found = recognise_standard(names[:index] + names[index + 1:])
        if found is not None and found.type_id != layout(layout_id).type_id:
            wrong.append((names[index], found.layout.id))
    assert wrong == []


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_only_the_required_columns_of_a_layout_are_never_another_type(layout_id: str) -> None:
    item = layout(layout_id)
    found = recognise_standard(tuple(f.name for f in item.fields if f.required))
    assert found is None or found.type_id == item.type_id


def test_two_layouts_header_together_is_neither() -> None:
    """A header that is two layouts at once (every pair of types) is not taken for one."""
    wrong = []
    for a, b in combinations(layouts(), 2):
        if a.type_id == b.type_id:
            continue
        found = recognise_standard(tuple(dict.fromkeys(a.names + b.names)))
        if found is not None and found.type_id not in (a.type_id, b.type_id):
            wrong.append((a.id, b.id, found.layout.id))
    assert wrong == []


@pytest.mark.parametrize("block", [LEADING_BLOCK, CURRENT_BLOCK])
def test_the_leading_block_facility_layouts_share_is_no_standard(
        block: tuple[str, ...]) -> None:
    assert recognise_standard(block) is None


def test_yaizu_public_wireless_lan_is_12_not_aed() -> None:
    header = _header("yaizu-public-wireless-lan.csv")
    assert header[:4] == ("都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名")
    assert {"SSID", "提供エリア", "設置者"} <= set(header)
    found = recognise_standard(header)
    assert found is not None
    assert (found.layout.id, found.matched, found.total) == ("12-v1", 18, 18)


@pytest.mark.parametrize(("name", "layout_id", "matched"), [
    ("yaizu-aed.csv", "07-v1", 22),
    ("yaizu-public-wireless-lan.csv", "12-v1", 18),
    ("yaizu-fire-hydrant.csv", "14", 16),
    ("yaizu-public-toilet.csv", "13", 39),
    # 都道府県コ―ド又は市区町村コ―ド (U+2015) still counts as the code column.
    ("yaizu-preschool.csv", "05-v1", 28),
    # 料金（基本） in full width, and 20 columns of the city's own after the standard ones.
    ("yaizu-tourism.csv", "10-v1", 30),
])
def test_real_yaizu_files_are_recognised_as_their_layouts(name: str, layout_id: str,
                                                          matched: int) -> None:
    found = recognise_standard(_header(name))
    assert found is not None
    assert (found.layout.id, found.matched) == (layout_id, matched)


def test_missing_required_column_is_an_error_missing_optional_ones_one_warning(
        tmp_path: Path) -> None:
    header, rows = _real_rows("yaizu-public-wireless-lan.csv")
    dropped = [header.index(c) for c in ("名称_カナ", "SSID", "提供エリア")]
    keep = [i for i in range(len(header)) if i not in dropped]
    table = _table(tmp_path, [header[i] for i in keep], [[r[i] for i in keep] for r in rows],
                   "222127_public_wireless_lan.csv")
    found = list(check_standard(table, "12", "datasets/wifi/222127_public_wireless_lan.csv",
                                "092053"))
    assert [(f.code, f.column, f.is_error, f.params) for f in found] == [
        ("standard-column-missing", "名称_カナ", True, {"standard": "12", "layout": "12-v1"}),
        ("standard-columns-optional-missing", None, False,
         {"standard": "12", "layout": "12-v1", "count": 2, "columns": "SSID、提供エリア",
          "missing": ("SSID", "提供エリア")}),
    ]


def test_columns_in_another_order_are_one_warning(tmp_path: Path) -> None:
    header, rows = _real_rows("yaizu-public-wireless-lan.csv")
    order = list(range(len(header)))
    order[14], order[15] = order[15], order[14]  # 提供エリア before SSID
    order.append(order.pop(0))  # the code column last
    table = _table(tmp_path, [header[i] for i in order], [[r[i] for i in order] for r in rows],
                   "222127_public_wireless_lan.csv")
    found = list(check_standard(table, "12", "222127_public_wireless_lan.csv", "092053"))
    assert [(f.code, f.column, f.column_number, f.value, f.is_error) for f in found] == [
        ("standard-columns", "都道府県コード又は市区町村コード", 1, "NO", False)]


def test_the_file_name_follows_the_code_in_the_data_not_the_portals(tmp_path: Path) -> None:
    header, rows = _real_rows("yaizu-public-wireless-lan.csv")
    table = _table(tmp_path, header, rows, "wifi.csv")
    assert {r[0] for r in rows} == {"222127"}
    found = list(check_standard(table, "12", "datasets/wifi/wifi.csv", "092053"))
    assert [(f.code, f.is_error, f.params) for f in found] == [
        ("standard-file-name", False, {"expected": "222127_public_wireless_lan.csv"})]
    assert list(check_standard(table, "12", "datasets/wifi/222127_public_wireless_lan.csv",
                               "092053")) == []


def test_without_a_code_in_the_data_the_list_rows_code_then_the_portals_names_it(
        tmp_path: Path) -> None:
    header, rows = _real_rows("yaizu-public-wireless-lan.csv")
    blank = _table(tmp_path, header, [["", *r[1:]] for r in rows], "blank.csv")
    assert table_file_name("12", blank, "222127", "092053") == "222127_public_wireless_lan.csv"
    assert table_file_name("12", blank, "", "092053") == "092053_public_wireless_lan.csv"
    assert table_file_name("12", blank, "222128", "092053") == "092053_public_wireless_lan.csv"
    mixed = _table(tmp_path, header, [["222127", *rows[0][1:]], ["092053", *rows[1][1:]]],
                   "mixed.csv")
    assert table_file_name("12", mixed, "", "092053") == "092053_public_wireless_lan.csv"


@pytest.mark.parametrize("layout_id", [i.id for i in layouts() if i.id.endswith("-v1")])
def test_a_first_version_layout_moved_to_the_current_leading_block_is_never_another_type(
        layout_id: str) -> None:
    """The current layouts of most types are not bundled: a file in one (the first version's
    own columns after the current leading block) must not be taken for a bundled type."""
    item = layout(layout_id)
    own = tuple(n for n in item.names if n not in LEADING_BLOCK)
    found = recognise_standard(CURRENT_BLOCK + own)
    assert found is None or found.type_id == item.type_id


def test_a_current_edition_file_of_a_first_version_layout_misses_no_renamed_column(
        tmp_path: Path) -> None:
    """An AED list in the current edition's leading columns (no current 07 layout is
    bundled): 所在地_連結表記 is its 住所, 全国地方公共団体コード its code column."""
    own = [n for n in layout("07-v1").names if n not in LEADING_BLOCK]
    assert own[0] == "設置位置"
    header = [*CURRENT_BLOCK[:15], own[0], *CURRENT_BLOCK[15:17], *own[1:], *CURRENT_BLOCK[17:]]
    row = {"全国地方公共団体コード": "092053", "ID": "1", "地方公共団体名": "栃木県鹿沼市",
           "名称": "鹿沼市役所", "名称_カナ": "カヌマシヤクショ",
           "所在地_連結表記": "栃木県鹿沼市今宮町1688-1",
           "設置位置": "1階ロビー", "緯度": "36.567", "経度": "139.745"}
    table = _table(tmp_path, header, [[row.get(n, "") for n in header]], "092053_aed.csv")
    assert recognise_standard(table.header) is not None
    found = list(check_standard(table, "07", "092053_aed.csv", "092053"))
    # Only 法人番号 and 団体名, which the current leading block has not, are missing.
    assert [(f.code, f.is_error, f.params["columns"]) for f in found] == [
        ("standard-columns-optional-missing", False, "法人番号、団体名")]
