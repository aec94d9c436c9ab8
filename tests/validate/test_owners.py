"""One rule, one module, one code (issue #19): every code is declared by exactly one rule
module, --fix reports each change under its rule's own code, and old codes are aliases."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from portal.ingest.pipeline import ingest_file
from portal.messages import ALIASES, MESSAGES, render
from portal.validate.owners import (
    CHANGES_WITHOUT_FINDING,
    FINDING_OF,
    RULE_MODULES,
    claimed_twice,
    codes_of,
    owners_of,
)

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def test_no_two_rule_modules_declare_the_same_code() -> None:
    assert claimed_twice(RULE_MODULES) == {}


def test_a_code_declared_by_two_modules_is_caught() -> None:
    one, other = ModuleType("one"), ModuleType("other")
    one.CODES = ("number-with-unit", "fullwidth-digits")  # type: ignore[attr-defined]
    other.CODES = ("number-with-unit",)  # type: ignore[attr-defined]
    assert claimed_twice([one, other]) == {"number-with-unit": ["one", "other"]}


def test_every_declared_code_is_a_message_and_no_alias() -> None:
    codes = [code for module in RULE_MODULES for code in codes_of(module)]
    assert [c for c in codes if c not in dict.keys(MESSAGES)] == []
    assert [c for c in codes if c in ALIASES] == []


def test_every_fix_answers_a_code_owned_by_exactly_one_rule_module() -> None:
    assert {fix: owners_of(code) for fix, code in FINDING_OF.items()
            if len(owners_of(code)) != 1} == {}


def test_every_change_code_of_fix_is_declared_by_a_rule_or_answers_no_finding() -> None:
    changes = {c for c in dict.keys(MESSAGES)
               if c.startswith("fix-") and not c.startswith("fix-report-")}
    assert sorted(changes - set(FINDING_OF) - set(CHANGES_WITHOUT_FINDING)) == []
    assert set(FINDING_OF) & set(CHANGES_WITHOUT_FINDING) == set()


def test_import_reports_the_validation_code_of_each_rule_it_fixes() -> None:
    result = ingest_file(REAL / "derived-takamatsu-city-tax-formatted.csv")
    assert sorted({f.code for f in result.findings}) == [
        "fullwidth-digits", "number-thousands-separator", "number-with-unit",
        "trailing-empty-column", "trailing-empty-row"]
    assert sorted({(c.code, FINDING_OF.get(c.code)) for c in result.fixes}) == [
        ("fix-blank-columns-dropped", "trailing-empty-column"),
        ("fix-blank-rows-dropped", "trailing-empty-row"),
        ("fix-fullwidth", "fullwidth-digits"),
        ("fix-thousands", "number-thousands-separator"),
        ("fix-unit", "number-with-unit")]
    separators = next(f for f in result.findings if f.code == "number-thousands-separator")
    assert separators.row == 2
    assert separators.message("ja") == (
        "derived-takamatsu-city-tax-formatted.csv 2, 3, 4, 5, 6 … (+7) 行目「調定額」の数値"
        "「23,279,743,112」に桁区切りのコンマがあります。")


def test_an_old_code_looks_up_the_message_of_its_rule() -> None:
    assert MESSAGES["ingest-number-with-unit"] is MESSAGES["number-with-unit"]
    assert "ingest-blank-rows" in MESSAGES
    assert MESSAGES.get("ingest-notes-below") is MESSAGES["note-below-table"]
    assert render("ingest-blank-rows", "en", file="a.csv", row=4) == "a.csv row 4 is empty."
    assert "ingest-fix-unsafe" not in ALIASES and MESSAGES["ingest-fix-unsafe"].code == \
        "ingest-fix-unsafe"


def test_every_alias_is_listed_in_the_validation_guide() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "validate.md").read_text(
        encoding="utf-8")
    assert [old for old, new in ALIASES.items() if f"| `{old}` | `{new}` |" not in text] == []


def test_a_look_alike_standard_header_is_reported_as_validation_reports_it() -> None:
    result = ingest_file(REAL / "derived-yaizu-aed-lookalike.csv")
    [alike] = [f for f in result.findings if f.code == "header-lookalike"]
    assert alike.message("ja") == (
        "derived-yaizu-aed-lookalike.csv: 1 列目の見出し「都道府県コ―ド又は市区町村コード」は"
        "「都道府県コード又は市区町村コード」と紛らわしい文字(U+2015≠U+30FC)が違います。")
