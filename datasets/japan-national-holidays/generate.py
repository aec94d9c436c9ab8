"""Regenerate holidays.csv: 国民の祝日・休日 from 2020 to 2027.

Source: 内閣府「国民の祝日について」 as computed by ``jpholiday`` (pip install jpholiday), which
implements the 国民の祝日に関する法律 including substitute holidays (振替休日).
Run: python datasets/japan-national-holidays/generate.py
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import jpholiday

from portal.publishing.formats import write_records

HERE = Path(__file__).resolve().parent
FIRST_YEAR, LAST_YEAR = 2020, 2027
WEEKDAYS = "月火水木金土日"


def rows() -> list[dict[str, str]]:
    return [{"日付": day.isoformat(), "曜日": WEEKDAYS[day.weekday()], "名称": name}
            for day, name in jpholiday.between(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))]


def main(out: Path = HERE / "holidays.csv") -> None:
    write_records(out, rows())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "holidays.csv")
