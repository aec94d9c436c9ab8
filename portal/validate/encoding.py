"""UTF-8 / UTF-8 with BOM / CP932 detection, strict.

Each candidate is tried as a strict decoder in this order, because a valid UTF-8 byte sequence
is very unlikely to be meaningful CP932 while almost any byte string decodes as some single-byte
code page. CP932, not ``shift_jis``: Excel writes CP932 (①, ㈱, 髙 …), which Python's
``shift_jis`` codec rejects. frictionless/chardet detection is not used: it mistakes short
Shift_JIS files for other encodings.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.validate.report import Finding

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "utf-8-sig", "utf-8" or "cp932"
    newline: str  # "\n", "\r\n", "\r" or "mixed" ("\n" when the file has no line break)


def newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = [name for name, count in (("\r\n", crlf), ("\n", lf), ("\r", cr)) if count]
    if not kinds:
        return "\n"
    return kinds[0] if len(kinds) == 1 else "mixed"


def decode(data: bytes, shown: str) -> tuple[Decoded | None, list[Finding]]:
    """Decode ``data``; on failure a finding naming the first undecodable byte."""
    if not data.strip(BOM + b" \t\r\n"):
        return None, [Finding("file-empty", file=shown)]
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, [Finding("file-binary", file=shown, params={"offset": nul})]
    if data.startswith(BOM):
        try:
            text = data[len(BOM):].decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, [_undecodable(shown, data, exc.start + len(BOM))]
        return Decoded(text, "utf-8-sig", newline_style(text)), []
    try:
        text = data.decode("utf-8")
        return Decoded(text, "utf-8", newline_style(text)), []
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError:
            mixed = _mixed(data, shown)
            return None, [mixed or _undecodable(shown, data, utf8_error.start)]
    mixed = _mixed(data, shown)
    if mixed is not None:
        return None, [mixed]
    return Decoded(text, "cp932", newline_style(text)), [Finding("encoding-cp932", file=shown)]


NAMES = {"utf-8": "UTF-8", "cp932": "Shift_JIS (CP932)"}


def _mixed(data: bytes, shown: str) -> Finding | None:
    """Lines of two encodings in one file: CP932 rows with UTF-8 rows pasted below them (or
    the other way round). UTF-8 Japanese decodes as CP932 without error (東京 → 譚ｱ莠ｬ), so
    the whole file decoding as CP932 proves nothing; each line with non-ASCII bytes is taken
    as UTF-8 when it is valid UTF-8 (CP932 text almost never is) and as CP932 otherwise, and
    the first line whose encoding differs from the first such line's is named. None when
    the file is of one encoding, or holds a line of neither."""
    first: str | None = None
    found: Finding | None = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        kind = _line_encoding(line)
        if kind is None:
            return None  # a line in neither: the file is not of these two encodings
        if first is None:
            first = kind
        elif kind != first and found is None:
            found = Finding("encoding-mixed", file=shown, line=number,
                            params={"encoding": NAMES[first], "other": NAMES[kind]})
    return found


def _line_encoding(line: bytes) -> str | None:
    for encoding in NAMES:
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _undecodable(shown: str, data: bytes, offset: int) -> Finding:
    return Finding("encoding-unsupported", file=shown,
                   params={"offset": offset, "byte": f"{data[offset]:02X}"})
