"""An entry staff are still filling in: every blank field at once, and its files checked."""

from __future__ import annotations

from pathlib import Path

from portal.validate.engine import validate_catalog
from tests.conftest import TODAY


def test_an_incomplete_entry_lists_every_blank_field_and_still_has_its_files_checked(
        test_catalog: Path) -> None:
    text = test_catalog.read_text(encoding="utf-8")
    text = text.replace("    category: living\n", "    category:\n", 1)
    text = text.replace("    frequency: annual\n", "", 1)
    test_catalog.write_text(text, encoding="utf-8")
    data = test_catalog.parent / "datasets/generated-facilities/facilities.csv"
    data.write_bytes(data.read_bytes().replace(b"\r\n3,", b"\r\nthree,", 1))
    report = validate_catalog(test_catalog, today=TODAY)
    facilities = next(d for d in report.datasets if d.id == "generated-facilities")
    assert [(f.code, f.params.get("field"), f.row) for f in facilities.findings
            if f.is_error] == [("catalog-field-missing", "category", None),
                               ("catalog-field-missing", "frequency", None),
                               ("cell-type-error", None, 4)]
    assert not facilities.valid
