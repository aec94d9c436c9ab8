"""The catalog's YAML reader: positions of keys and items, YAML 1.2 scalars, clear errors."""

from __future__ import annotations

import pytest

from portal.catalog.yaml_lines import YAMLError, load

TEXT = """\
portal:
  city: 鹿沼市
datasets:
  - id: first
    tags: [yes, no, on, off]
    issued: 2024-04-01
  # a comment between entries
  - id: second
    count: 0755
    code: 092053
    flags: [true, False, 0x1F, 0o17, -3, 1.5]
"""


def test_keys_and_items_keep_their_lines() -> None:
    root = load(TEXT)
    entries = root["datasets"]
    assert root.lc.line == 0 and root.lc.key("datasets") == (2, 0)
    assert [entries.lc.item(i)[0] + 1 for i in range(2)] == [4, 8]
    assert entries[1].lc.key("code")[0] + 1 == 10
    assert entries[0]["tags"].lc.item(3) == (4, 24)


def test_scalars_follow_yaml_1_2_not_1_1() -> None:
    entries = load(TEXT)["datasets"]
    # YAML 1.1 would read these as booleans; staff mean the words.
    assert entries[0]["tags"] == ["yes", "no", "on", "off"]
    # Dates stay text: the catalog loader reads them and reports an impossible one (#22).
    assert entries[0]["issued"] == "2024-04-01"
    assert entries[1]["count"] == 755 and entries[1]["code"] == 92053
    assert entries[1]["flags"] == [True, False, 31, 15, -3, 1.5]


@pytest.mark.parametrize(("text", "line", "problem"), [
    ("a: 1\nb: 2\na: 3\n", 3, "found duplicate key 'a'"),
    ("a:\n  - x\n - y\n", 3, None),
    ("a: [1, 2\n", 2, None),
])
def test_broken_yaml_names_the_line(text: str, line: int, problem: str | None) -> None:
    with pytest.raises(YAMLError) as raised:
        load(text)
    assert raised.value.problem_mark.line + 1 == line  # type: ignore[attr-defined]
    if problem:
        assert raised.value.problem == problem  # type: ignore[attr-defined]
