"""The fix report: every change --fix made (or would make), as Markdown for the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from portal.ingest.model import FixChange
from portal.messages import render

SHOWN_ROWS = 10  # the report is for the pull request: more rows than a finding's one line


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "⏎") or "—"


def rows_text(rows: tuple[int, ...], limit: int) -> str:
    """The first ``limit`` rows, then how many more: one line per problem, not one per cell."""
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" … (+{len(rows) - limit})" if len(rows) > limit else "")


def render_fix_report(fixes: Sequence[FixChange], lang: str, *, applied: bool = True) -> str:
    """Markdown: a title per file, then one table row per change with its rule, rows and a
    before → after sample. ``applied=False`` words it as what --fix would do."""
    if not fixes:
        return render("fix-report-none", lang) + "\n"
    heads = {"ja": ("規則", "修正", "列", "行", "件数", "修正前 → 修正後"),
             "en": ("rule", "change", "column", "rows", "count", "before → after")}
    head = heads["en" if lang == "en" else "ja"]
    lines: list[str] = []
    for file in dict.fromkeys(f.file for f in fixes):
        lines += [f"## {render('fix-report-title', lang, file=file)}", ""]
        if not applied:
            lines += [render("fix-report-would", lang), ""]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for change in (f for f in fixes if f.file == file):
            sample = f"{_cell(change.before)} → {_cell(change.after)}"
            lines.append(f"| {change.rule or '—'} | {render(change.code, lang)} | "
                         f"{_cell(change.column or '')} | {rows_text(change.rows, SHOWN_ROWS) or '—'} | "
                         f"{change.count} | {sample} |")
        lines.append("")
    return "\n".join(lines)
