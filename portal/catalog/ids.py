"""The dataset id rule: a lowercase ASCII slug, stable forever."""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 64


def is_valid_id(text: str) -> bool:
    return len(text) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(text) is not None

# Ids of the datasets the build generates from the catalog (portal: generated:). They are
# reserved whether or not a catalog turns them on: an entry, `portal new` or `portal import`
# taking one would publish two datasets under one id.
GENERATED_IDS = ("published-dataset-count",)


def is_reserved_id(text: str) -> bool:
    return text in GENERATED_IDS
