"""`portal … --help` speaks to staff in Japanese first, then English, for every option."""

from __future__ import annotations

import argparse
import re

import pytest

from portal.cli import _parser

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _commands() -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_option_is_explained_in_japanese_and_english(command: str) -> None:
    parser = _commands()[command]
    unexplained = [action.dest for action in parser._actions
                   if not isinstance(action, argparse._HelpAction)
                   and not (action.help and JAPANESE.search(action.help)
                            and ENGLISH.search(action.help))]
    assert unexplained == []


def test_new_and_import_show_an_example_and_where_the_guide_is(
        capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("new", "import"):
        with pytest.raises(SystemExit):
            _parser().parse_args([command, "--help"])
        out = capsys.readouterr().out
        assert f"portal {command} " in out.split("例 / example:")[1]
        assert "docs/" in out
