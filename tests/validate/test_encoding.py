"""Encoding detection: UTF-8, UTF-8 with BOM and CP932 are read; anything else is a finding."""

from __future__ import annotations

from pathlib import Path

from portal.validate.encoding import decode, newline_style
from portal.validate.read import read_table
from portal.validate.report import Finding


def _codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_utf8_with_lf_is_read_without_findings(tmp_path: Path) -> None:
    path = tmp_path / "utf8_lf.csv"
    path.write_bytes("地区,人口\n北部,100\n".encode())
    table, findings = read_table(path, "utf8_lf.csv", "csv")
    assert findings == []
    assert table is not None
    assert (table.encoding, table.newline) == ("utf-8", "\n")
    assert table.header == ("地区", "人口")
    assert table.cells.values.tolist() == [["北部", "100"]]


def test_utf8_with_bom_strips_the_bom_from_the_first_header(tmp_path: Path) -> None:
    path = tmp_path / "utf8_bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "地区,人口\r\n北部,100\r\n".encode())
    table, findings = read_table(path, "utf8_bom.csv", "csv")
    assert findings == []
    assert table is not None
    assert (table.encoding, table.newline) == ("utf-8-sig", "\r\n")
    assert table.header == ("地区", "人口")


def test_cp932_with_crlf_keeps_the_vendor_characters(tmp_path: Path) -> None:
    text = "番号,名称,代表者\r\n①,㈱鹿沼商事,髙橋\r\n"
    data = text.encode("cp932")
    path = tmp_path / "cp932_crlf.csv"
    path.write_bytes(data)
    decoded, findings = decode(data, "cp932_crlf.csv")
    assert findings == [Finding("encoding-cp932", file="cp932_crlf.csv")]
    assert decoded is not None
    assert (decoded.text, decoded.encoding, decoded.newline) == (text, "cp932", "\r\n")
    table, read_findings = read_table(path, "cp932_crlf.csv", "csv")
    assert _codes(read_findings) == ["encoding-cp932"]
    assert table is not None
    assert (table.encoding, table.newline) == ("cp932", "\r\n")
    assert table.cells.values.tolist() == [["①", "㈱鹿沼商事", "髙橋"]]


def test_latin1_is_unsupported_and_names_the_first_bad_byte() -> None:
    data = "name\nCafé Müller\n".encode("latin-1")
    assert data[8] == 0xE9
    decoded, findings = decode(data, "latin1.csv")
    assert decoded is None
    assert findings == [Finding("encoding-unsupported", file="latin1.csv",
                                params={"offset": 8, "byte": "E9"})]
    assert findings[0].message("en") == (
        "File latin1.csv is neither UTF-8 nor Shift_JIS (CP932): byte 0xE9 at offset 8 "
        "cannot be decoded.")


def test_bad_byte_after_a_bom_is_counted_from_the_start_of_the_file() -> None:
    data = b"\xef\xbb\xbf" + "name\nCafé\n".encode("latin-1")
    decoded, findings = decode(data, "bom_latin1.csv")
    assert decoded is None
    assert findings == [Finding("encoding-unsupported", file="bom_latin1.csv",
                                params={"offset": 11, "byte": "E9"})]


def test_empty_file_is_file_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert read_table(path, "empty.csv", "csv") == (None, [Finding("file-empty",
                                                                   file="empty.csv")])


def test_bom_and_blank_lines_only_is_file_empty() -> None:
    assert decode(b"\xef\xbb\xbf \r\n\n", "blank.csv") == (
        None, [Finding("file-empty", file="blank.csv")])


def test_nul_byte_is_file_binary_with_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "nul_byte.csv"
    path.write_bytes(b"a,b\n1,\x002\n")
    assert read_table(path, "nul_byte.csv", "csv") == (
        None, [Finding("file-binary", file="nul_byte.csv", params={"offset": 6})])


def test_missing_file_is_file_missing(tmp_path: Path) -> None:
    assert read_table(tmp_path / "absent.csv", "absent.csv", "csv") == (
        None, [Finding("file-missing", file="absent.csv")])


def test_newline_styles() -> None:
    assert newline_style("a\nb\n") == "\n"
    assert newline_style("a\r\nb\r\n") == "\r\n"
    assert newline_style("a\rb\r") == "\r"
    assert newline_style("a\r\nb\n") == "mixed"
    assert newline_style("a,b") == "\n"


def test_mixed_newlines_are_reported_as_mixed(tmp_path: Path) -> None:
    path = tmp_path / "mixed_newlines.csv"
    path.write_bytes(b"a,b\r\n1,2\n3,4\r\n")
    table, findings = read_table(path, "mixed_newlines.csv", "csv")
    assert findings == []
    assert table is not None
    assert table.newline == "mixed"
    assert table.cells.values.tolist() == [["1", "2"], ["3", "4"]]
