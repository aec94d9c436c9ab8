"""`Finding` lives below catalog/ and validate/, and stays importable where it used to be."""

from __future__ import annotations

import ast
from pathlib import Path

import portal.findings
import portal.validate.report

PORTAL = Path(portal.findings.__file__).resolve().parent


def test_the_report_module_re_exports_the_one_finding_record() -> None:
    assert portal.validate.report.Finding is portal.findings.Finding


def test_the_catalog_package_does_not_reach_up_into_validate() -> None:
    imports = []
    for path in sorted((PORTAL / "catalog").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imports.append((path.name, node.module))
    assert [(name, module) for name, module in imports
            if module.startswith("portal.validate")] == []
