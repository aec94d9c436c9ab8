"""`portal import` results as text (per row, for people) or JSON (docs/import.md, for tools)."""

from __future__ import annotations

import json

from portal.ingest.importer import ImportResult
from portal.messages import render
from portal.validate.report import Finding

ACTION_LABELS = {
    "created": ("作成", "created"), "updated": ("更新", "updated"),
    "unchanged": ("変更なし", "unchanged"), "skipped": ("要対応・取り込まず", "skipped, needs attention"),
    "error": ("要対応・エラー", "error, needs attention"),
}


def _grouped(findings: tuple[Finding, ...]) -> list[tuple[Finding, int]]:
    """A finding that repeats down a column once, with its count (JSON keeps every row)."""
    groups: dict[tuple[object, ...], list[Finding]] = {}
    for finding in findings:
        key = ((finding.code, finding.file, finding.column) if finding.column is not None
               else (id(finding),))
        groups.setdefault(key, []).append(finding)
    return [(found[0], len(found)) for found in groups.values()]


def render_text(result: ImportResult, lang: str) -> str:
    lines = []
    for row in result.rows:
        action = ACTION_LABELS[row.action][0 if lang == "ja" else 1]
        lines.append(render("import-row", lang, row=row.row, list_id=row.list_id or "-",
                            entry=row.dataset_id, action=action))
        lines += [f"  {render('new-written', lang, file=f)}" for f in row.files]
        for finding, count in _grouped(row.findings):
            mark = "✗" if finding.is_error else "!"
            rule = f" [{finding.rule}]" if finding.rule else ""
            more = f" (+{count - 1})" if count > 1 else ""
            lines.append(f"  {mark} {finding.code}{rule}: {finding.message(lang)}{more} "
                         f"→ {finding.fix(lang)}")
        lines += [render("import-todo", lang, entry=row.dataset_id, field=f) for f in row.todo]
    summary = result.to_dict()["summary"]
    lines.append(render("import-summary", lang, **summary))
    if result.dry_run:
        lines.append(render("import-dry-run", lang))
    return "\n".join(lines) + "\n"


def render_import(result: ImportResult, fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return render_text(result, lang)
