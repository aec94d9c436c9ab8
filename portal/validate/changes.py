"""`--changed-since REF`: the datasets whose catalog entry or files differ from a git ref."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from portal.catalog.yaml_lines import YAMLError
from portal.catalog.yaml_lines import load as load_yaml
from portal.errors import UsageError


def _git(repo: Path, *args: str) -> str:
    # core.quotePath=false: git would otherwise print Japanese file names as quoted octal.
    done = subprocess.run(["git", "-C", str(repo), "-c", "core.quotePath=false", *args],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)
    return done.stdout


def _entries(text: str) -> dict[str, str]:
    """Each entry of a catalog text as canonical JSON, by id (unparsable text: no entries)."""
    try:
        root = load_yaml(text)
    except YAMLError:
        return {}
    entries = root.get("datasets") if isinstance(root, Mapping) else None
    found: dict[str, str] = {}
    for node in entries or []:
        if isinstance(node, Mapping) and isinstance(node.get("id"), str):
            found[node["id"]] = json.dumps(node, sort_keys=True, default=str, ensure_ascii=False)
    return found


def _entry_text(catalog_path: Path) -> Any:
    return catalog_path.read_text(encoding="utf-8")


def changed_datasets(catalog_path: Path, ref: str) -> set[str]:
    catalog_path = catalog_path.resolve()
    repo_dir = catalog_path.parent
    try:
        top = Path(_git(repo_dir, "rev-parse", "--show-toplevel").strip())
        _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        reason = getattr(exc, "stderr", "") or str(exc)
        raise UsageError("git-ref-unknown", parameter="--changed-since", ref=ref,
                         reason=reason.strip() or "not a commit") from None
    relative_catalog = catalog_path.relative_to(top).as_posix()
    base = PurePosixPath(relative_catalog).parent
    names = _git(top, "diff", "--name-only", ref, "--").splitlines()
    names += _git(top, "ls-files", "--others", "--exclude-standard").splitlines()
    changed: set[str] = set()
    for name in names:
        path = PurePosixPath(name)
        if base.parts and not path.is_relative_to(base):
            continue  # outside the catalog's folder: not a dataset file
        parts = path.relative_to(base).parts if base.parts else path.parts
        if len(parts) >= 2 and parts[0] == "datasets":
            changed.add(parts[1])
    try:
        before = _entries(_git(top, "show", f"{ref}:{relative_catalog}"))
    except subprocess.CalledProcessError:
        before = {}
    now = _entries(_entry_text(catalog_path))
    changed |= {dataset_id for dataset_id, text in now.items() if before.get(dataset_id) != text}
    return {dataset_id for dataset_id in changed if dataset_id in now}
