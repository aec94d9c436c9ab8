"""JSON that clients write (request bodies, JSON in a query parameter), read strictly in one
place, below every layer that takes it (``api/``, ``query/``).

The standard library's reader takes ``NaN``, ``Infinity`` and ``1e400`` (a float infinity that
later fails ``int()`` with OverflowError) and raises RecursionError on about a thousand nested
``[``: each was a 500. orjson refuses all of these with a ValueError; nesting beyond
``MAX_DEPTH`` is refused too, so no code that walks a client's value recurses deeply.
"""

from __future__ import annotations

from typing import Any

import orjson

MAX_DEPTH = 64  # the site's own callback bodies nest under 10 levels


def read_json(text: str | bytes) -> Any:
    """The value of ``text``; ValueError when it is not strict JSON or nests too deep."""
    value = orjson.loads(text)
    level: list[Any] = [value]
    for _ in range(MAX_DEPTH):
        level = [v for item in level if isinstance(item, list | dict)
                 for v in (item.values() if isinstance(item, dict) else item)]
        if not level:
            return value
    raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels")
