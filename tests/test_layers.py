"""The layers contract of pyproject.toml ([tool.importlinter]): imports point downwards.

`make test` runs `lint-imports` before the suite; these tests run it too, on this checkout and
on a copy with one import pointing upwards, so the suite fails when the contract stops
catching what it is for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.is_file(), reason="import-linter not installed")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with ``root``'s pyproject.toml, importing ``root``'s portal/."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120)


def copy_of_portal(target: Path) -> Path:
    """The Python modules of portal/ and the pyproject.toml, nothing else."""
    shutil.copytree(ROOT / "portal", target / "portal",
                    ignore=lambda folder, names: [n for n in names if not n.endswith(".py")
                                                  and not (Path(folder) / n).is_dir()
                                                  or n == "__pycache__"])
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def test_imports_keep_to_the_layers() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Layers point downwards KEPT" in done.stdout
    assert "Contracts: 1 kept, 0 broken." in done.stdout


def test_an_import_of_the_build_from_query_breaks_the_contract(tmp_path: Path) -> None:
    root = copy_of_portal(tmp_path)
    totals = root / "portal/query/totals.py"
    totals.write_text(totals.read_text(encoding="utf-8")
                      + "\nfrom portal.publishing.sqlite import write_sqlite  # noqa\n",
                      encoding="utf-8")
    done = lint_imports(root)
    assert done.returncode == 1
    assert "portal.query is not allowed to import portal.publishing" in done.stdout
    assert "- portal.query.totals -> portal.publishing.sqlite" in done.stdout


def test_a_module_placed_in_no_layer_breaks_the_contract(tmp_path: Path) -> None:
    root = copy_of_portal(tmp_path)
    (root / "portal/newcomer.py").write_text('"""Not yet in a layer."""\n', encoding="utf-8")
    done = lint_imports(root)
    assert done.returncode == 1
    assert "- portal.newcomer" in done.stdout
