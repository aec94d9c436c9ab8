"""Validate a catalog: each dataset on its own, so one failure never hides another's."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from portal.catalog.harvest import AGGREGATOR_LICENSES
from portal.catalog.load import CatalogUnreadable, load_catalog
from portal.catalog.model import Catalog, Dataset, Resource
from portal.catalog.paths import linked_part
from portal.filekind import format_finding, sniff
from portal.geo import GEO_FORMATS
from portal.geo.checks import feature_rows, read_geo_table, source_parts
from portal.geo.layer import GeoTable
from portal.tables.table import Table
from portal.validate.limits import too_many_columns
from portal.validate.read import read_table
from portal.validate.report import DatasetReport, Finding, Report
from portal.validate.rules import RULES
from portal.validate.standards import STANDARD_NAMES, check_standard
from portal.validate.tableschema import check_schema, load_schema

log = logging.getLogger(__name__)

# When a rule explains why a cell does not parse ("1,234" has a thousands separator), the
# generic type error for the same cell says nothing more and is dropped.
SPECIFIC_CELL_CODES = {"number-with-unit", "number-thousands-separator", "fullwidth-digits",
                       "wareki-date", "date-not-iso"}


def _without_redundant_type_errors(findings: list[Finding]) -> list[Finding]:
    """One finding per cell problem: a specific rule replaces the generic type error, and a
    required column's blank is reported once, by the schema check."""
    explained = {(f.file, f.row, f.column_number) for f in findings
                 if f.code in SPECIFIC_CELL_CODES}
    required = {(f.file, f.row, f.column_number) for f in findings if f.code == "cell-required"}
    return [f for f in findings
            if not (f.code == "cell-type-error" and (f.file, f.row, f.column_number) in explained)
            and not (f.code == "blank-means-same"
                     and (f.file, f.row, f.column_number) in required)]


def named_files(resource: Resource) -> tuple[str, ...]:
    """Every file a resource names: its data (with a Shapefile's sidecars), schema, original."""
    return (*source_parts(resource.path, resource.format), resource.schema,
            *((resource.original,) if resource.original else ()))


def linked_files(resource: Resource, root: Path) -> list[Finding]:
    """A finding for each file of ``resource`` reached through a symbolic link: such a
    resource is not read at all (``portal.catalog.paths``)."""
    findings = []
    for relative in named_files(resource):
        link = linked_part(root, relative)
        if link is not None:
            findings.append(Finding("file-symlink", file=relative, params={"link": link}))
    return findings


def validate_dataset(dataset: Dataset, root: Path, today: date,
                     local_government_code: str = "092053") -> tuple[DatasetReport,
                                                                     dict[str, Table]]:
    """Check every resource of ``dataset``; the decoded tables are returned for the build."""
    findings: list[Finding] = []
    if dataset.standard is not None and dataset.standard not in STANDARD_NAMES:
        findings.append(Finding("standard-unknown", file="catalog.yaml", line=dataset.line,
                                params={"entry": dataset.id, "standard": dataset.standard,
                                        "known": ", ".join(sorted(STANDARD_NAMES))}))
    if dataset.standard in STANDARD_NAMES and dataset.license not in AGGREGATOR_LICENSES:
        findings.append(Finding("standard-license-not-harvested", file="catalog.yaml",
                                line=dataset.line,
                                params={"entry": dataset.id, "license": dataset.license,
                                        "accepted": ", ".join(AGGREGATOR_LICENSES)}))
    resource_findings, tables = check_resources(dataset.resources, dataset.standard, root,
                                                today, local_government_code)
    return DatasetReport(dataset.id, tuple(findings + resource_findings)), tables


def check_resources(resources: Sequence[Resource], standard: str | None, root: Path,
                    today: date, local_government_code: str
                    ) -> tuple[list[Finding], dict[str, Table]]:
    """The findings of each resource's files, and the decoded tables."""
    findings: list[Finding] = []
    tables: dict[str, Table] = {}
    for resource in resources:
        linked = linked_files(resource, root)
        if linked:
            findings += linked
            continue
        schema, schema_findings = load_schema(root / resource.schema, resource.schema)
        path = root / resource.path
        contradiction = format_finding(sniff(path), resource.format, resource.path) \
            if path.is_file() else None
        if contradiction is not None:  # never parsed as what it is not
            findings += schema_findings + [contradiction]
            continue
        reader = read_geo_table if resource.format in GEO_FORMATS else read_table
        table, read_findings = reader(path, resource.path, resource.format)
        findings += schema_findings + read_findings
        if resource.original and not (root / resource.original).is_file():
            findings.append(Finding("file-missing", file=resource.original))
        if table is None or schema is None:
            continue
        too_wide = too_many_columns(table, len(schema.get("fields") or []))
        if too_wide:  # the build could not store it; checking 10,000 columns helps no one
            findings += too_wide
            continue
        resource_findings = list(check_schema(table, schema))
        for rule in RULES:
            resource_findings += rule(table, schema, today)
        if standard in STANDARD_NAMES:
            resource_findings += check_standard(table, standard, resource.path,
                                                local_government_code)
        if isinstance(table, GeoTable):
            resource_findings = feature_rows(table, resource_findings)
        findings += _without_redundant_type_errors(resource_findings)
        tables[resource.name] = table
    return findings, tables


def _selected(catalog: Catalog, ids: Sequence[str], changed_since: str | None,
              catalog_path: Path) -> tuple[list[Dataset], set[str] | None, list[Finding]]:
    """The datasets to check, the labels (ids, or "#<n>" for an entry without one) whose
    catalog findings are reported — ``None`` for all — and findings about the selection.

    An entry that did not load is selected like any other: a pull request that adds a broken
    entry must fail, not pass because there was nothing to check.
    """
    findings: list[Finding] = []
    loaded = [d.id for d in catalog.datasets]
    labels = loaded + [label for label, _ in catalog.broken]
    wanted = list(dict.fromkeys(ids))
    for dataset_id in wanted:
        if dataset_id not in labels:
            findings.append(Finding("catalog-unknown-dataset", file=catalog.path,
                                    params={"entry": dataset_id}))
    if changed_since is not None:
        from portal.validate.changes import changed_datasets

        changed = changed_datasets(catalog_path, changed_since)
        wanted = [label for label in labels if label in changed and (not ids or label in ids)]
    elif not wanted:
        return list(catalog.datasets), None, findings
    chosen = set(wanted)
    return [d for d in catalog.datasets if d.id in chosen], chosen, findings


def validate_catalog(catalog_path: Path, ids: Sequence[str] = (),
                     changed_since: str | None = None, today: date | None = None) -> Report:
    today = today or date.today()
    try:
        catalog, catalog_findings = load_catalog(catalog_path)
    except CatalogUnreadable as exc:
        return Report(catalog=(exc.finding,))
    root = catalog_path.parent
    datasets, chosen, selection_findings = _selected(catalog, ids, changed_since, catalog_path)
    reports = []
    for dataset in datasets:
        report, _ = validate_dataset(dataset, root, today, catalog.portal.local_government_code)
        reports.append(report)
    # Entries that did not load are datasets that failed, reported under their own id.
    entry_findings: dict[str, list[Finding]] = {}
    general: list[Finding] = []
    for finding in catalog_findings:
        entry = str(finding.params.get("entry", ""))
        if not entry:
            general.append(finding)
        elif chosen is None or entry in chosen:
            entry_findings.setdefault(entry, []).append(finding)
    merged = []
    for report in reports:
        extra = entry_findings.pop(report.id, [])
        merged.append(DatasetReport(report.id, tuple(extra) + report.findings))
    # An entry still being filled in: its files are checked all the same, so staff see every
    # problem at once rather than a new list after the last field is filled.
    files_of = {entry: (resources, standard)
                for entry, resources, standard in catalog.broken_resources}
    merged += [DatasetReport(entry, tuple(found) + tuple(check_resources(
        *files_of.get(entry, ((), None)), root, today, catalog.portal.local_government_code)[0]))
        for entry, found in entry_findings.items()]
    return Report(datasets=tuple(merged), catalog=tuple(general + selection_findings))
