"""Progress lines while a build runs, and the summary after it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from portal.messages import render

if TYPE_CHECKING:
    from portal.publishing.pipeline import BuildResult

STATES = {
    "built": ("生成", "built"), "reused": ("変更なし・再利用", "unchanged, reused"),
    "stale": ("エラーのため前回版を継続", "invalid, last good version kept"),
    "excluded": ("エラーのため除外", "invalid, left out"),
}


@dataclass(frozen=True)
class ProgressEvent:
    n: int
    total: int
    dataset_id: str
    state: str  # a key of STATES


def terminal_progress(stream: TextIO, lang: str) -> Callable[[ProgressEvent], None]:
    def report(event: ProgressEvent) -> None:
        if event.total < 2:
            return
        state = STATES[event.state][0 if lang == "ja" else 1]
        stream.write(render("build-progress", lang, n=event.n, total=event.total,
                            entry=event.dataset_id, state=state) + "\n")
        stream.flush()
    return report


def render_summary(result: BuildResult, lang: str) -> str:
    from portal.validate.render import render_report

    text = render("build-summary", lang, build_id=result.build_id or "-",
                  built=len(result.built), reused=len(result.reused), stale=len(result.stale),
                  excluded=len(result.excluded))
    if not result.report.valid:
        text = render_report(result.report, "text", lang) + "\n" + text
    return text + "\n"
