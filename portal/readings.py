"""What search matches besides the words of an entry: the readings (kana) of its Japanese title
and tags, and the words inside the data of a small table. Computed once by the build, kept in
the manifest, so a search never runs the reading dictionary.

Readings come from pykakasi's dictionary (pure Python, its dictionary inside the package, so
the build needs nothing installed beside it): 避難所 → ひなんじょ, 郵便番号 → ゆうびんばんごう.
A reading is one guess for the whole word (町 is read まち, not ちょう): enough for a resident
who types what they hear, and the written word still matches as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

MAX_TABLE_ROWS = 2_000  # a table with more rows keeps its words to itself (too big to index)
MAX_CELL_CHARS = 100_000  # at most this much of a dataset's cell text is indexed
MAX_CELL_LENGTH = 200  # a longer cell (a paragraph) is not a word anyone searches for


@lru_cache(maxsize=1)
def _kakasi() -> Any:
    import pykakasi  # a dictionary of a few MB: loaded by the build only, once

    return pykakasi.kakasi()


def reading(text: str) -> str:
    """The hiragana reading of ``text``, its parts run together (so a word read across two
    parts, していひなんじょ, still contains ひなんじょ); kana and Latin letters as written."""
    return "".join(part["hira"] for part in _kakasi().convert(text)).strip()


def readings(title: str, tags: Sequence[str]) -> str:
    """The readings of a title and its tags, one per line."""
    return "\n".join(reading(text) for text in (title, *tags) if text.strip())


def cell_words(columns: Iterable[Sequence[str]], rows: int) -> str:
    """The distinct short text cells of a table of at most ``MAX_TABLE_ROWS`` rows, in order of
    first appearance, one per line, at most ``MAX_CELL_CHARS`` characters in all."""
    if rows > MAX_TABLE_ROWS:
        return ""
    seen: dict[str, None] = {}
    size = 0
    for column in columns:
        for cell in column:
            text = cell.strip()
            if not text or len(text) > MAX_CELL_LENGTH or text in seen:
                continue
            if size + len(text) + 1 > MAX_CELL_CHARS:
                return "\n".join(seen)
            seen[text] = None
            size += len(text) + 1
    return "\n".join(seen)
