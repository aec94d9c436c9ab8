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
            return None, [_undecodable(shown, data, utf8_error.start)]
    return Decoded(text, "cp932", newline_style(text)), [Finding("encoding-cp932", file=shown)]


def _undecodable(shown: str, data: bytes, offset: int) -> Finding:
    return Finding("encoding-unsupported", file=shown,
                   params={"offset": offset, "byte": f"{data[offset]:02X}"})
