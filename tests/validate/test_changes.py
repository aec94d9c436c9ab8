"""`--changed-since REF`: only datasets whose files or catalog entry differ from REF."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from portal.catalog.load import load_catalog
from portal.cli import main
from portal.errors import UsageError
from portal.validate.changes import changed_datasets
from portal.validate.engine import validate_catalog

DATA = Path(__file__).resolve().parent.parent / "data" / "catalog"
POPULATION = "datasets/generated-population/population.csv"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=portal@example.invalid",
         "-c", "user.name=Portal Tests", "-c", "commit.gpgsign=false", *args],
        capture_output=True, text=True, check=True)
    return done.stdout


def _repository(repo: Path, folder: str) -> Path:
    """A git repository with the test catalog in ``folder`` ("" for the top), committed, and a
    README.md beside it; returns its catalog.yaml."""
    repo.mkdir()
    _git(repo, "init", "--quiet")
    _git(repo, "config", "core.quotePath", "true")
    shutil.copytree(DATA, repo / folder, dirs_exist_ok=True)
    (repo / "README.md").write_text("鹿沼市オープンデータ\n", encoding="utf-8")
    _git(repo, "add", "--all")
    _git(repo, "commit", "--quiet", "-m", "catalog")
    return repo / folder / "catalog.yaml"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """The test catalog in site/ of a git repository."""
    return _repository(tmp_path / "repo", "site")


def _break_population(catalog: Path) -> None:
    path = catalog.parent / POPULATION
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace("2015,北部,15611,4471\n", "2015,北部,15611人,4471\n", 1),
                    encoding="utf-8-sig")


def test_nothing_changed(catalog: Path) -> None:
    assert changed_datasets(catalog, "HEAD") == set()


def test_modified_csv_selects_its_dataset(catalog: Path) -> None:
    _break_population(catalog)
    assert changed_datasets(catalog, "HEAD") == {"generated-population"}


def test_new_untracked_file_selects_its_dataset(catalog: Path) -> None:
    (catalog.parent / "datasets" / "generated-facilities" / "extra.csv").write_text(
        "a\n1\n", encoding="utf-8")
    assert changed_datasets(catalog, "HEAD") == {"generated-facilities"}


def test_title_only_change_selects_the_entry(catalog: Path) -> None:
    text = catalog.read_text(encoding="utf-8")
    old = "title: {ja: 生成された施設一覧(テスト用), en: Generated facilities (test data)}"
    assert old in text
    catalog.write_text(text.replace(old, old.replace("施設一覧", "施設の一覧")), encoding="utf-8")
    assert changed_datasets(catalog, "HEAD") == {"generated-facilities"}


def test_comment_only_change_selects_nothing(catalog: Path) -> None:
    catalog.write_text(catalog.read_text(encoding="utf-8") + "# a closing comment\n",
                       encoding="utf-8")
    loaded, findings = load_catalog(catalog)
    assert findings == () and "generated-facilities" in {d.id for d in loaded.datasets}
    assert changed_datasets(catalog, "HEAD") == set()


def test_catalog_at_the_top_of_the_repository(tmp_path: Path) -> None:
    top = _repository(tmp_path / "top", "")
    _break_population(top)
    (top.parent / "README.md").write_text("更新\n", encoding="utf-8")
    assert changed_datasets(top, "HEAD") == {"generated-population"}


def test_change_outside_the_catalog_directory_is_ignored(catalog: Path) -> None:
    _break_population(catalog)
    (catalog.parent.parent / "README.md").write_text("更新\n", encoding="utf-8")
    assert changed_datasets(catalog, "HEAD") == {"generated-population"}


def test_non_ascii_file_name_selects_its_dataset(tmp_path: Path) -> None:
    top = _repository(tmp_path / "top", "")
    (top.parent / "datasets" / "generated-population" / "人口.csv").write_text(
        "年\n2015\n", encoding="utf-8")
    assert changed_datasets(top, "HEAD") == {"generated-population"}


def test_bad_ref_is_a_usage_error(catalog: Path) -> None:
    with pytest.raises(UsageError) as raised:
        changed_datasets(catalog, "no-such-branch")
    assert raised.value.code == "git-ref-unknown"
    assert raised.value.parameter == "--changed-since"
    assert raised.value.params["ref"] == "no-such-branch"


def test_bad_ref_on_the_command_line_exits_2(catalog: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--catalog", str(catalog), "--changed-since",
                 "no-such-branch", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        "portal validate: git reference no-such-branch cannot be found: ")


def test_cli_reports_only_the_changed_dataset(catalog: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _break_population(catalog)
    assert main(["validate", "--catalog", str(catalog), "--changed-since", "HEAD",
                 "--format", "github", "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"::error file={POPULATION},line=2,col=3,title=number-with-unit::{POPULATION} row 2, "
        'column "人口": the number "15611人" contains a unit or symbol.%0AWrite the number '
        "alone; put the unit in the column name or schema (e.g. 123).",
    ]


def test_cli_with_no_changes_checks_nothing(catalog: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--catalog", str(catalog), "--changed-since", "HEAD",
                 "--format", "json"]) == 0
    assert capsys.readouterr().out == (
        '{\n  "valid": true,\n  "catalog": {\n    "errors": [],\n    "warnings": []\n  },\n'
        '  "datasets": []\n}\n')


def test_a_change_to_the_portal_section_selects_every_dataset(catalog: Path) -> None:
    # The local government code is checked in every dataset's file names and codes.
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('local_government_code: "092053"',
                                    'local_government_code: "092088"'), encoding="utf-8")
    assert changed_datasets(catalog, "HEAD") == {
        d.id for d in load_catalog(catalog)[0].datasets}


def test_reformatting_an_entry_selects_nothing(catalog: Path) -> None:
    text = catalog.read_text(encoding="utf-8")
    old = "title: {ja: 生成された施設一覧(テスト用), en: Generated facilities (test data)}"
    catalog.write_text(text.replace(old, "title:\n      ja: 生成された施設一覧(テスト用)\n"
                                         "      en: Generated facilities (test data)"),
                       encoding="utf-8")
    loaded, findings = load_catalog(catalog)
    assert findings == () and "generated-facilities" in {d.id for d in loaded.datasets}
    assert changed_datasets(catalog, "HEAD") == set()


# --- the pull-request check on a copy of the real catalog ---------------------------------------

ROOT = Path(__file__).resolve().parents[2]
NEW_ENTRY = """\
  - id: parks
    title: {ja: 公園一覧, en: Parks}
    description: {ja: '', en: ''}
    publisher: digital-policy
    category: ''
    tags: []
    license: CC-BY-4.0
    issued: 2026-12-01
    modified: 2026-12-01
    frequency: annual
    source:
      title: {ja: 鹿沼市, en: Kanuma City}
      license: 鹿沼市
    resources:
      - {name: parks, path: datasets/parks/parks.csv, format: csv, schema: datasets/parks/parks.schema.json}
"""


@pytest.fixture
def real(tmp_path: Path) -> Path:
    """The portal's own catalog and data, committed in a fresh git repository."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "--quiet")
    shutil.copy(ROOT / "catalog.yaml", repo / "catalog.yaml")
    shutil.copytree(ROOT / "datasets", repo / "datasets")
    _git(repo, "add", "--all")
    _git(repo, "commit", "--quiet", "-m", "catalog")
    return repo / "catalog.yaml"


def _commit(catalog: Path, message: str) -> None:
    _git(catalog.parent, "add", "--all")
    _git(catalog.parent, "commit", "--quiet", "-m", message)


def _json_report(catalog: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[
        int, dict[str, Any]]:
    code = main(["validate", "--catalog", str(catalog), "--changed-since", "HEAD~1",
                 "--format", "json", "--lang", "en", *args])
    return code, json.loads(capsys.readouterr().out)


def _brief(report: dict[str, Any]) -> list[tuple[str, bool, list[tuple[str, int | None, str]]]]:
    return [(d["id"], d["valid"], [(e["code"], e["line"], e["message"]["en"])
                                   for e in d["errors"] + d["warnings"]])
            for d in report["datasets"]]


def test_a_new_entry_that_does_not_load_fails_the_check(
        real: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # What `portal new` leaves: a blank category. The entry does not load, and before it was
    # not selected at all, so the check passed.
    (real.parent / "datasets" / "parks").mkdir()
    (real.parent / "datasets" / "parks" / "parks.csv").write_text("名称\n中央公園\n",
                                                                  encoding="utf-8")
    text = real.read_text(encoding="utf-8")
    real.write_text(text + NEW_ENTRY, encoding="utf-8")
    _commit(real, "add parks")
    code, report = _json_report(real, capsys)
    assert code == 1
    assert report["valid"] is False
    assert report["catalog"] == {"errors": [], "warnings": []}
    # Its files are checked while the entry is incomplete: the schema is missing too.
    assert _brief(report) == [
        ("parks", False, [("catalog-field-missing", text.count("\n") + 1,
                           "Dataset parks lacks the required field category."),
                          ("schema-missing", None, "Table Schema file "
                           "datasets/parks/parks.schema.json does not exist.")])]


def test_a_changed_entry_that_no_longer_loads_fails_the_check(
        real: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = real.read_text(encoding="utf-8")
    start = text.index("  - id: dx-glossary")
    old = "    frequency: irregular\n"
    at = text.index(old, start)
    real.write_text(text[:at] + "    frequency: sometimes\n" + text[at + len(old):],
                    encoding="utf-8")
    _commit(real, "break dx-glossary")
    code, report = _json_report(real, capsys)
    assert (code, report["valid"]) == (1, False)
    line = text[:at].count("\n") + 1
    assert _brief(report) == [
        ("dx-glossary", False, [(
            "catalog-field-invalid", line,
            "Dataset dx-glossary: field frequency is invalid: 'sometimes' is not one of: annual, daily, irregular, monthly, quarterly, semiannual, weekly")])]


def test_a_changed_entry_with_an_unknown_key_fails_the_check(
        real: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = real.read_text(encoding="utf-8")
    quoted = 'en: "Kanuma City DX Promotion Plan (February 2024), glossary"'
    assert quoted in text
    real.write_text(text.replace(quoted, quoted.replace('"', "")), encoding="utf-8")
    _commit(real, "unquote the glossary's source title")
    code, report = _json_report(real, capsys)
    assert (code, report["valid"]) == (1, False)
    assert _brief(report) == [
        ("dx-glossary", False, [(
            "catalog-unknown-field", _line(text, quoted),
            "Dataset dx-glossary has an unknown field source.title.glossary (check the "
            "spelling).")])]


def _line(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def test_a_removed_entry_selects_nothing(real: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    text = real.read_text(encoding="utf-8")
    start = text.index("  - id: dx-glossary")
    end = text.index("  - id: kanuma-postal-codes")
    real.write_text(text[:start] + text[end:], encoding="utf-8")
    shutil.rmtree(real.parent / "datasets" / "dx-glossary")
    _commit(real, "remove dx-glossary")
    code, report = _json_report(real, capsys)
    assert (code, report) == (0, {"valid": True, "catalog": {"errors": [], "warnings": []},
                                  "datasets": []})


def test_an_unchanged_catalog_selects_nothing(real: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (real.parent / "README.md").write_text("鹿沼市\n", encoding="utf-8")
    _commit(real, "readme only")
    code, report = _json_report(real, capsys)
    assert (code, report) == (0, {"valid": True, "catalog": {"errors": [], "warnings": []},
                                  "datasets": []})


def test_a_valid_new_entry_is_the_only_one_checked(real: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = real.parent / "datasets" / "parks"
    folder.mkdir()
    (folder / "parks.csv").write_text("名称\n中央公園\n", encoding="utf-8")
    (folder / "parks.schema.json").write_text(
        '{"fields": [{"name": "名称", "type": "string"}], "missingValues": [""]}',
        encoding="utf-8")
    entry = NEW_ENTRY.replace("category: ''", "category: living").replace(
        "description: {ja: '', en: ''}", "description: {ja: 公園の一覧です。, en: Parks.}")
    real.write_text(real.read_text(encoding="utf-8") + entry, encoding="utf-8")
    _commit(real, "add parks")
    code, report = _json_report(real, capsys)
    assert (code, _brief(report)) == (0, [("parks", True, [])])


def test_rewriting_an_empty_value_as_null_is_no_change(catalog: Path) -> None:
    # ruamel writes `{…, glossary}` back as `{…, glossary: null}` when `portal new` adds an
    # entry; the entry it rewrote is not changed by that.
    text = catalog.read_text(encoding="utf-8")
    old = "source: {title: {ja: テスト用生成データ, en: Generated test data}, license: CC0}"
    catalog.write_text(text.replace(old, old.replace("test data}", "test data, extra}"), 1),
                       encoding="utf-8")
    _git(catalog.parent, "commit", "--quiet", "-am", "an empty value")
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "test data, extra}", "test data, extra: null}", 1), encoding="utf-8")
    assert changed_datasets(catalog, "HEAD") == set()
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "test data, extra: null}", "test data, extra: ~}", 1), encoding="utf-8")
    assert changed_datasets(catalog, "HEAD") == set()


def test_an_entry_without_an_id_is_selected_by_its_position(catalog: Path) -> None:
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text + "  - title: {ja: 名前のない項目, en: No id}\n", encoding="utf-8")
    assert changed_datasets(catalog, "HEAD") == {"#3"}
    report = validate_catalog(catalog, changed_since="HEAD")
    # Every required field it lacks, at once.
    assert [(d.id, [f.params["field"] for f in d.findings]) for d in report.datasets] == [
        ("#3", ["id", "description", "publisher", "category", "license", "issued", "modified",
                "frequency", "source", "resources"])]
    assert not report.valid


def test_a_second_entry_with_an_existing_id_is_selected(catalog: Path) -> None:
    text = catalog.read_text(encoding="utf-8")
    start = text.index("  - id: generated-facilities")
    end = text.index("  - id: generated-population")
    catalog.write_text(text + text[start:end], encoding="utf-8")
    report = validate_catalog(catalog, changed_since="HEAD")
    assert [d.id for d in report.datasets] == ["generated-facilities"]
    assert [f.code for f in report.datasets[0].findings if f.is_error] == [
        "catalog-duplicate-id"]


def test_named_ids_that_did_not_change_are_not_checked(catalog: Path) -> None:
    _break_population(catalog)
    report = validate_catalog(catalog, ids=["generated-facilities"], changed_since="HEAD")
    assert (report.datasets, report.catalog, report.valid) == ((), (), True)
