"""Every UI label exists in Japanese and English with the same placeholders; formatting per locale."""

from __future__ import annotations

import string
from datetime import date

from portal.web.i18n import LABELS, fmt_bytes, fmt_date, fmt_number, t


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_label_has_japanese_and_english_with_the_same_placeholders() -> None:
    missing = [key for key, (ja, en) in LABELS.items() if not ja.strip() or not en.strip()]
    mismatched = [key for key, (ja, en) in LABELS.items()
                  if _placeholders(ja) != _placeholders(en)]
    assert (missing, mismatched) == ([], [])


def test_labels_used_by_the_site_exist() -> None:
    import re
    from pathlib import Path

    web = Path(__file__).resolve().parents[2] / "portal" / "web"
    used = set()
    for path in web.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*f?["']([a-z0-9-]+)["']""", path.read_text("utf-8")))
    assert sorted(used - set(LABELS)) == []


def test_dates_and_numbers_follow_the_locale() -> None:
    assert fmt_date("2026-11-25", "ja") == "2026年11月25日"
    assert fmt_date(date(2026, 11, 25), "en") == "25 November 2026"
    assert (fmt_number(12345, "ja"), fmt_number(12345.5, "en")) == ("12,345", "12,345.5")
    assert (fmt_bytes(512, "ja"), fmt_bytes(4300, "en")) == ("512 B", "4.2 KB")


def test_labels_fill_their_placeholders() -> None:
    assert t("results", "ja", n=2) == "2 件のデータセット"
    assert t("results", "en", n=2) == "2 datasets"
