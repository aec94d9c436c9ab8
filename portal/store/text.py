"""The one normalisation of Japanese text for matching: NFKC (full-width ↔ half-width), lowercase,
hiragana → katakana. The catalog search (portal/query/search.py), the rows' full-text table
(portal/publishing/search.py) and its queries (portal/query/fulltext.py) fold both sides with
it, so 郵便, ゆうびん and ﾕｳﾋﾞﾝ find 郵便番号/ユウビン alike."""

from __future__ import annotations

import unicodedata

import jaconv


def fold(text: str) -> str:
    return str(jaconv.hira2kata(unicodedata.normalize("NFKC", text).lower()))
