"""Documentation drifts from code unless a test holds it: every setting and CLI option."""

from pathlib import Path

from portal.cli import _parser
from portal.config import SETTINGS

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text]
    assert missing == []


def test_every_cli_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = _parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    missing = []
    for name, sub in subparsers.choices.items():
        if f"portal {name}" not in readme:
            missing.append(name)
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help" and option not in readme:
                    missing.append(f"{name} {option}")
    assert missing == []


def test_every_message_code_is_in_the_staff_guide_and_the_section_is_current() -> None:
    from portal.docs import GUIDE, render_guide
    from portal.messages import MESSAGES

    text = GUIDE.read_text(encoding="utf-8")
    assert [code for code in MESSAGES if f"### `{code}`" not in text] == []
    assert render_guide(text) == text, "run `python -m portal.docs` to refresh the guide"
