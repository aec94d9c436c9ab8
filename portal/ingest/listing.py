"""The 自治体標準 06 オープンデータ一覧 list → planned catalog entries (pure: no files read).

One row per file; rows sharing an ID are one dataset whose resources are those files, and the
dataset's fields come from its first row. What a list cannot say takes a documented default
(docs/import.md): the city as source, the portal's publisher and licence, and empty English
texts (a warning, never a blocked dataset).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from portal.catalog.categories import CATEGORIES
from portal.catalog.ids import MAX_ID_LENGTH, is_valid_id
from portal.catalog.licenses import LICENSES
from portal.catalog.model import FREQUENCIES
from portal.findings import Finding
from portal.formulas import restore
from portal.messages import reason
from portal.tables.table import Table

REQUIRED_COLUMNS = ("ID", "データ名称", "URL")
TAG_SEPARATORS = re.compile(r"[;；、,，]")
CATEGORY_LABELS = {ja: key for key, (ja, _) in CATEGORIES.items()}
FREQUENCY_LABELS = {ja: key for key, (ja, _) in FREQUENCIES.items()}
LICENSE_LABELS = {lic.ja: key for key, lic in LICENSES.items()}


@dataclass(frozen=True)
class PlannedFile:
    row: int  # the row in the list (its header is row 1)
    url: str  # as written: a path relative to --files, or a URL
    name: str  # the resource name (slug) in the dataset
    problem: Finding | None = None  # a row that names no file: reported, the others go on
    code: str = ""  # the row's 全国地方公共団体コード: names a standard file without its own


@dataclass(frozen=True)
class PlannedDataset:
    list_id: str
    dataset_id: str
    rows: tuple[int, ...]
    entry: dict[str, Any]  # the catalog entry without `resources`
    files: tuple[PlannedFile, ...]
    findings: tuple[Finding, ...] = ()  # errors here mean nothing is written
    notes: tuple[Finding, ...] = field(default_factory=tuple)  # warnings (e.g. a derived id)

    @property
    def blocked(self) -> bool:
        return any(f.is_error for f in self.findings)


def slug(text: str) -> str:
    """A lowercase ASCII slug of ``text``; empty when nothing ASCII is left."""
    plain = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:MAX_ID_LENGTH].strip("-")


def file_stem(url: str) -> str:
    """The file name's stem of a URL or relative path (``…/a/b.csv`` → ``b``)."""
    path = unquote(urlsplit(url).path) if "://" in url else url.replace("\\", "/")
    return PurePosixPath(path).stem


def derive_id(list_id: str, url: str, row: int) -> str:
    """The list's ID when it is a valid dataset id; else its slug; else the file name's
    slug; else ``ds-<digits of the list's ID>`` or ``ds-row<row>``."""
    if is_valid_id(list_id):
        return list_id
    for candidate in (slug(list_id), slug(file_stem(url))):
        if candidate and is_valid_id(candidate):
            return candidate
    digits = "".join(c for c in unicodedata.normalize("NFKC", list_id) if c.isascii()
                     and c.isdigit())
    return f"ds-{digits}" if digits else f"ds-row{row}"


def _unique(candidate: str, taken: set[str]) -> str:
    name, n = candidate, 2
    while name in taken:
        name = f"{candidate[:MAX_ID_LENGTH - 4]}-{n}"
        n += 1
    taken.add(name)
    return name


def _date(value: str) -> date | None:
    text = unicodedata.normalize("NFKC", value).strip()
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?", text)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _loose(text: str) -> str:
    return re.sub(r"[\s\-_.・]", "", unicodedata.normalize("NFKC", text)).lower()


class _Row:
    """One list row: cells by column name, and the findings about it."""

    def __init__(self, number: int, cells: Mapping[str, str], shown: str) -> None:
        self.number, self.cells, self.shown = number, cells, shown
        self.findings: list[Finding] = []

    def get(self, column: str) -> str:
        # /catalog.csv quotes a cell Excel would run (a description starting "- "): undone.
        return restore(self.cells.get(column, "")).strip()

    def label(self, column: str, labels: Mapping[str, str], default: str = "") -> str:
        value = self.get(column)
        if not value:
            return default
        # The label, or the id itself ("annual", "CC-BY-4.0"), compared without width,
        # case, spaces or punctuation: "CC BY 4.0" and "ＣＣ－ＢＹ－４．０" are CC-BY-4.0.
        wanted = _loose(value)
        for label, key in labels.items():
            if wanted in (_loose(label), _loose(key)):
                return key
        self.findings.append(Finding("import-label-unknown", file=self.shown, row=self.number,
                                     column=column, value=value,
                                     params={"allowed": "、".join(labels)}))
        return ""

    def day(self, column: str) -> date | None:
        value = self.get(column)
        if not value:
            return None
        parsed = _date(value)
        if parsed is None:
            self.findings.append(Finding(
                "import-value-invalid", file=self.shown, row=self.number, column=column,
                value=value, params={"reason": reason("list-date")}))
        return parsed


def _entry(row: _Row, dataset_id: str, portal: Mapping[str, Any]) -> dict[str, Any]:
    license_id = row.label("ライセンス", LICENSE_LABELS, str(portal["license"]))
    # An empty date stays None: the importer keeps an existing entry's date, else uses
    # today (公開日) and 公開日 (最終更新日), so a rerun on a later day changes nothing.
    issued = row.day("公開日")
    modified = row.day("最終更新日")
    if issued is not None and modified is not None and modified < issued:
        row.findings.append(Finding(
            "import-value-invalid", file=row.shown, row=row.number, column="最終更新日",
            value=row.get("最終更新日"),
            params={"reason": reason("list-before-issued")}))
    publisher = _publisher(row, portal)
    city = portal["city"]
    return {
        "id": dataset_id,
        "title": {"ja": row.get("データ名称"), "en": row.get("データ名称_英語")},
        "description": {"ja": row.get("概要"), "en": row.get("概要_英語")},
        "publisher": publisher,
        "category": row.label("分類", CATEGORY_LABELS),
        "tags": [t.strip() for t in TAG_SEPARATORS.split(row.get("キーワード")) if t.strip()],
        "license": license_id,
        "issued": issued,
        "modified": modified,
        "frequency": row.label("更新頻度", FREQUENCY_LABELS),
        "source": {"title": {"ja": city["ja"], "en": city["en"]},
                   "license": f"{city['ja']}(本データの公開者と同一)"},
    }


def _publisher(row: _Row, portal: Mapping[str, Any]) -> Any:
    """公開部署 as catalog.yaml names a publisher: a department's id where the portal lists
    its departments (`portal: departments:`), else a {ja, en} text; empty → the portal's."""
    department = row.get("公開部署")
    default = portal["publisher"]
    if isinstance(default, str):  # publishers are ids of portal: departments
        names = {str(d["ja"]): str(d["id"]) for d in portal.get("departments") or []
                 if isinstance(d, Mapping) and "id" in d and "ja" in d}
        return row.label("公開部署", names, default) if department else default
    if department:
        return {"ja": department, "en": ""}
    return {"ja": default["ja"], "en": default["en"]}


def missing_columns(header: tuple[str, ...]) -> list[str]:
    names = {unicodedata.normalize("NFKC", h).strip() for h in header}
    return [c for c in REQUIRED_COLUMNS if c not in names]


def plan_list(table: Table, portal: Mapping[str, Any]) -> list[PlannedDataset]:
    """Group the rows of ``table`` by ID into planned datasets, in the list's order."""
    header = [unicodedata.normalize("NFKC", h).strip() for h in table.header]
    groups: dict[str, list[_Row]] = {}
    for index, values in enumerate(table.cells.itertuples(index=False, name=None)):
        number = index + 2
        if not any(str(v).strip() for v in values):
            continue  # a blank line in the list
        row = _Row(number, dict(zip(header, values, strict=False)), table.file)
        key = row.get("ID") or f"#row{number}"
        groups.setdefault(key, []).append(row)
    taken: set[str] = set()
    planned = []
    for rows in groups.values():
        first = rows[0]
        list_id = first.get("ID")
        wanted = derive_id(list_id, first.get("URL"), first.number)
        dataset_id = _unique(wanted, taken)
        notes = []
        if dataset_id != list_id:
            notes.append(Finding("import-id-derived", file=table.file, row=first.number,
                                 column="ID", value=list_id, params={"entry": dataset_id}))
        entry = _entry(first, dataset_id, portal)
        names: set[str] = set()
        files = []
        for row in rows:
            url = row.get("URL")
            problem = None if url else Finding(
                "import-value-invalid", file=table.file, row=row.number, column="URL", value="",
                params={"reason": reason("list-file-needed")})
            name = slug(file_stem(url)) or "data"
            files.append(PlannedFile(row.number, url, _unique(name, names), problem,
                                     row.get("全国地方公共団体コード")))
        findings = tuple(f for row in rows for f in row.findings)
        planned.append(PlannedDataset(list_id, dataset_id, tuple(r.number for r in rows),
                                      entry, tuple(files), findings, tuple(notes)))
    return planned
