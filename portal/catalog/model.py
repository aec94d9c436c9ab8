"""Typed, frozen records of catalog.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Status = Literal["published", "withdrawn"]

FREQUENCIES: dict[str, tuple[str, str]] = {
    # id: (ja, en) — ids follow the Dublin Core collection frequency names used by DCAT.
    "daily": ("毎日", "daily"),
    "weekly": ("毎週", "weekly"),
    "monthly": ("毎月", "monthly"),
    "quarterly": ("四半期ごと", "quarterly"),
    "semiannual": ("半年ごと", "every six months"),
    "annual": ("毎年", "yearly"),
    "irregular": ("不定期", "irregular"),
}


@dataclass(frozen=True)
class Text:
    """A text in Japanese and English."""

    ja: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.ja


@dataclass(frozen=True)
class Source:
    title: Text
    url: str | None = None
    license: str | None = None  # free text: the source's own terms


@dataclass(frozen=True)
class Department:
    """A division that publishes data, declared once under ``portal: departments:``."""

    id: str
    name: Text


@dataclass(frozen=True)
class Change:
    """One item of a dataset's change history, written by staff for people to read."""

    date: date
    summary: Text


@dataclass(frozen=True)
class Resource:
    name: str  # slug, unique within its dataset; the primary resource is the first
    path: str  # relative to the catalog's directory, under datasets/<id>/
    format: str  # "csv", "xlsx", "geojson" or "shapefile" (a .shp with sidecars, or a .zip)
    schema: str  # Table Schema path, relative to the catalog's directory
    title: Text | None = None
    # The file as the department handed it over (before `portal new --fix`), under
    # datasets/<id>/; published as the original instead of ``path``.
    original: str | None = None


@dataclass(frozen=True)
class Dataset:
    id: str
    title: Text
    description: Text  # Markdown
    publisher: Text  # the department's name, resolved from ``publisher: <department id>``
    category: str  # id from catalog/categories.py
    tags: tuple[str, ...]
    license: str  # SPDX id from catalog/licenses.py
    issued: date
    modified: date
    frequency: str  # key of FREQUENCIES
    source: Source
    resources: tuple[Resource, ...]
    status: Status = "published"
    withdrawn: date | None = None
    standard: str | None = None  # 自治体標準オープンデータセット type, e.g. "06"
    department: str = ""  # the department id the entry names as its publisher
    changes: tuple[Change, ...] = ()  # oldest first, as written in the catalog
    line: int | None = None  # line of the entry in catalog.yaml, for annotations

    def is_published_on(self, day: date) -> bool:
        """Counted as published on ``day``: issued by then and not yet withdrawn."""
        if self.issued > day:
            return False
        return self.withdrawn is None or day < self.withdrawn


@dataclass(frozen=True)
class Contact:
    name: Text
    email: str
    phone: str
    address: str
    url: str | None = None


@dataclass(frozen=True)
class Portal:
    title: Text
    city: Text
    prefecture: Text
    local_government_code: str  # 6 digits with check digit, e.g. 092053
    publisher: Text
    contact: Contact
    license: str
    description: Text
    generated: tuple[str, ...] = ()  # datasets the build derives from the catalog itself
    department: str = ""  # the portal's own department (publisher of generated datasets)
    departments: tuple[Department, ...] = ()

    def department_name(self, department_id: str) -> Text | None:
        return next((d.name for d in self.departments if d.id == department_id), None)


# A curated data request's status: id → (ja, en). The ids are what catalog.yaml holds.
REQUEST_STATUSES: dict[str, tuple[str, str]] = {
    "received": ("受付", "received"),
    "under-review": ("検討中", "under review"),
    "published": ("公開済み", "published"),
    "declined": ("公開できません", "cannot be published"),
}
ANSWERED_STATUSES = ("published", "declined")


@dataclass(frozen=True)
class DataRequest:
    """A request for data as staff publish it (``requests:``), with the city's answer."""

    id: str
    title: Text  # what was asked for, as staff summarise it (never the sender's contact)
    received: date
    status: str  # key of REQUEST_STATUSES
    dataset: str | None = None  # the dataset that answered it (status published)
    reason: Text | None = None  # why it cannot be published (status declined)
    answered: date | None = None
    note: Text | None = None


# A use's kind: id → (ja, en).
USE_KINDS: dict[str, tuple[str, str]] = {
    "app": ("アプリ", "app"),
    "map": ("地図", "map"),
    "visualisation": ("可視化", "visualisation"),
    "article": ("記事", "article"),
    "research": ("研究", "research"),
    "api-service": ("API サービス", "API service"),
}


@dataclass(frozen=True)
class Use:
    """An app, map, article… made with the portal's data (``uses:``, 利活用事例)."""

    id: str
    title: Text
    kind: str  # key of USE_KINDS
    url: str
    maker: Text
    date: date
    datasets: tuple[str, ...]
    image: str | None = None  # path under uses/, relative to the catalog's directory
    description: Text | None = None


@dataclass(frozen=True)
class Catalog:
    portal: Portal
    datasets: tuple[Dataset, ...]
    path: str = "catalog.yaml"
    # Entries that could not be loaded: (id or "#<index>", findings) — the rest still load.
    broken: tuple[tuple[str, tuple[object, ...]], ...] = field(default_factory=tuple)
    # The resources of broken entries that could be read all the same (id, resources, the
    # entry's standard): their files are checked while staff are still filling in the entry.
    broken_resources: tuple[tuple[str, tuple[Resource, ...], str | None], ...] = field(
        default_factory=tuple)
    requests: tuple[DataRequest, ...] = ()
    uses: tuple[Use, ...] = ()

    def get(self, dataset_id: str) -> Dataset | None:
        return next((d for d in self.datasets if d.id == dataset_id), None)
