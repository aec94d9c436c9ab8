"""The message catalogue: every code has ja and en with the same placeholders, and a fix."""

import ast
import re
from pathlib import Path

import pytest

from portal.messages import MESSAGES, placeholders

CODES = sorted(MESSAGES)


@pytest.mark.parametrize("code", CODES)
def test_ja_and_en_take_the_same_placeholders(code: str) -> None:
    message = MESSAGES[code]
    assert message.ja.strip() and message.en.strip()
    assert placeholders(message.ja) == placeholders(message.en)
    assert placeholders(message.fix_ja) == placeholders(message.fix_en)


@pytest.mark.parametrize("code", CODES)
def test_codes_are_kebab_case_and_findings_say_how_to_fix(code: str) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
    assert MESSAGES[code].fix_ja and MESSAGES[code].fix_en


def _string_codes_used_in(path: Path) -> set[str]:
    """Codes passed as the first argument of Finding(...) or a PortalError subclass."""
    used: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) in {
                    "Finding", "PortalError", "NotFound", "Conflict", "UsageError", "EntryError"}):
            used.add(node.args[0].value)
    return used


def test_every_code_the_package_uses_is_in_the_catalogue() -> None:
    package = Path(__file__).resolve().parents[1] / "portal"
    used: set[str] = set()
    for path in package.rglob("*.py"):
        used |= _string_codes_used_in(path)
    assert used, "no codes found: the scan is broken"
    assert sorted(used - set(MESSAGES)) == []
