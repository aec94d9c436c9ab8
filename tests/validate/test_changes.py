"""`--changed-since REF`: only datasets whose files or catalog entry differ from REF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from portal.catalog.load import load_catalog
from portal.cli import main
from portal.errors import UsageError
from portal.validate.changes import changed_datasets

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
