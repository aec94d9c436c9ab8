"""`portal build`: plan by content hash, build each dataset in isolation, publish atomically."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from portal.catalog.load import CatalogUnreadable, load_catalog
from portal.catalog.model import Dataset
from portal.catalog.paths import linked_part
from portal.errors import UsageError
from portal.opendata_list import write_opendata_list
from portal.publishing.community import write_community
from portal.publishing.dataset import build_dataset, dataset_meta
from portal.publishing.generated import COUNT_ID, build_count_dataset
from portal.publishing.manifest import write_json_atomically
from portal.publishing.progress import ProgressEvent
from portal.publishing.publish import NotABuildLink, new_build_dir, previous_build, publish
from portal.quality import Checks, checks_in, checks_of, quality_record
from portal.validate.engine import named_files, validate_dataset
from portal.validate.report import DatasetReport, Finding, Report

log = logging.getLogger(__name__)

# Bump when the output of an unchanged dataset would differ (3: quality; 4: entries carry
# their search words, portal.readings; 5: an .xlsx per table).
BUILD_FORMAT = 5


@dataclass(frozen=True)
class BuildResult:
    build_id: str | None
    report: Report
    built: tuple[str, ...] = ()
    reused: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    directory: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 0 if self.report.valid and not self.stale and not self.excluded else 1


def content_hashes(dataset: Dataset, root: Path) -> tuple[str, str]:
    """(content hash, data hash), each file read once. The content hash covers the format,
    the entry and every file of its resources (whether to build again); the data hash only
    each resource's data file, not its sidecars (whether the data changed,
    ``portal.publishing.history``)."""
    digest = hashlib.sha256(f"format {BUILD_FORMAT}\n".encode())
    digest.update(json.dumps(dataset_meta(dataset), sort_keys=True, ensure_ascii=False).encode())
    data = hashlib.sha256()
    for resource in dataset.resources:
        data.update(resource.path.encode() + b"\0")
        # The first part is the data file itself. A file reached through a symbolic link is
        # not read (validation refuses it): its hash would tell about a file outside the tree.
        for index, relative in enumerate(named_files(resource)):
            path = root / relative
            digest.update(relative.encode() + b"\0")
            if linked_part(root, relative) is not None:
                digest.update(b"<symlink>")
            elif path.is_file():
                with path.open("rb") as handle:
                    for chunk in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(chunk)
                        if index == 0:
                            data.update(chunk)
            else:
                digest.update(b"<missing>")
    return digest.hexdigest(), data.hexdigest()


def index_policy(advice: Mapping[str, Sequence[Sequence[str]]], budget: float) -> dict[str, Any]:
    """What decides a dataset's composite indexes besides its files, as the manifest keeps it."""
    return {"budget": budget,
            "advice": {name: [list(c) for c in columns] for name, columns in sorted(advice.items())}}


def _new_build_id(now: datetime) -> str:
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(4)}"


def _carry_over(entry: dict[str, Any], old_root: Path, new_root: Path) -> None:
    """Share the previous build's files of a dataset (hard links; copies across devices)."""
    for resource in entry.get("resources", []):
        for info in resource.get("files", []):
            source, target = old_root / info["path"], new_root / info["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)


def _previous_manifest(out: Path) -> tuple[Path | None, dict[str, dict[str, Any]]]:
    root = previous_build(out)
    if root is None:
        return None, {}
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("previous build at %s has no readable manifest; rebuilding all", root)
        return None, {}
    return root, {entry["id"]: entry for entry in manifest.get("datasets", [])}


def build(catalog_path: Path, out_dir: Path, *, force: bool = False,
          progress: Callable[[ProgressEvent], None] | None = None,
          today: date | None = None, base_url: str = "",
          index_advice: Mapping[str, Mapping[str, Sequence[Sequence[str]]]] | None = None,
          index_budget: float = 1.0) -> BuildResult:
    """Build the catalog into ``out_dir``. ``index_advice``: composite indexes by dataset id
    and resource name (portal/usage/advice.py's file, read by ``read_advice``);
    ``index_budget``: their bytes at most this many times each table's."""
    now = datetime.now(UTC)
    today = today or now.date()
    try:
        catalog, catalog_findings = load_catalog(catalog_path)
    except CatalogUnreadable as exc:
        return BuildResult(None, Report(catalog=(exc.finding,)))
    root = catalog_path.parent
    old_root, old_entries = _previous_manifest(out_dir)
    build_id = _new_build_id(now)
    try:
        work = new_build_dir(out_dir, build_id)
    except NotABuildLink:
        raise UsageError("build-out-not-a-link", parameter="--out", path=str(out_dir)) from None
    try:
        result = _build_into(work, catalog, catalog_findings, root, old_root, old_entries,
                             force, progress, today, base_url, build_id, now,
                             index_advice or {}, index_budget)
        final = publish(out_dir, work, build_id)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return BuildResult(build_id, result["report"], result["built"], result["reused"],
                       result["stale"], result["excluded"], final)


def _build_into(work: Path, catalog: Any, catalog_findings: tuple[Finding, ...], root: Path,
                old_root: Path | None, old_entries: dict[str, dict[str, Any]], force: bool,
                progress: Callable[[ProgressEvent], None] | None, today: date,
                base_url: str, build_id: str, now: datetime,
                index_advice: Mapping[str, Mapping[str, Sequence[Sequence[str]]]],
                index_budget: float) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []
    excluded: list[dict[str, Any]] = []
    outcome: dict[str, list[str]] = {"built": [], "reused": [], "stale": [], "excluded": []}
    reports: list[DatasetReport] = []
    findings_by_entry: dict[str, list[Finding]] = {}
    checks: dict[str, Checks] = {}  # what validation found in each published entry's files
    for finding in catalog_findings:
        findings_by_entry.setdefault(str(finding.params.get("entry", "")), []).append(finding)
    broken_ids = [label for label, _ in catalog.broken]
    total = len(catalog.datasets) + len(broken_ids)

    def keep_back(dataset_id: str, findings: tuple[Finding, ...]) -> None:
        old = old_entries.get(dataset_id)
        if old is not None and old_root is not None:
            _carry_over(old, old_root, work)
            entries.append({**old, "state": "stale",
                            "stale_findings": [f.to_dict() for f in findings]})
            checks[dataset_id] = checks_in(old)
            outcome["stale"].append(dataset_id)
        else:
            excluded.append({"id": dataset_id, "findings": [f.to_dict() for f in findings]})
            outcome["excluded"].append(dataset_id)

    for n, dataset in enumerate(catalog.datasets, start=1):
        digest, data = content_hashes(dataset, root)
        old = old_entries.get(dataset.id)
        state: str
        # An error in the entry itself (an unknown key) is not part of the content hash;
        # such an entry is checked again, not reused as valid.
        entry_errors = any(f.is_error for f in findings_by_entry.get(dataset.id, []))
        advice = index_advice.get(dataset.id, {})
        # New advice or another budget changes the indexes: the dataset is built again.
        policy = index_policy(advice, index_budget)
        if (not force and old is not None and old_root is not None and not entry_errors
                and old.get("content_hash") == digest and old.get("state") == "fresh"
                and old.get("index_policy") == policy):
            _carry_over(old, old_root, work)
            entries.append(old)
            checks[dataset.id] = checks_in(old)
            reports.append(DatasetReport(dataset.id, tuple(findings_by_entry.get(dataset.id, []))))
            state = "reused"
        else:
            report, tables = validate_dataset(dataset, root, today,
                                              catalog.portal.local_government_code)
            report = DatasetReport(dataset.id,
                                   tuple(findings_by_entry.get(dataset.id, [])) + report.findings)
            if report.valid:
                try:
                    entry = build_dataset(dataset, tables, root, work, digest,
                                          previous=old, today=today.isoformat(),
                                          data_digest=data, advice=advice,
                                          index_budget=index_budget)
                    entry["index_policy"] = policy
                except Exception:
                    log.exception("building %s failed", dataset.id)
                    shutil.rmtree(work / "datasets" / dataset.id, ignore_errors=True)
                    report = DatasetReport(dataset.id, report.findings + (
                        Finding("build-failed", file=catalog.path, line=dataset.line,
                                params={"entry": dataset.id}),))
                else:
                    entries.append(entry)
                    checks[dataset.id] = checks_of(report.findings)
            reports.append(report)
            if report.valid:
                state = "built"
            else:
                keep_back(dataset.id, tuple(f for f in report.findings if f.is_error))
                state = "stale" if dataset.id in outcome["stale"] else "excluded"
        if state in ("built", "reused"):
            outcome[state].append(dataset.id)
        if progress is not None:
            progress(ProgressEvent(n, total, dataset.id, state))
    for n, label in enumerate(broken_ids, start=len(catalog.datasets) + 1):
        findings = tuple(findings_by_entry.get(label, []))
        reports.append(DatasetReport(label, findings))
        keep_back(label, tuple(f for f in findings if f.is_error))
        if progress is not None:
            progress(ProgressEvent(n, total, label,
                                   "stale" if label in outcome["stale"] else "excluded"))
    if COUNT_ID in catalog.portal.generated:
        generated = build_count_dataset(catalog.portal, entries, work, today)
        if generated is not None:
            entries.append(generated)
    for entry in entries:
        entry["quality"] = quality_record(entry, checks.get(entry["id"], Checks()), today)
    portal = _portal_dict(catalog.portal)
    write_opendata_list(work / "catalog.csv", portal, entries, base_url)
    manifest = {"format": BUILD_FORMAT, "build_id": build_id, "built_at": now.isoformat(),
                "portal": portal, "datasets": entries, "excluded": excluded,
                **write_community(catalog, root, work)}
    write_json_atomically(work / "manifest.json", manifest)
    general = tuple(f for f in catalog_findings if not f.params.get("entry"))
    return {"report": Report(datasets=tuple(reports), catalog=general), **{
        k: tuple(v) for k, v in outcome.items()}}


def _portal_dict(portal: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(portal)
