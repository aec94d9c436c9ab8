"""A dataset's change history from git, when the catalog lives in a work tree."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any


def git_history(root: Path, dataset_id: str, limit: int = 20) -> list[dict[str, Any]] | None:
    """Newest first: [{"date", "summary"}]; None when git or the work tree is not there."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "log", f"-{limit}", "--format=%cs%x09%s", "--",
             f"datasets/{dataset_id}"],
            capture_output=True, text=True, check=False, timeout=20)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    entries = []
    for line in done.stdout.splitlines():
        day, _, summary = line.partition("\t")
        entries.append({"date": day, "summary": summary})
    return entries or None
