"""The published build, read-only: resolve the build link once per request, cache per build.

A reader calls ``CurrentBuild.get()`` once per request and uses the ``Build`` it returns for the
whole request, so a request never sees half of one build and half of another.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal.errors import NotFound


@dataclass(frozen=True)
class FileInfo:
    kind: str
    path: str
    media_type: str
    encoding: str | None
    size: int
    sha256: str
    rows: int | None


@dataclass(frozen=True)
class ResourceView:
    name: str
    primary: bool
    rows: int
    schema: dict[str, Any]
    files: tuple[FileInfo, ...]
    title: dict[str, str] | None = None
    sjis_unavailable: str | None = None  # why there is no CP932 file, when there is none
    geo: dict[str, Any] | None = None  # locations: type, bbox, features (publishing/geo.py)
    constant: dict[str, str] | None = None  # columns with one value in every row → the value

    def file(self, kind: str) -> FileInfo | None:
        return next((f for f in self.files if f.kind == kind), None)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f["name"] for f in self.schema.get("fields", []))


@dataclass(frozen=True)
class DatasetView:
    """One manifest entry: catalog metadata as plain data plus what the build produced."""

    meta: dict[str, Any]
    resources: tuple[ResourceView, ...]

    @property
    def id(self) -> str:
        return str(self.meta["id"])

    @property
    def published(self) -> bool:
        return self.meta.get("status", "published") == "published"

    @property
    def primary(self) -> ResourceView:
        return next((r for r in self.resources if r.primary), self.resources[0])

    def resource(self, name: str) -> ResourceView | None:
        return next((r for r in self.resources if r.name == name), None)

    @property
    def located(self) -> ResourceView | None:
        """The resource /datasets/<id>.geojson serves: the primary one when it has locations,
        else the first that has; None when none has."""
        if self.primary.geo is not None:
            return self.primary
        return next((r for r in self.resources if r.geo is not None), None)


@dataclass(frozen=True)
class Build:
    root: Path  # the resolved build directory
    manifest: dict[str, Any]
    datasets: tuple[DatasetView, ...]
    _by_id: dict[str, DatasetView] = field(default_factory=dict, repr=False)

    @property
    def build_id(self) -> str:
        return str(self.manifest["build_id"])

    @property
    def portal(self) -> dict[str, Any]:
        return dict(self.manifest["portal"])

    @property
    def published(self) -> tuple[DatasetView, ...]:
        return tuple(d for d in self.datasets if d.published)

    def dataset(self, dataset_id: str) -> DatasetView | None:
        return self._by_id.get(dataset_id)

    def require(self, dataset_id: str) -> DatasetView:
        found = self._by_id.get(dataset_id)
        if found is None:
            raise NotFound("dataset-not-found", parameter="id", id=dataset_id)
        return found

    def path(self, relative: str) -> Path:
        """Absolute path of a manifest-listed file (callers only pass manifest paths)."""
        return self.root / relative


def _resource(data: dict[str, Any]) -> ResourceView:
    files = tuple(FileInfo(kind=f["kind"], path=f["path"], media_type=f["media_type"],
                           encoding=f.get("encoding"), size=int(f["size"]),
                           sha256=f["sha256"], rows=f.get("rows"))
                  for f in data.get("files", []))
    return ResourceView(name=data["name"], primary=bool(data.get("primary")),
                        rows=int(data.get("rows") or 0), schema=data.get("schema") or {},
                        files=files, title=data.get("title"),
                        sjis_unavailable=data.get("sjis_unavailable"), geo=data.get("geo"),
                        constant=data.get("constant"))


def load_build(root: Path) -> Build:
    """Read ``root/manifest.json`` into a ``Build``."""
    with (root / "manifest.json").open(encoding="utf-8") as handle:
        manifest = json.load(handle)
    datasets = tuple(
        DatasetView(meta={k: v for k, v in entry.items() if k != "resources"},
                    resources=tuple(_resource(r) for r in entry.get("resources", [])))
        for entry in manifest.get("datasets", []))
    return Build(root=root, manifest=manifest, datasets=datasets,
                 _by_id={d.id: d for d in datasets})


class NoBuild(Exception):
    """There is no build to serve yet (``portal build`` has not run)."""


class CurrentBuild:
    """The build the link ``build_dir`` points at now; re-resolved on every ``get()``."""

    def __init__(self, build_dir: Path) -> None:
        self.build_dir = Path(build_dir)
        self._lock = threading.Lock()
        self._cache: dict[str, Build] = {}
        self._linked: tuple[str, Build] | None = None

    def get(self) -> Build:
        # The link's target names a build directory, which never changes once published:
        # reading the link (one system call) finds the cached build without resolving every
        # component of the path (a dozen lstat calls, 40 µs per request).
        try:
            target: str | None = os.readlink(self.build_dir)
        except OSError:  # not a link (a plain directory), or nothing built yet
            target = None
        linked = self._linked
        if target is not None and linked is not None and linked[0] == target:
            return linked[1]
        build = self._resolve()
        if target is not None:
            self._linked = (target, build)
        return build

    def _resolve(self) -> Build:
        try:
            root = Path(os.path.realpath(self.build_dir))
            key = str(root)
            cached = self._cache.get(key)
            if cached is not None:
                return cached
            build = load_build(root)
        except FileNotFoundError:
            raise NoBuild(str(self.build_dir)) from None
        with self._lock:
            # Keep only the newest two builds: requests in flight may still use the older one.
            self._cache = {k: v for k, v in list(self._cache.items())[-1:]}
            self._cache[key] = build
        return build
