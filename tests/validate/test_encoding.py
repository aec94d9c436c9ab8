"""Encodings: UTF-8, UTF-8 with BOM and CP932 are read; anything else is named with its byte."""

from pathlib import Path

from portal.validate.encoding import decode
from portal.validate.read import read_table

TEXT = "名称,人数\r\n髙橋①㈱,3\r\n"


def test_utf8_without_bom() -> None:
    decoded, findings = decode(TEXT.encode("utf-8"), "a.csv")
    assert decoded is not None and findings == []
    assert (decoded.encoding, decoded.newline) == ("utf-8", "\r\n")


def test_utf8_with_bom_drops_the_bom() -> None:
    decoded, findings = decode(("\ufeff" + TEXT).encode("utf-8"), "a.csv")
    assert decoded is not None and findings == []
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text.startswith("名称")


def test_cp932_from_excel_is_read_with_its_extra_characters_and_reported() -> None:
    decoded, findings = decode(TEXT.encode("cp932"), "a.csv")
    assert decoded is not None
    assert decoded.encoding == "cp932"
    assert "髙橋①㈱" in decoded.text
    assert [(f.code, f.severity, f.rule) for f in findings] == [
        ("encoding-cp932", "warning", "L1-04")]


def test_latin1_is_rejected_with_the_offset_of_the_first_bad_byte() -> None:
    decoded, findings = decode("name\ncafé\n".encode("latin-1"), "a.csv")
    assert decoded is None
    (finding,) = findings
    assert finding.code == "encoding-unsupported"
    assert finding.params == {"offset": 8, "byte": "E9"}
    assert "0xE9" in finding.message("en") and "8" in finding.message("en")


def test_empty_and_binary_files() -> None:
    assert [f.code for f in decode(b"\xef\xbb\xbf\r\n", "a.csv")[1]] == ["file-empty"]
    assert [(f.code, f.params) for f in decode(b"a,b\n\x00\x01", "a.csv")[1]] == [
        ("file-binary", {"offset": 4})]


def test_mixed_newlines_are_named() -> None:
    decoded, _ = decode(b"a\r\nb\nc\n", "a.csv")
    assert decoded is not None and decoded.newline == "mixed"


def test_a_missing_file_is_a_finding(tmp_path: Path) -> None:
    table, findings = read_table(tmp_path / "nope.csv", "datasets/x/nope.csv", "csv")
    assert table is None
    assert [(f.code, f.file) for f in findings] == [("file-missing", "datasets/x/nope.csv")]


def test_rows_map_to_physical_lines_when_a_cell_holds_a_line_break(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes('名称,人数\r\n"鹿沼\r\n市",3\r\n今宮,4\r\n'.encode("cp932"))
    table, _ = read_table(path, "a.csv", "csv")
    assert table is not None
    assert table.cells.values.tolist() == [["鹿沼\r\n市", "3"], ["今宮", "4"]]
    assert [table.line_of_row(2), table.line_of_row(3)] == [2, 4]
