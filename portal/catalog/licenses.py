"""Accepted licences by SPDX id, with their names and deeds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class License:
    id: str
    ja: str
    en: str
    url: str
    open: bool = True


LICENSES: dict[str, License] = {
    lic.id: lic
    for lic in (
        License("CC-BY-4.0", "クリエイティブ・コモンズ 表示 4.0 国際",
                "Creative Commons Attribution 4.0 International",
                "https://creativecommons.org/licenses/by/4.0/"),
        License("CC-BY-SA-4.0", "クリエイティブ・コモンズ 表示-継承 4.0 国際",
                "Creative Commons Attribution-ShareAlike 4.0 International",
                "https://creativecommons.org/licenses/by-sa/4.0/"),
        License("CC0-1.0", "CC0 1.0 全世界 パブリック・ドメイン提供",
                "Creative Commons Zero 1.0 Universal",
                "https://creativecommons.org/publicdomain/zero/1.0/"),
        License("ODbL-1.0", "オープンデータベースライセンス 1.0",
                "Open Data Commons Open Database License 1.0",
                "https://opendatacommons.org/licenses/odbl/1-0/"),
        License("PDDL-1.0", "オープンデータコモンズ パブリックドメイン専用ライセンス 1.0",
                "Open Data Commons Public Domain Dedication and License 1.0",
                "https://opendatacommons.org/licenses/pddl/1-0/"),
    )
}
