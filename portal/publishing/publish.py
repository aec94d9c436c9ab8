"""One atomic swap: ``out`` is a symlink to a complete build directory in ``out.builds/``.

A new build is written into a fresh directory, synced, then a temporary link to it is renamed
over ``out``: rename(2) replaces the link in one step, so readers and a build killed at any
moment see either the old build or the new one, never a mix.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

KEEP = 2  # requests in flight may still be reading the previous build


class NotABuildLink(Exception):
    """``out`` exists and is a real directory or file that a build did not make."""


def builds_dir(out: Path) -> Path:
    return out.with_name(out.name + ".builds")


def previous_build(out: Path) -> Path | None:
    if out.is_symlink() and out.resolve().is_dir():
        return out.resolve()
    return None


def new_build_dir(out: Path, build_id: str) -> Path:
    if out.exists() and not out.is_symlink():
        raise NotABuildLink(str(out))
    parent = builds_dir(out)
    parent.mkdir(parents=True, exist_ok=True)
    target = parent / f".incomplete-{build_id}"
    target.mkdir()
    return target


def _fsync_tree(root: Path) -> None:
    for directory, _, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(directory, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def publish(out: Path, incomplete: Path, build_id: str) -> Path:
    """Make ``incomplete`` the build ``out`` points at; returns the final directory."""
    _fsync_tree(incomplete)
    final = incomplete.with_name(build_id)
    os.rename(incomplete, final)
    link = out.with_name(f".{out.name}.link-{build_id}")
    relative = os.path.relpath(final, out.parent)
    os.symlink(relative, link)
    os.replace(link, out)
    fd = os.open(out.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    prune(out)
    return final


def prune(out: Path) -> None:
    """Remove all but the newest KEEP builds and any leftovers of killed builds."""
    parent = builds_dir(out)
    current = out.resolve()
    complete = sorted((p for p in parent.iterdir() if p.is_dir()
                       and not p.name.startswith(".")), key=lambda p: p.name)
    for stale in complete[:-KEEP]:
        if stale != current:
            shutil.rmtree(stale, ignore_errors=True)
    for leftover in parent.glob(".incomplete-*"):
        shutil.rmtree(leftover, ignore_errors=True)
