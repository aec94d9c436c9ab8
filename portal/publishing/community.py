"""The curated data requests and the uses of the catalog, as the build serves them.

Plain data in manifest.json (``requests``, ``uses``), and each use's picture copied into the
build under uses/, so the site serves only what validation checked, from the build it reads.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from portal.catalog.model import Catalog


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def write_community(catalog: Catalog, root: Path, work: Path) -> dict[str, Any]:
    """``{"requests": [...], "uses": [...]}`` for the manifest; copies the uses' images."""
    uses = []
    for use in catalog.uses:
        entry = _plain(asdict(use))
        if use.image is not None:
            name = PurePosixPath(use.image).name
            target = work / "uses" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / use.image, target)
            entry["image"] = f"uses/{name}"
        uses.append(entry)
    return {"requests": [_plain(asdict(r)) for r in catalog.requests], "uses": uses}
