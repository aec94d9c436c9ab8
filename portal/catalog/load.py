"""catalog.yaml → typed records, with a finding per malformed entry.

The YAML is read by ``yaml_lines`` (rather than frictionless' catalog loader, whose own
``catalog.yaml`` format collides with ours): libyaml's speed, with the line of every key and
item kept for annotations. ``portal new`` writes the file back with ruamel, keeping comments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from portal.catalog.categories import CATEGORIES
from portal.catalog.ids import GENERATED_IDS, is_reserved_id, is_valid_id
from portal.catalog.keys import CATALOG, DATASET, unknown_keys
from portal.catalog.licenses import LICENSES
from portal.catalog.model import (
    FREQUENCIES,
    Catalog,
    Change,
    Contact,
    Dataset,
    Department,
    Portal,
    Resource,
    Source,
    Text,
)
from portal.catalog.yaml_lines import YAMLError
from portal.catalog.yaml_lines import load as load_yaml
from portal.findings import Finding
from portal.messages import reason

REQUIRED_FIELDS = ("id", "title", "description", "publisher", "category", "license", "issued",
                   "modified", "frequency", "source", "resources")
RESOURCE_FORMATS = {"csv", "xlsx", "geojson", "shapefile"}
GENERATED_DATASETS = set(GENERATED_IDS)


class EntryError(Exception):
    """One problem in one catalog entry; collected into findings, never escapes this module."""

    def __init__(self, code: str, field: str, line: int | None, **params: Any) -> None:
        super().__init__(code)
        self.code, self.field, self.line, self.params = code, field, line, params


def _line(node: Any, key: str | int | None = None) -> int | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return int(lc.line) + 1
        return int(lc.key(key)[0]) + 1 if isinstance(key, str) else int(lc.item(key)[0]) + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return int(lc.line) + 1


def read_yaml(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"))


def _text(node: Any, field: str, line: int | None, *, required_en: bool = True,
          en_optional: bool = False) -> Text:
    """``{ja, en}``. With ``en_optional`` a missing English text is no error here: the entry
    still publishes, and ``english_missing`` reports it as a warning."""
    if isinstance(node, str):
        if required_en:
            raise EntryError("catalog-field-invalid", field, line,
                             reason=reason("needs-ja-and-en"))
        return Text(node, "")
    if not isinstance(node, Mapping) or not isinstance(node.get("ja"), str):
        raise EntryError("catalog-field-invalid", field, line,
                         reason=reason("expected-ja-en-mapping"))
    en = node.get("en")
    if required_en and not en_optional and not (isinstance(en, str) and en.strip()):
        raise EntryError("catalog-field-invalid", field, line,
                         reason=reason("english-missing"))
    if not node["ja"].strip():
        raise EntryError("catalog-field-invalid", field, line,
                         reason=reason("japanese-empty"))
    return Text(node["ja"].strip(), (en or "").strip())


def _date(value: Any, field: str, line: int | None) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise EntryError("catalog-field-invalid", field, line,
                                 reason=reason("no-such-date", value=f"{value} ({exc})")) from None
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
    raise EntryError("catalog-field-invalid", field, line,
                     reason=reason("expected-iso-date", shown=shown))


def _url(value: Any, field: str, line: int | None) -> str | None:
    """An optional link the site and the APIs serve as is: only a web address (http or
    https, with a host) — never ``javascript:`` or ``data:``, which a page would run."""
    if value is None:
        return None
    try:
        parts = urlsplit(value.strip()) if isinstance(value, str) else None
    except ValueError:  # e.g. an unclosed [ of an IPv6 host
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise EntryError("catalog-url-invalid", field, line, value=repr(value)[:200])
    return str(value).strip()


def _choice(value: Any, allowed: Mapping[str, Any] | set[str], field: str,
            line: int | None) -> str:
    if not isinstance(value, str) or value not in allowed:
        options = ", ".join(sorted(allowed))
        raise EntryError("catalog-field-invalid", field, line,
                         reason=reason("not-one-of", value=repr(value)[:80], options=options))
    return value


def _resources(node: Any, dataset_id: str, line: int | None) -> tuple[Resource, ...]:
    if not isinstance(node, list) or not node:
        raise EntryError("catalog-field-invalid", "resources", line,
                         reason=reason("resource-needed"))
    resources: list[Resource] = []
    names: set[str] = set()
    for index, item in enumerate(node):
        where = f"resources[{index}]"
        item_line = _line(node, index) or line
        if not isinstance(item, Mapping):
            raise EntryError("catalog-field-invalid", where, item_line,
                             reason=reason("expected-resource-mapping"))
        for key in ("name", "path", "format", "schema"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise EntryError("catalog-field-missing", f"{where}.{key}", item_line)
        name = item["name"]
        if not is_valid_id(name) or name in names:
            raise EntryError("catalog-field-invalid", f"{where}.name", item_line,
                             reason=reason("resource-name", name=repr(name)[:80]))
        names.add(name)
        fmt = _choice(item["format"], RESOURCE_FORMATS, f"{where}.format", item_line)
        original = item.get("original")
        if original is not None and (not isinstance(original, str) or not original.strip()):
            raise EntryError("catalog-field-invalid", f"{where}.original", item_line,
                             reason=reason("expected-file-path"))
        for key in ("path", "schema") + (("original",) if original is not None else ()):
            posix = PurePosixPath(item[key])
            if posix.is_absolute() or ".." in posix.parts or posix.parts[:2] != (
                    "datasets", dataset_id):
                raise EntryError("catalog-field-invalid", f"{where}.{key}", item_line,
                                 reason=reason("outside-dataset-folder", path=repr(item[key])[:200],
                                                dataset=dataset_id))
        title = item.get("title")
        resources.append(Resource(
            name=name, path=item["path"], format=fmt, schema=item["schema"],
            title=_text(title, f"{where}.title", item_line, en_optional=True)
            if title is not None else None,
            original=original))
    return tuple(resources)


def _source(node: Any, line: int | None) -> Source:
    if not isinstance(node, Mapping):
        raise EntryError("catalog-field-invalid", "source", line,
                         reason=reason("expected-source-mapping"))
    if "title" not in node:
        raise EntryError("catalog-field-missing", "source.title", line)
    if not isinstance(node.get("license"), str):
        raise EntryError("catalog-field-missing", "source.license", line)
    url = _url(node.get("url"), "source.url", _line(node, "url") if "url" in node else line)
    return Source(title=_text(node["title"], "source.title", line, en_optional=True), url=url,
                  license=node["license"])


def _publisher(value: Any, departments: Mapping[str, Text], field: str,
               line: int | None) -> tuple[str, Text]:
    """``publisher: <department id>`` → (id, name); nothing else is accepted, so one division
    cannot be written two ways."""
    if isinstance(value, str) and value in departments:
        return value, departments[value]
    known = ", ".join(sorted(departments)) or "-"
    raise EntryError("catalog-field-invalid", field, line,
                     reason=reason("unknown-department", value=repr(value)[:80], known=known))


def _changes(node: Any, line: int | None) -> tuple[Change, ...]:
    if node is None:
        return ()
    if not isinstance(node, list):
        raise EntryError("catalog-field-invalid", "changes", line,
                         reason=reason("expected-changes-list"))
    changes = []
    for index, item in enumerate(node):
        where = f"changes[{index}]"
        item_line = _line(node, index) or line
        if not isinstance(item, Mapping) or "date" not in item or "summary" not in item:
            raise EntryError("catalog-field-missing", f"{where}.date/summary", item_line)
        changes.append(Change(_date(item["date"], f"{where}.date", item_line),
                              _text(item["summary"], f"{where}.summary", item_line)))
    return tuple(changes)


def parse_dataset(node: Any, line: int | None,
                  departments: Mapping[str, Text] | None = None) -> Dataset:
    """One entry → ``Dataset``; raises ``EntryError`` on the first problem found.
    ``departments``: id → name, from ``portal: departments:``."""
    if not isinstance(node, Mapping):
        raise EntryError("catalog-field-invalid", "entry", line,
                         reason=reason("expected-entry-mapping"))
    missing = missing_fields(node)
    if missing:
        raise EntryError("catalog-field-missing", missing[0], line)
    dataset_id = node["id"]
    if not isinstance(dataset_id, str) or not is_valid_id(dataset_id):
        raise EntryError("catalog-field-invalid", "id", _line(node, "id"),
                         reason=reason("dataset-id"))
    if is_reserved_id(dataset_id):
        raise EntryError("catalog-id-reserved", "id", _line(node, "id"))

    def at(key: str) -> int | None:
        return _line(node, key) if key in node else line

    tags = node.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise EntryError("catalog-field-invalid", "tags", at("tags"),
                         reason=reason("expected-string-list"))
    status = node.get("status", "published")
    _choice(status, {"published", "withdrawn"}, "status", at("status"))
    withdrawn = node.get("withdrawn")
    withdrawn_date = _date(withdrawn, "withdrawn", at("withdrawn")) if withdrawn else None
    if status == "withdrawn" and withdrawn_date is None:
        raise EntryError("catalog-field-missing", "withdrawn", at("status"))
    if status == "published" and withdrawn_date is not None:
        raise EntryError("catalog-field-invalid", "withdrawn", at("withdrawn"),
                         reason=reason("only-when-withdrawn"))
    issued = _date(node["issued"], "issued", at("issued"))
    modified = _date(node["modified"], "modified", at("modified"))
    if modified < issued:
        raise EntryError("catalog-field-invalid", "modified", at("modified"),
                         reason=reason("before-issued"))
    standard = node.get("standard")
    if standard is not None:
        standard = str(standard).zfill(2)
    department, publisher = _publisher(node["publisher"], departments or {}, "publisher",
                                       at("publisher"))
    changes = _changes(node.get("changes"), at("changes"))
    return Dataset(
        id=dataset_id,
        title=_text(node["title"], "title", at("title"), en_optional=True),
        description=_text(node["description"], "description", at("description"),
                          en_optional=True),
        publisher=publisher,
        category=_choice(node["category"], CATEGORIES, "category", at("category")),
        tags=tuple(t.strip() for t in tags),
        license=_choice(node["license"], LICENSES, "license", at("license")),
        issued=issued,
        modified=modified,
        frequency=_choice(node["frequency"], FREQUENCIES, "frequency", at("frequency")),
        source=_source(node["source"], at("source")),
        resources=_resources(node["resources"], dataset_id, at("resources")),
        status=status,
        withdrawn=withdrawn_date,
        standard=standard,
        department=department,
        changes=changes,
        line=line,
    )


def missing_fields(node: Mapping[str, Any]) -> list[str]:
    """The required fields ``node`` leaves out or blank, in the order the entry lists them."""
    return [name for name in REQUIRED_FIELDS if node.get(name) in (None, "")]


def _readable_resources(node: Any, label: str) -> tuple[Resource, ...]:
    """The resources of an entry that did not load, when they themselves are well formed."""
    if not isinstance(node, Mapping) or not is_valid_id(label):
        return ()
    try:
        return _resources(node.get("resources"), label, _line(node))
    except EntryError:
        return ()


def english_missing(dataset: Dataset, shown: str) -> list[Finding]:
    """A warning per text without English: English pages fall back to the Japanese."""
    texts = [("title", dataset.title), ("description", dataset.description),
             ("publisher", dataset.publisher), ("source.title", dataset.source.title)]
    texts += [(f"resources[{i}].title", r.title) for i, r in enumerate(dataset.resources)
              if r.title is not None]
    return [Finding("catalog-english-missing", file=shown, line=dataset.line,
                    params={"entry": dataset.id, "field": f"{name}.en"})
            for name, text in texts if not text.en]


def _portal(node: Any) -> Portal:
    line = _line(node)
    if not isinstance(node, Mapping):
        raise EntryError("catalog-field-missing", "portal", line)
    contact = node.get("contact")
    if not isinstance(contact, Mapping):
        raise EntryError("catalog-field-missing", "portal.contact", line)
    for key in ("title", "city", "prefecture", "local_government_code", "publisher", "license",
                "description", "departments"):
        if key not in node:
            raise EntryError("catalog-field-missing", f"portal.{key}", line)
    departments = _departments(node["departments"], line)
    names = {d.id: d.name for d in departments}
    city = _text(node["city"], "portal.city", line)
    department, name = _publisher(node["publisher"], names, "portal.publisher", line)
    return Portal(
        title=_text(node["title"], "portal.title", line),
        city=city,
        prefecture=_text(node["prefecture"], "portal.prefecture", line),
        local_government_code=_code(node["local_government_code"],
                                    _line(node, "local_government_code")),
        # The portal speaks for the city: 鹿沼市 総合政策部 … / "… Division, Kanuma City".
        publisher=Text(f"{city.ja} {name.ja}", f"{name.en}, {city.en}"),
        contact=Contact(
            name=_text(contact.get("name"), "portal.contact.name", line),
            email=str(contact.get("email", "")),
            phone=str(contact.get("phone", "")),
            address=str(contact.get("address", "")),
            url=_url(contact.get("url"), "portal.contact.url",
                     _line(contact, "url") if "url" in contact else line),
        ),
        license=_choice(node["license"], LICENSES, "portal.license", line),
        description=_text(node["description"], "portal.description", line),
        generated=tuple(_choice(name, GENERATED_DATASETS, "portal.generated", line)
                        for name in node.get("generated") or []),
        department=department,
        departments=departments,
    )


def _code(value: Any, line: int | None) -> str:
    """The 全国地方公共団体コード: six digits (the last a check digit), written in quotes."""
    text = str(value)
    if not (isinstance(value, str) and len(text) == 6 and text.isascii() and text.isdigit()):
        raise EntryError("catalog-field-invalid", "portal.local_government_code", line,
                         reason=reason("code-in-quotes",
                                       shown=repr(text[:20]) + ("…" if len(text) > 20 else "")))
    return text


def _departments(node: Any, line: int | None) -> tuple[Department, ...]:
    if not isinstance(node, list) or not node:
        raise EntryError("catalog-field-invalid", "portal.departments", line,
                         reason=reason("expected-department-list"))
    departments: list[Department] = []
    for index, item in enumerate(node):
        where = f"portal.departments[{index}]"
        item_line = _line(node, index) or line
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str) or \
                not is_valid_id(item["id"]) or item["id"] in {d.id for d in departments}:
            raise EntryError("catalog-field-invalid", f"{where}.id", item_line,
                             reason=reason("department-id"))
        departments.append(Department(item["id"], _text(
            {"ja": item.get("ja"), "en": item.get("en")}, where, item_line)))
    return tuple(departments)


class CatalogUnreadable(Exception):
    """The catalog as a whole cannot be read; carries the finding to report."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.code)
        self.finding = finding


def load_catalog(path: Path) -> tuple[Catalog, tuple[Finding, ...]]:
    """Load ``path``. Malformed entries become findings; the other entries still load.

    Raises ``CatalogUnreadable`` only when there is no catalog to speak of (missing file,
    broken YAML, no portal section).
    """
    shown = path.name  # findings name files relative to the catalog's folder, like resources
    try:
        root = read_yaml(path)
    except FileNotFoundError:
        raise CatalogUnreadable(Finding("catalog-unreadable", file=shown,
                                        params={"reason": reason("file-not-found")})) from None
    except (YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CatalogUnreadable(Finding(
            "catalog-unreadable", file=shown, line=(mark.line + 1) if mark else None,
            params={"reason": str(getattr(exc, "problem", exc))})) from None
    if not isinstance(root, Mapping) or "datasets" not in root:
        raise CatalogUnreadable(Finding("catalog-not-mapping", file=shown, line=1))
    try:
        portal = _portal(root.get("portal"))
    except EntryError as exc:
        raise CatalogUnreadable(Finding(exc.code, file=shown, line=exc.line,
                                        params={"entry": "portal", "field": exc.field,
                                                **exc.params})) from None
    # Outside the entries (each entry's are reported under its id, below).
    findings: list[Finding] = [
        Finding("catalog-unknown-key", file=shown, line=key_line, params={"field": key})
        for key, key_line in unknown_keys(root, {**CATALOG, "datasets": None})]
    datasets: list[Dataset] = []
    broken: list[tuple[str, tuple[object, ...]]] = []
    broken_resources: list[tuple[str, tuple[Resource, ...], str | None]] = []
    seen: set[str] = set()
    entries = root.get("datasets") or []
    for index, node in enumerate(entries):
        line = _line(entries, index)
        node_id = node.get("id") if isinstance(node, Mapping) else None
        label = node_id if isinstance(node_id, str) else f"#{index + 1}"
        findings += [Finding("catalog-unknown-field", file=shown, line=key_line or line,
                             params={"entry": label, "field": key})
                     for key, key_line in unknown_keys(node, DATASET)]
        # Every blank required field at once: staff fill them in one go, not one per run.
        missing = missing_fields(node) if isinstance(node, Mapping) else []
        try:
            if missing:
                raise EntryError("catalog-field-missing", missing[0], line)
            dataset = parse_dataset(node, line, {d.id: d.name for d in portal.departments})
        except EntryError as exc:
            found = tuple(Finding(exc.code, file=shown, line=exc.line or line,
                                  params={"entry": label, "field": field, **exc.params})
                          for field in (missing or [exc.field]))
            findings += found
            broken.append((label, found))
            resources = _readable_resources(node, label)
            if resources:
                standard = node.get("standard")
                broken_resources.append((label, resources, standard if isinstance(
                    standard, str) and standard else None))
            continue
        if dataset.id in seen:
            finding = Finding("catalog-duplicate-id", file=shown, line=line,
                              params={"entry": dataset.id})
            findings.append(finding)
            broken.append((dataset.id, (finding,)))
            continue
        seen.add(dataset.id)
        datasets.append(dataset)
        findings += english_missing(dataset, shown)
    from portal.catalog.requests import parse_requests
    from portal.catalog.uses import parse_uses

    known = {d.id for d in datasets} | {label for label, _ in broken}
    requests, found = parse_requests(root.get("requests"), known, shown)
    uses, found_uses = parse_uses(root.get("uses"), known, path.parent, shown)
    findings += found + found_uses
    catalog = Catalog(portal=portal, datasets=tuple(datasets), path=shown, broken=tuple(broken),
                      broken_resources=tuple(broken_resources), requests=requests, uses=uses)
    return catalog, tuple(findings)
