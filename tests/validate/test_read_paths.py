"""The fast reader (pandas' C parser) and the exact one (csv module) agree wherever the fast
one is used, and the fast one steps aside for anything irregular."""

from __future__ import annotations

import pytest

from portal.validate.read import _fast_table, exact_table

REGULAR = [
    "名称,人数\n今宮,3\n西沢,\n,4\n",
    "名称,人数\r\n今宮,3\r\n西沢,４\r\n",
    "a\nNA\nnull\n\n x \n",
    "名称,日付,備考\n今宮,令和5年4月1日,  前後に空白  \n北部,2024-04-01,#comment\n",
]
IRREGULAR = [
    '名称,備考\n今宮,"改行\nあり"\n',  # a cell with a line break
    "名称,人数\n今宮,3,9\n",  # a row longer than the header
    "名称,人数\n今宮\n",  # a row shorter than the header
    "名称,人数\n\n今宮,3\n",  # a blank line
    "名称,人数,\n今宮,3,\n",  # a trailing empty column
    "名称,人数\r今宮,3\r",  # lone CR line ends
]


@pytest.mark.parametrize("text", REGULAR)
def test_fast_and_exact_readers_give_the_same_table(text: str) -> None:
    fast = _fast_table(text, "f.csv", "utf-8", "\n")
    exact, findings = exact_table(text, "f.csv", "utf-8", "\n")
    assert fast is not None and exact is not None and findings == []
    assert fast.header == exact.header
    assert fast.cells.astype(object).values.tolist() == exact.cells.values.tolist()
    assert fast.first_lines == exact.first_lines == ()


@pytest.mark.parametrize("text", IRREGULAR)
def test_irregular_files_take_the_exact_path(text: str) -> None:
    assert _fast_table(text, "f.csv", "utf-8", "\n") is None
