"""`--changed-since REF`: the datasets whose catalog entry or files differ from a git ref."""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from portal.catalog.yaml_lines import YAMLError
from portal.catalog.yaml_lines import compose as compose_yaml
from portal.errors import UsageError


def _git(repo: Path, *args: str) -> str:
    # core.quotePath=false: git would otherwise print Japanese file names as quoted octal.
    done = subprocess.run(["git", "-C", str(repo), "-c", "core.quotePath=false", *args],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)
    return done.stdout


# Spellings of one value: `glossary:` in a flow mapping and `glossary: null` after ruamel wrote
# the file back are the same content, so the entry is not changed.
_NULL, _BOOL = "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"


def _scalar(node: ScalarNode) -> object:
    if node.tag == _NULL:
        return (_NULL, None)
    if node.tag == _BOOL:
        return (_BOOL, node.value.lower())
    return (node.tag, node.value)


def _canonical(node: Node) -> object:
    """A node's content without its layout or comments: tags and values, keys in order."""
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return tuple(_canonical(child) for child in node.value)
    return tuple(sorted((repr(_canonical(key)), _canonical(value)) for key, value in node.value))


def _fingerprint(node: Node) -> object:
    try:
        return _canonical(node)
    except RecursionError:  # a self-referencing alias: never equal, so always checked
        return object()


def _entries(text: str) -> tuple[object, dict[str, list[object]]]:
    """The portal section's content and each entry's, by id (unparsable text: nothing).

    The YAML is only composed, not turned into Python objects (the slow part on a catalog of
    a thousand entries); comments and layout are not content, so they change nothing.
    """
    try:
        root = compose_yaml(text)
    except YAMLError:
        return None, {}
    if not isinstance(root, MappingNode):
        return None, {}
    sections = {key.value: value for key, value in root.value if isinstance(key, ScalarNode)}
    portal = sections.get("portal")
    found: dict[str, list[object]] = {}
    entries = sections.get("datasets")
    for index, node in enumerate(entries.value if isinstance(entries, SequenceNode) else []):
        ids = [value.value for key, value in node.value
               if isinstance(key, ScalarNode) and key.value == "id"
               and isinstance(value, ScalarNode) and value.tag.endswith(":str")] \
            if isinstance(node, MappingNode) else []
        # An entry without an id is labelled by its position, as the catalog loader labels it;
        # an id used twice is one label whose entries are compared together.
        found.setdefault(ids[0] if ids else f"#{index + 1}", []).append(_fingerprint(node))
    return (_fingerprint(portal) if portal is not None else None), dict(found)


def _entry_text(catalog_path: Path) -> Any:
    return catalog_path.read_text(encoding="utf-8")


def changed_datasets(catalog_path: Path, ref: str) -> set[str]:
    """Ids whose entry or files differ from ``ref``; may name ids the catalog no longer has."""
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
        text_before: str | None = _git(top, "show", f"{ref}:{relative_catalog}")
    except subprocess.CalledProcessError:
        text_before = None
    text_now = _entry_text(catalog_path)
    if text_now == text_before:
        # The usual pull request changes data files only: no entry to compare, and the
        # caller keeps only the ids its catalog has.
        return changed
    portal_now, now = _entries(text_now)
    portal_before, before = _entries(text_before) if text_before is not None else (None, {})
    if portal_now != portal_before:
        # The portal section (local government code, default licence) applies to every entry.
        return set(now)
    changed |= {dataset_id for dataset_id, text in now.items() if before.get(dataset_id) != text}
    return {dataset_id for dataset_id in changed if dataset_id in now}
