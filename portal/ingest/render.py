"""`portal import` results as text (per row, for people) or JSON (docs/import.md, for tools)."""

from __future__ import annotations

import json

from portal.ingest.importer import ImportResult
from portal.messages import render
from portal.validate.report import grouped

ACTION_LABELS = {
    "created": ("作成", "created"), "updated": ("更新", "updated"),
    "unchanged": ("変更なし", "unchanged"), "skipped": ("要対応・取り込まず", "skipped, needs attention"),
    "error": ("要対応・エラー", "error, needs attention"),
}


def render_text(result: ImportResult, lang: str) -> str:
    lines = []
    for row in result.rows:
        action = ACTION_LABELS[row.action][0 if lang == "ja" else 1]
        lines.append(render("import-row", lang, row=row.row, list_id=row.list_id or "-",
                            entry=row.dataset_id, action=action))
        written = "import-would-write" if result.dry_run else "new-written"
        lines += [f"  {render(written, lang, file=f)}" for f in row.files]
        # A finding repeating down a column is one line with its count; JSON keeps every row.
        for group in grouped(row.findings):
            finding = group.first
            mark = "✗" if finding.is_error else "!"
            rule = f" [{finding.rule}]" if finding.rule else ""
            lines.append(f"  {mark} {finding.code}{rule}: {finding.message(lang)} "
                         f"→ {finding.fix(lang)}")
            if group.count > 1:
                lines.append("    " + render("finding-repeated", lang, count=group.count,
                                             rows=group.shown_rows()))
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
