"""Whether a file the catalog names may be read at all.

A pull request controls what sits in ``datasets/``, symlinks included: a resource whose
``original:`` is a symlink to ``/etc/passwd`` would be copied into the build and served, and
one whose ``path:`` is such a link would have its lines quoted in validation findings, which
reach CI logs and pull-request annotations. ``catalog/load.py`` keeps every named path under
``datasets/<id>/`` as text (relative, no ``..``); with no symbolic link on the way from the
catalog's folder to the file, the file system cannot take it anywhere else. Validation and
the build both ask before they open a file.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def linked_part(root: Path, relative: str) -> str | None:
    """The first part of ``relative`` (itself, or a folder on the way) that is a symbolic
    link under ``root``, as a path relative to ``root``; None when there is none."""
    current = root
    walked: list[str] = []
    for part in PurePosixPath(relative).parts:
        current = current / part
        walked.append(part)
        if current.is_symlink():
            return "/".join(walked)
        if not current.exists():
            return None
    return None
