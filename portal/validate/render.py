"""A validation report as text (for people), JSON (documented) or GitHub annotations.

Text and annotations are for people: a finding that repeats down a column (142 rows with the
same thousands separator) is one entry with its count, its first rows and one fix. JSON is for
tools and keeps every finding.
"""

from __future__ import annotations

import json

from portal.messages import render
from portal.validate.report import Finding, FindingGroup, Report, grouped


def _all(report: Report) -> list[Finding]:
    found = list(report.catalog)
    for dataset in report.datasets:
        found += dataset.findings
    return found


def _place(finding: Finding) -> str:
    where = finding.file or ""
    if finding.line:
        where += f":{finding.line}"
        if finding.column_number:
            where += f":{finding.column_number}"
    return where


def _repeated(group: FindingGroup, lang: str) -> str | None:
    if group.count < 2:
        return None
    return render("finding-repeated", lang, count=group.count, rows=group.shown_rows())


def render_text(report: Report, lang: str) -> str:
    blocks: list[str] = []
    for group in grouped(_all(report)):
        finding = group.first
        label = {"error": "エラー" if lang == "ja" else "error",
                 "warning": "警告" if lang == "ja" else "warning"}[finding.severity]
        rule = f" [{finding.rule}]" if finding.rule else ""
        lines = [f"{_place(finding)}: {label} {finding.code}{rule}", f"  {finding.message(lang)}"]
        repeated = _repeated(group, lang)
        if repeated:
            lines.append(f"  {repeated}")
        fix = finding.fix(lang)
        if fix:
            lines.append(("  修正方法: " if lang == "ja" else "  How to fix: ") + fix)
        blocks.append("\n".join(lines))
    found = _all(report)
    errors = sum(f.is_error for f in found)
    warnings = len(found) - errors
    code = "validate-ok" if report.valid else "validate-summary"
    blocks.append(render(code, lang, datasets=len(report.datasets), errors=errors,
                         warnings=warnings))
    return "\n\n".join(blocks) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, lang: str) -> str:
    lines = []
    for group in grouped(_all(report)):
        finding = group.first
        props = [f"file={_escape_property(finding.file or 'catalog.yaml')}"]
        if finding.line:
            props.append(f"line={finding.line}")
        if finding.column_number:
            props.append(f"col={finding.column_number}")
        props.append(f"title={_escape_property(finding.code)}")
        kind = "error" if finding.is_error else "warning"
        message = finding.message(lang)
        repeated = _repeated(group, lang)
        if repeated:
            message += "\n" + repeated
        fix = finding.fix(lang)
        if fix:
            message += "\n" + fix
        lines.append(f"::{kind} {','.join(props)}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def render_report(report: Report, fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        return render_github(report, lang)
    return render_text(report, lang)
