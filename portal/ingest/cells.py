"""Reading one cell the way a person would: full-width forms, separators, units, 和暦 dates.

Pure functions of one string; ``fixes`` applies them to whole columns.
"""

from __future__ import annotations

import re
from datetime import date

# Full-width digits, signs and the ideographic space only: NFKC would also turn ㎡ into "m2".
HALF = str.maketrans("０１２３４５６７８９，．－＋　", "0123456789,.-+ ")
FULLWIDTH = re.compile(r"[０-９，．－＋　]")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
INTEGER = re.compile(r"[+-]?\d+")
THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
WITH_UNIT = re.compile(r"([+-]?\d[\d,]*(?:\.\d+)?)\s*([^\d\s.,+\-]{1,6})")
# A yen sign before the number is the unit 円 (¥100 → 100, column 料金(円)).
YEN = re.compile(r"[¥￥]\s*([+-]?\d[\d,]*(?:\.\d+)?)")
# Units taken out of numbers; anything else after a number (50代, 3丁目) is not a unit.
UNITS = frozenset((
    "円", "千円", "万円", "百万円", "億円", "人", "千人", "世帯", "戸", "件", "個", "台", "回", "日",
    "時間", "分", "秒", "年", "か月", "ヶ月", "ヵ月", "歳", "才", "%", "％", "‰", "㎡", "㎢", "m2",
    "km2", "ha", "a", "m", "km", "cm", "mm", "kg", "g", "t", "トン", "L", "ℓ", "ml", "本", "棟",
    "校", "箇所", "か所", "ヵ所", "床", "席", "頭", "羽", "匹", "枚", "冊", "軒", "社", "店", "園",
    "施設", "km/h", "℃"))
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018,
        "M": 1867, "T": 1911, "S": 1925, "H": 1988, "R": 2018}
WAREKI = re.compile(r"(明治|大正|昭和|平成|令和|[MTSHR])\s*\.?\s*(\d{1,2}|元)\s*[年./\-]\s*"
                    r"(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?", re.IGNORECASE)
WESTERN = re.compile(r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def half_width(value: str) -> str:
    return value.translate(HALF).strip()


def number_text(value: str) -> tuple[str, str] | None:
    """(the number as plain text, its unit or "") when ``value`` is a number, else None."""
    text = half_width(value)
    if PLAIN_NUMBER.fullmatch(text):
        return text, ""
    if THOUSANDS.fullmatch(text):
        return text.replace(",", ""), ""
    yen = YEN.fullmatch(text)
    if yen:
        digits = yen.group(1)
        if "," in digits and not THOUSANDS.fullmatch(digits):
            return None
        return digits.replace(",", ""), "円"
    match = WITH_UNIT.fullmatch(text)
    if match:
        digits = match.group(1)
        if ("," in digits and not THOUSANDS.fullmatch(digits)) or match.group(2) not in UNITS:
            return None
        return digits.replace(",", ""), match.group(2)
    return None


def looks_like_date(value: str) -> bool:
    text = half_width(value)
    return bool(WAREKI.match(text) or WESTERN.match(text))


def iso_date(value: str) -> str | None:
    """``value`` as YYYY-MM-DD when it is one whole, valid date; None otherwise."""
    text = half_width(value)
    if ISO.fullmatch(text):
        year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    elif (match := WAREKI.fullmatch(text)) is not None:
        era = match.group(1)
        offset = ERAS.get(era) or ERAS.get(era.upper())
        if offset is None:
            return None
        year = offset + (1 if match.group(2) == "元" else int(match.group(2)))
        month, day = int(match.group(3)), int(match.group(4))
    elif (match := WESTERN.fullmatch(text)) is not None:
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
