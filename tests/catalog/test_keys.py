"""Unknown keys are errors anywhere in catalog.yaml, and docs/catalog.md lists every known key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.catalog.keys import (
    CATALOG,
    CONTACT,
    DATASET,
    PORTAL,
    REQUEST,
    RESOURCE,
    SOURCE,
    TEXT,
    USE,
    Shape,
)
from portal.catalog.load import load_catalog
from portal.cli import main
from tests.catalog.test_load import PORTAL as PORTAL_YAML
from tests.catalog.test_load import entry, write

ROOT = Path(__file__).resolve().parents[2]
ENTRY_LINE = PORTAL_YAML.count("\n") + 1  # the line of "- id: x"


def _line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("changes", "field", "needle"),
    [
        ({"licence": "CC-BY-4.0"}, "licence", "licence:"),
        ({"title": "{ja: 施設一覧, en: Facilities, fr: Équipements}"}, "title.fr", "fr:"),
        ({"source": "{title: {ja: 鹿沼市, en: Kanuma City}, license: CC BY 4.0, "
                    "licence_url: https://example.org}"}, "source.licence_url", "source:"),
        ({"resources": "[{name: main, path: datasets/x/main.csv, format: csv, "
                       "schema: datasets/x/main.schema.json, encoding: cp932}]"},
         "resources[0].encoding", "resources:"),
        ({"resources": "\n      - name: main\n        path: datasets/x/main.csv\n"
                       "        format: csv\n        schema: datasets/x/main.schema.json\n"
                       "        title: {ja: 本体, en: Main, kana: ホンタイ}"},
         "resources[0].title.kana", "kana"),
    ],
)
def test_an_unknown_key_in_an_entry_is_an_error_naming_the_key_entry_and_line(
        tmp_path: Path, changes: dict[str, str], field: str, needle: str) -> None:
    path = write(tmp_path, entry("x", **changes))
    catalog, findings = load_catalog(path)
    assert [d.id for d in catalog.datasets] == ["x"]  # the entry still loads
    assert [(f.code, f.severity, f.file, f.line, f.params) for f in findings] == [
        ("catalog-unknown-field", "error", "catalog.yaml",
         _line_of(path.read_text(encoding="utf-8"), needle), {"entry": "x", "field": field})]


def test_an_unquoted_comma_in_a_flow_mapping_is_caught(tmp_path: Path) -> None:
    # The dx-glossary bug: YAML reads a shorter title and a key `glossary: null`.
    path = write(tmp_path, entry("x", source="\n      title: {ja: 用語集, en: DX Plan (February "
                                             "2024), glossary}\n      license: CC BY 4.0"))
    catalog, findings = load_catalog(path)
    assert catalog.datasets[0].source.title.en == "DX Plan (February 2024)"
    assert [(f.code, f.line, f.params) for f in findings] == [
        ("catalog-unknown-field", ENTRY_LINE + 11, {"entry": "x", "field": "source.title.glossary"})]
    assert findings[0].message("en") == (
        "Dataset x has an unknown field source.title.glossary (check the spelling).")


def test_an_unknown_key_in_an_entry_that_does_not_load_is_reported_too(tmp_path: Path) -> None:
    catalog, findings = load_catalog(write(tmp_path, entry("x", category="", licence="MIT")))
    assert catalog.datasets == () and [label for label, _ in catalog.broken] == ["x"]
    assert sorted((f.code, f.params["field"]) for f in findings) == [
        ("catalog-field-missing", "category"), ("catalog-unknown-field", "licence")]


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("portal:\n", "portal:\n  homepage: https://www.city.kanuma.tochigi.jp/\n",
         "portal.homepage", 2),
        ("    address: 栃木県", "    fax: 0289-00-0000\n    address: 栃木県",
         "portal.contact.fax", 15),
        ("  city: {ja: 鹿沼市, en: Kanuma City}", "  city: {ja: 鹿沼市, en: Kanuma, City}",
         "portal.city.City", 4),
        ("datasets:\n", "version: 2\ndatasets:\n", "version", 17),
    ],
)
def test_an_unknown_key_outside_the_entries_is_an_error(tmp_path: Path, old: str, new: str,
                                                        field: str, line: int) -> None:
    text = PORTAL_YAML.replace(old, new, 1) + entry("x")
    assert text != PORTAL_YAML + entry("x")
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    catalog, findings = load_catalog(path)
    assert [d.id for d in catalog.datasets] == ["x"]
    assert [(f.code, f.severity, f.line, f.params) for f in findings] == [
        ("catalog-unknown-key", "error", line, {"field": field})]


def test_an_unknown_key_fails_validation_on_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, entry("x", licence="CC-BY-4.0"))
    assert main(["validate", "x", "--catalog", str(path), "--format", "github",
                 "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"::error file=catalog.yaml,line={ENTRY_LINE + 12},title=catalog-unknown-field::Dataset x "
        "has an unknown field licence (check the spelling).%0ACompare the field name with the "
        "list in docs/catalog.md. Put a value that holds a comma or a colon in quotes (\"…\"); "
        "unquoted, YAML cuts the value there and reads the rest as a field name.")


def test_the_real_catalog_has_no_unknown_key() -> None:
    _, findings = load_catalog(ROOT / "catalog.yaml")
    assert [f for f in findings if f.code.startswith("catalog-unknown")] == []


# Each guide to the catalog: the heading of each table of keys → the record it documents.
DOCUMENTED: dict[str, dict[str, Shape]] = {
    "catalog.md": {
        "## The top level": CATALOG, "## The portal section": PORTAL, "### contact": CONTACT,
        "## A dataset entry": DATASET, "### source": SOURCE, "### resources": RESOURCE,
        "### Texts in two languages": TEXT, "## A data request (`requests:`)": REQUEST,
        "## A use (`uses:`)": USE},
    "catalog.ja.md": {
        "## 最上位": CATALOG, "## portal の部分": PORTAL, "### contact": CONTACT,
        "## データセットの項目": DATASET, "### source": SOURCE, "### resources": RESOURCE,
        "### 二つの言語の文章": TEXT, "## データ公開要望の項目 (`requests:`)": REQUEST,
        "## 利活用事例の項目 (`uses:`)": USE},
}


def _documented_keys(guide: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    heading = ""
    for line in (ROOT / "docs" / guide).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = line.strip()
        elif heading in DOCUMENTED[guide] and (match := re.match(r"\| `([a-z_]+)` \|", line)):
            found.setdefault(heading, set()).add(match.group(1))
    return found


@pytest.mark.parametrize("guide", DOCUMENTED)
def test_every_accepted_key_is_documented_and_every_documented_key_accepted(guide: str) -> None:
    assert _documented_keys(guide) == {heading: set(shape)
                                       for heading, shape in DOCUMENTED[guide].items()}
