"""The dataset id rule: a lowercase ASCII slug, stable forever."""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 64


def is_valid_id(text: str) -> bool:
    return len(text) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(text) is not None
