"""The readings and cell words the build gives search (portal.readings)."""

from __future__ import annotations

from portal.readings import MAX_TABLE_ROWS, cell_words, reading, readings


def test_kanji_are_read_in_hiragana_and_kana_stay_as_written() -> None:
    assert reading("指定避難所一覧") == "していひなんじょいちらん"
    assert reading("郵便番号") == "ゆうびんばんごう"
    assert reading("オンライン申請") == "おんらいんしんせい"


def test_a_title_and_its_tags_give_one_reading_a_line() -> None:
    assert readings("鹿沼市 指定避難所一覧", ("防災", "避難所", " ")) == (
        "かぬまし していひなんじょいちらん\nぼうさい\nひなんじょ")


def test_cell_words_are_the_distinct_short_cells_in_order() -> None:
    columns = [["オンライン申請", "", "窓口", "オンライン申請"], ["窓口", "あ" * 201, " 電子申請 "]]
    assert cell_words(columns, 4) == "オンライン申請\n窓口\n電子申請"


def test_a_large_table_gives_no_cell_words() -> None:
    assert cell_words([["オンライン申請"]], MAX_TABLE_ROWS + 1) == ""
    assert cell_words([["オンライン申請"]], MAX_TABLE_ROWS) == "オンライン申請"
