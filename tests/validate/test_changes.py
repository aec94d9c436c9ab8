"""`--changed-since REF` checks exactly the datasets whose entry or files changed."""

import subprocess
from pathlib import Path

import pytest

from portal.cli import main
from portal.errors import UsageError
from portal.validate.changes import changed_datasets


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=staff@example.invalid",
                    "-c", "user.name=staff", *args], check=True, capture_output=True)


@pytest.fixture
def repo(test_catalog: Path) -> Path:
    root = test_catalog.parent
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "catalog")
    return test_catalog


def test_a_changed_file_selects_its_dataset(repo: Path) -> None:
    assert changed_datasets(repo, "HEAD") == set()
    csv = repo.parent / "datasets/generated-population/areas.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + "新地区,説明\n", encoding="utf-8")
    assert changed_datasets(repo, "HEAD") == {"generated-population"}


def test_a_changed_entry_selects_its_dataset(repo: Path) -> None:
    text = repo.read_text(encoding="utf-8")
    repo.write_text(text.replace("生成された施設一覧(テスト用)", "生成された施設の一覧(テスト用)"),
                    encoding="utf-8")
    assert changed_datasets(repo, "HEAD") == {"generated-facilities"}


def test_an_unknown_ref_is_a_usage_error(repo: Path) -> None:
    with pytest.raises(UsageError) as caught:
        changed_datasets(repo, "no-such-branch")
    assert caught.value.code == "git-ref-unknown"


def test_annotations_for_the_changed_dataset_only(repo: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    csv = repo.parent / "datasets/generated-population/population.csv"
    text = csv.read_bytes().decode("utf-8-sig").replace("\n2016,", "\n2O16,", 1)
    csv.write_bytes(("\ufeff" + text).encode("utf-8"))
    facilities = repo.parent / "datasets/generated-facilities/facilities.csv"
    assert facilities.exists()
    assert main(["validate", "--catalog", str(repo), "--changed-since", "HEAD",
                 "--format", "github"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    assert lines == [lines[0]]
    assert lines[0].startswith("::error file=datasets/generated-population/population.csv,"
                               "line=7,col=1,title=cell-type-error::")
