"""A validation report as text (for people), JSON (documented) or GitHub annotations."""

from __future__ import annotations

import json

from portal.messages import render
from portal.validate.report import Finding, Report, errors_first


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


def render_text(report: Report, lang: str) -> str:
    blocks: list[str] = []
    for finding in errors_first(_all(report)):
        label = {"error": "エラー" if lang == "ja" else "error",
                 "warning": "警告" if lang == "ja" else "warning"}[finding.severity]
        rule = f" [{finding.rule}]" if finding.rule else ""
        lines = [f"{_place(finding)}: {label} {finding.code}{rule}", f"  {finding.message(lang)}"]
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
    for finding in errors_first(_all(report)):
        props = [f"file={_escape_property(finding.file or 'catalog.yaml')}"]
        if finding.line:
            props.append(f"line={finding.line}")
        if finding.column_number:
            props.append(f"col={finding.column_number}")
        props.append(f"title={_escape_property(finding.code)}")
        kind = "error" if finding.is_error else "warning"
        message = finding.message(lang)
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
