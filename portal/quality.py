"""Quality you can see: per dataset, what the build knows about it, judged by fixed rules.

The build (``portal.publishing.pipeline``) calls ``assess`` for every published entry and
writes the result into the manifest (``quality``); the dataset page, search, ``/quality``,
``/api/v1`` and CKAN ``extras`` only show it. The rules (docs/quality.md):

- **Stars** (Tim Berners-Lee's 5-star open data), each level only with the ones below it:
  1 an open licence (``catalog.licenses``); 2 structured: every resource is a table described
  by a Table Schema; 3 non-proprietary: every resource is served as CSV; 4 URIs: every
  resource's schema declares a ``primaryKey``, so each row has a URL of its own
  (``/api/v1/datasets/<id>/rows?<key>=<value>``); 5 linked: besides, a field holds links to
  other data (``"format": "uri"``) or the schema declares ``foreignKeys``.
- **Machine-readability**: a published version has no errors; its warnings are counted by
  code. ``errors`` when the latest files had errors and the last good version is served.
- **Freshness**: ``modified`` plus one period of the declared ``frequency``
  (``portal.freshness``) against the day of the build: on time, late by N days, or no
  frequency declared (``irregular``).
- **Standard conformance**: the layout of the declared 自治体標準オープンデータセット the
  files match best, the optional columns they lack, and the standard's other warnings.
- **English**: the entry has an English description.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Literal

from portal.catalog.licenses import LICENSES
from portal.findings import Finding
from portal.freshness import due_date
from portal.messages import render, render_fix
from portal.validate.standards import CODES as STANDARD_CODES
from portal.validate.standards import STANDARD_NAMES, best_layout

OPTIONAL_MISSING = "standard-columns-optional-missing"
Readability = Literal["clean", "warnings", "errors"]
FreshnessState = Literal["on-time", "late", "no-frequency"]


@dataclass(frozen=True)
class CodeCount:
    code: str
    count: int


@dataclass(frozen=True)
class Checks:
    """What validating the dataset's files found, kept in the manifest so that a dataset the
    build reuses (its files unchanged) keeps them without being read again."""

    warnings: tuple[CodeCount, ...] = ()  # machine-readability warnings, by code
    standard: tuple[CodeCount, ...] = ()  # the standard's own warnings, by code
    optional_missing: tuple[str, ...] = ()  # optional standard columns the files lack

    @classmethod
    def from_quality(cls, quality: Mapping[str, Any]) -> Checks:
        """The checks a quality record (``Quality.to_dict``) was assessed from."""
        standard = quality.get("standard") or {}

        def counts(items: Iterable[Mapping[str, Any]]) -> tuple[CodeCount, ...]:
            return tuple(CodeCount(str(c["code"]), int(c["count"])) for c in items)

        return cls(counts((quality.get("machine_readable") or {}).get("warnings", [])),
                   counts(standard.get("warnings", [])),
                   tuple(standard.get("optional_missing", [])))


def _counted(codes: Iterable[str]) -> tuple[CodeCount, ...]:
    counts = Counter(codes)
    return tuple(CodeCount(code, n) for code, n in sorted(counts.items(),
                                                          key=lambda kv: (-kv[1], kv[0])))


def checks_of(findings: Iterable[Finding]) -> Checks:
    """The warnings of a valid dataset's report, counted by code (one per cell, as
    validation reports them); the standard layout's codes apart."""
    warnings = [f for f in findings if not f.is_error]
    missing: list[str] = []
    for finding in warnings:
        if finding.code == OPTIONAL_MISSING:
            missing += [m for m in finding.params.get("missing", ()) if m not in missing]
    return Checks(
        warnings=_counted(f.code for f in warnings if f.code not in STANDARD_CODES),
        standard=_counted(f.code for f in warnings
                          if f.code in STANDARD_CODES and f.code != OPTIONAL_MISSING),
        optional_missing=tuple(missing))


@dataclass(frozen=True)
class Freshness:
    state: FreshnessState
    due: date | None
    days_late: int


@dataclass(frozen=True)
class Standard:
    type_id: str
    layout: str
    optional_missing: tuple[str, ...]
    warnings: tuple[CodeCount, ...]

    @property
    def complete(self) -> bool:
        return not self.optional_missing and not self.warnings


@dataclass(frozen=True)
class Step:
    """What to do next: a message code (portal/messages.py) and its parameters."""

    code: str
    params: Mapping[str, Any]

    def text(self, lang: str) -> str:
        return render(self.code, lang, **self.params)

    def fix(self, lang: str) -> str:
        return render_fix(self.code, lang, **self.params)


@dataclass(frozen=True)
class Quality:
    as_of: date
    stars: int
    readability: Readability
    warnings: tuple[CodeCount, ...]
    errors: int
    freshness: Freshness
    standard: Standard | None
    english: bool
    steps: tuple[Step, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """The dataset's badges as stable slugs: the values of the search facet ``quality``."""
        found = [f"stars-{self.stars}", {"clean": "no-warnings", "warnings": "warnings",
                                         "errors": "errors-in-latest"}[self.readability],
                 self.freshness.state]
        if self.standard is not None:
            found.append("standard-complete" if self.standard.complete else "standard")
        if self.english:
            found.append("english")
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (docs/quality.md): the manifest's and the API's."""
        return {
            "as_of": self.as_of.isoformat(),
            "stars": self.stars,
            "machine_readable": {"state": self.readability, "errors": self.errors,
                                 "warnings": [asdict(w) for w in self.warnings]},
            "freshness": {"state": self.freshness.state,
                          "due": self.freshness.due.isoformat() if self.freshness.due else None,
                          "days_late": self.freshness.days_late},
            "standard": None if self.standard is None else {
                "type": self.standard.type_id, "layout": self.standard.layout,
                "complete": self.standard.complete,
                "optional_missing": list(self.standard.optional_missing),
                "warnings": [asdict(w) for w in self.standard.warnings]},
            "english_description": self.english,
            "labels": list(self.labels),
            "next_steps": [{"code": s.code, "params": dict(s.params),
                            "message": {"ja": s.text("ja"), "en": s.text("en")},
                            "fix": {"ja": s.fix("ja"), "en": s.fix("en")}}
                           for s in self.steps],
        }


def _schemas(entry: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [r.get("schema") or {} for r in entry.get("resources", [])]


def stars(entry: Mapping[str, Any]) -> int:
    """The 5-star level the portal can prove from the entry and what the build wrote."""
    resources = entry.get("resources", [])
    license_ = LICENSES.get(str(entry.get("license")))
    if license_ is None or not license_.open:
        return 0
    if not resources or not all((r.get("schema") or {}).get("fields") for r in resources):
        return 1
    if not all(any(f.get("kind") == "csv" for f in r.get("files", [])) for r in resources):
        return 2
    schemas = _schemas(entry)
    if not all(s.get("primaryKey") for s in schemas):
        return 3
    linked = any(s.get("foreignKeys") for s in schemas) or any(
        f.get("format") == "uri" for s in schemas for f in s.get("fields", []))
    return 5 if linked else 4


def freshness(modified: date, frequency: str, today: date) -> Freshness:
    due = due_date(modified, frequency)
    if due is None:
        return Freshness("no-frequency", None, 0)
    late = (today - due).days
    return Freshness("late", due, late) if late > 0 else Freshness("on-time", due, 0)


def _standard(entry: Mapping[str, Any], checks: Checks) -> Standard | None:
    type_id = entry.get("standard")
    if not type_id or type_id not in STANDARD_NAMES:
        return None
    resources = entry.get("resources", [])
    header = tuple(f["name"] for f in (resources[0].get("schema") or {}).get("fields", [])
                   ) if resources else ()
    return Standard(str(type_id), best_layout(str(type_id), header).id,
                    checks.optional_missing, checks.standard)


def _steps(entry: Mapping[str, Any], quality: Quality) -> tuple[Step, ...]:
    dataset_id = str(entry.get("id"))
    steps = []
    if quality.errors:
        steps.append(Step("quality-errors-in-latest", {"entry": dataset_id,
                                                       "count": quality.errors}))
    if quality.warnings:
        steps.append(Step("quality-warnings", {
            "entry": dataset_id, "count": sum(w.count for w in quality.warnings),
            "codes": ", ".join(w.code for w in quality.warnings)}))
    fresh = quality.freshness
    if fresh.state == "late":
        steps.append(Step("quality-late", {"entry": dataset_id, "days": fresh.days_late,
                                           "due": fresh.due.isoformat() if fresh.due else ""}))
    elif fresh.state == "no-frequency":
        steps.append(Step("quality-no-frequency", {"entry": dataset_id}))
    standard = quality.standard
    if standard is not None and standard.optional_missing:
        steps.append(Step("quality-standard-optional", {
            "entry": dataset_id, "layout": standard.layout,
            "count": len(standard.optional_missing),
            "columns": "、".join(standard.optional_missing)}))
    if standard is not None and standard.warnings:
        steps.append(Step("quality-standard-warnings", {
            "entry": dataset_id, "layout": standard.layout,
            "codes": ", ".join(w.code for w in standard.warnings)}))
    if not quality.english:
        steps.append(Step("quality-no-english", {"entry": dataset_id}))
    if quality.stars == 3:
        steps.append(Step("quality-no-primary-key", {"entry": dataset_id}))
    if not steps:
        steps.append(Step("quality-nothing-to-do", {"entry": dataset_id}))
    return tuple(steps)


def assess(entry: Mapping[str, Any], checks: Checks, today: date) -> Quality:
    """The quality of one manifest entry (catalog metadata plus what the build wrote) on
    ``today``, from the ``checks`` of its files. A ``stale`` entry serves its last good
    version: its ``stale_findings`` are the errors of the latest files."""
    errors = len(entry.get("stale_findings") or []) if entry.get("state") == "stale" else 0
    readability: Readability = ("errors" if errors else
                                "warnings" if checks.warnings else "clean")
    description = entry.get("description") or {}
    partial = Quality(
        as_of=today, stars=stars(entry), readability=readability, warnings=checks.warnings,
        errors=errors,
        freshness=freshness(date.fromisoformat(str(entry["modified"])),
                            str(entry.get("frequency")), today),
        standard=_standard(entry, checks),
        english=bool(str(description.get("en") or "").strip()), steps=())
    return Quality(**{**partial.__dict__, "steps": _steps(entry, partial)})


def checks_in(entry: Mapping[str, Any]) -> Checks:
    """The checks a previous build's entry was assessed from (none before there was one)."""
    return Checks.from_quality(entry.get("quality") or {})


def ckan_extras(quality: Mapping[str, Any] | None) -> list[dict[str, str]]:
    """The quality as CKAN ``extras`` (key/value strings, as ckanext-scheming and harvesters
    read them)."""
    if not quality:
        return []
    standard = quality.get("standard") or {}
    mr, fresh = quality["machine_readable"], quality["freshness"]
    return [{"key": key, "value": str(value)} for key, value in (
        ("quality_stars", quality["stars"]),
        ("quality_machine_readable", mr["state"]),
        ("quality_warnings", sum(w["count"] for w in mr["warnings"])),
        ("quality_freshness", fresh["state"]),
        ("quality_days_late", fresh["days_late"]),
        ("quality_standard_layout", standard.get("layout") or ""),
        ("quality_english_description", "true" if quality["english_description"] else "false"),
        ("quality_as_of", quality["as_of"]),
    )]


def quality_record(entry: Mapping[str, Any], checks: Checks, today: date) -> dict[str, Any]:
    """What the build writes as an entry's ``quality``."""
    return assess(entry, checks, today).to_dict()


def by_department(entries: Sequence[Mapping[str, Any]]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """Entries with a quality, grouped by their department id (in first-seen order), each
    group with the datasets that need most done first."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for entry in entries:
        if entry.get("quality"):
            groups.setdefault(str(entry.get("department") or ""), []).append(entry)
    return [(department, sorted(items, key=lambda e: (
        -sum(s["code"] != "quality-nothing-to-do" for s in e["quality"]["next_steps"]),
        str(e["id"])))) for department, items in groups.items()]
