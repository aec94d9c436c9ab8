"""A malformed entry is explained in the reader's language only: ``--lang en`` prints no
Japanese of ours, ``--lang ja`` no English of ours (the entry's own values are quoted as
written)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from portal.cli import main
from portal.messages import REASONS, placeholders
from tests.catalog.test_load import entry, write

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# One entry per reason the catalog loader gives, each with ASCII values only, so that any
# Japanese in an English message is the portal's own.
BROKEN = [
    entry("a-title", title="just-text"),
    entry("b-title", title="[1, 2]"),
    entry("c-english", changes="[{date: 2024-05-01, summary: {ja: x, en: ''}}]"),
    entry("d-date", issued="2024-02-30"),
    entry("e-date", issued="April"),
    entry("f-choice", frequency="sometimes"),
    entry("g-resources", resources="[]"),
    entry("h-resource", resources="[oops]"),
    entry("i-name", resources="[{name: Bad Name, path: datasets/i-name/m.csv, format: csv, "
                              "schema: datasets/i-name/m.schema.json}]"),
    entry("j-path", resources="[{name: main, path: elsewhere/m.csv, format: csv, "
                              "schema: datasets/j-path/m.schema.json}]"),
    entry("k-source", source="plain"),
    entry("l-publisher", publisher="nobody"),
    entry("m-changes", changes="plain"),
    entry("n-tags", tags="[1, '']"),
    entry("o-withdrawn", withdrawn="2024-06-01"),
    entry("p-modified", modified="2024-01-01"),
]


def _messages(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> list[str]:
    """The catalog finding of each broken entry, in the order of BROKEN."""
    path = write(tmp_path, *BROKEN)
    assert main(["validate", "--catalog", str(path), "--format", "json", "--lang", lang]) == 1
    report = json.loads(capsys.readouterr().out)
    found = {dataset["id"]: [error["message"][lang] for error in dataset["errors"]
                             if error["code"].startswith("catalog-")]
             for dataset in report["datasets"]}
    return [message for text in BROKEN for message in found[text.split()[2]]]


def test_english_messages_carry_no_japanese(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    messages = _messages(tmp_path, capsys, "en")
    assert len(messages) == len(BROKEN)
    assert [m for m in messages if JAPANESE.search(m)] == []
    assert "Dataset d-date: field issued is invalid: no such date: 2024-02-30" in messages[3]
    assert messages[5] == ("Dataset f-choice: field frequency is invalid: 'sometimes' is not "
                           "one of: annual, daily, irregular, monthly, quarterly, semiannual, "
                           "weekly")


def test_japanese_messages_carry_no_english_of_ours(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    messages = _messages(tmp_path, capsys, "ja")
    assert len(messages) == len(BROKEN)
    assert [m for m in messages if " / " in m] == []  # the old "日本語 / English" pairs
    assert messages[6] == "データセット g-resources の項目 resources が不正です: 1件以上のファイルが必要です"


@pytest.mark.parametrize("code", sorted(REASONS))
def test_a_reason_takes_the_same_placeholders_in_both_languages(code: str) -> None:
    ja, en = REASONS[code]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
    assert ja.strip() and en.strip() and placeholders(ja) == placeholders(en)
