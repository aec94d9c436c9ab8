"""Documentation generated from the code: the message reference in the staff guide.

``python -m portal.docs`` rewrites the generated sections; tests/test_docs.py fails when a
section is out of date, so a new message code cannot ship without its entry in the guide.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from portal.messages import ALIASES, MESSAGES

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "CONTRIBUTING.ja.md"
START, END = "<!-- messages:start -->", "<!-- messages:end -->"


def _example(template: str) -> str:
    """The template with its placeholders shown as ‹name›, so staff recognise the shape."""
    names = {n for _, n, _, _ in string.Formatter().parse(template) if n}
    return template.format(**{n: f"‹{n}›" for n in names})


def message_reference_ja() -> str:
    lines = []
    for code in sorted(MESSAGES):
        message = MESSAGES[code]
        severity = "エラー(公開されません)" if message.severity == "error" else "警告(公開されます)"
        rule = f"、機械可読性ルール {message.rule}" if message.rule else ""
        lines += [f"### `{code}`", "", f"- 重さ: {severity}{rule}",
                  f"- 表示例: {_example(message.ja)}"]
        if message.fix_ja:
            lines.append(f"- 直し方: {_example(message.fix_ja)}")
        lines.append("")
    lines += ["### 以前のコード", "",
              "以前の報告に出ていたコードは、同じルールの今のコードとして読めます:", ""]
    lines += [f"- `{old}` → `{new}`" for old, new in sorted(ALIASES.items())]
    return "\n".join(lines).rstrip() + "\n"


def render_guide(text: str) -> str:
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{message_reference_ja()}{END}", text)


def main() -> None:
    GUIDE.write_text(render_guide(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
