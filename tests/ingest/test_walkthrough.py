"""The staff guide walked as staff walk it (#19): `portal new` without --fix, then
`--fix --update`, fill in the entry, validate — a valid dataset, no schema edited by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from portal.catalog.write import find_entry, load_document
from portal.cli import main
from portal.validate.engine import validate_catalog
from tests.ingest.helpers import REAL, TODAY

LINKDATA = REAL / "takamatsu-environmental-facilities.csv"  # #LINK rows above the header


def _fill(catalog: Path, dataset_id: str) -> None:
    yaml = YAML(typ="rt")
    document = yaml.load(catalog.read_text(encoding="utf-8"))
    entry = next(e for e in document["datasets"] if e["id"] == dataset_id)
    entry["title"]["en"] = "Environmental facilities"
    entry["description"]["ja"], entry["description"]["en"] = "環境施設の一覧", "Facilities"
    entry["publisher"] = "digital-policy"
    entry["category"], entry["frequency"] = "environment", "irregular"
    entry["source"]["title"]["ja"], entry["source"]["title"]["en"] = "高松市", "Takamatsu City"
    entry["source"]["license"] = "CC BY 4.0"
    with catalog.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle)


def test_new_then_fix_update_then_fill_in_gives_a_valid_dataset(
        test_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = ["new", str(LINKDATA), "--id", "env-facilities", "--catalog", str(test_catalog)]
    assert main(new) == 1
    schema = test_catalog.parent / "datasets/env-facilities/env-facilities.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8"))["fields"][0]["name"] == "#LINK"
    capsys.readouterr()
    assert main([*new, "--fix", "--update"]) == 1  # the entry is still to be filled in
    out = capsys.readouterr().out
    assert ("datasets/env-facilities/env-facilities.schema.json は列がデータと合わなくなったため"
            "書き直しました(旧: #LINK, column_2, column_3, column_4, column_5 / 新: No, name, "
            "address, telephoneNumber, referenceObject)。") in out
    assert "catalog.yaml の env-facilities に記入してください: publisher" in out
    assert [f["name"] for f in json.loads(schema.read_text(encoding="utf-8"))["fields"]][:3] \
        == ["No", "name", "address"]
    _fill(test_catalog, "env-facilities")
    report = validate_catalog(test_catalog, ids=["env-facilities"], today=TODAY)
    assert [(f.code, f.severity) for d in report.datasets for f in d.findings
            if f.is_error] == []
    entry = find_entry(load_document(test_catalog), "env-facilities")
    # The department's file, byte for byte, from the first run on: no UTF-8 conversion.
    original = test_catalog.parent / entry["resources"][0]["original"]
    assert original.read_bytes() == LINKDATA.read_bytes()


def test_an_incomplete_entry_of_a_standard_file_is_checked_against_its_standard(
        test_catalog: Path, tmp_path: Path) -> None:
    """Without the scaffold's own second check: validation checks the files of an entry
    still being filled in, with its `standard:` (here a required column deleted)."""
    source = tmp_path / "aed.csv"
    lines = (REAL / "yaizu-aed.csv").read_text(encoding="utf-8").splitlines()
    assert main(["new", str(REAL / "yaizu-aed.csv"), "--id", "aed", "--catalog",
                 str(test_catalog)]) == 1
    entry = find_entry(load_document(test_catalog), "aed")
    assert entry["standard"] == "07"
    data = test_catalog.parent / entry["resources"][0]["path"]
    header = lines[0].split(",")
    keep = [i for i, name in enumerate(header) if name != "名称"]
    source.write_text("\n".join(",".join(row.split(",")[i] for i in keep)
                                for row in lines) + "\n", encoding="utf-8")
    data.write_bytes(source.read_bytes())
    report = validate_catalog(test_catalog, ids=["aed"], today=TODAY)
    codes = {f.code for d in report.datasets for f in d.findings}
    assert "catalog-field-missing" in codes
    assert any(code.startswith("standard-column") for code in codes)
