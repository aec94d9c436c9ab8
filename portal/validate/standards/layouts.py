"""The bundled layouts of the 自治体標準オープンデータセット: one JSON file per layout in
``schemas/``, each naming its source and whether its columns and their required status are
confirmed (``x-source``, ``x-status``).

A standard type (``"07"`` AED設置箇所一覧) may have several layouts: the first version
(推奨データセット, ``07-v1``: 都道府県コード又は市区町村コード, NO, 都道府県名, 市区町村名 …)
and the current one (``13``: 全国地方公共団体コード, ID, 地方公共団体名, 所在地_… ). A catalog
entry names the type; a file is checked against the layout of that type it matches best.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from portal.validate.tableschema import LOOKALIKES


@dataclass(frozen=True)
class StandardType:
    ja: str
    en: str
    stem: str | None  # the file name stem (092053_<stem>.csv); None where none was confirmed


# Type ids as the portal numbers the standard datasets (docs/validate.md). A stem is known
# only where a published standard file carries it (Yaizu City's 222127_aed.csv …) or the
# portal already publishes it (opendata_list, evacuation_shelter); elsewhere no file name
# is required.
TYPES: dict[str, StandardType] = {
    "01": StandardType("公共施設一覧", "Public facilities", "public_facility"),
    "02": StandardType("文化財一覧", "Cultural properties", None),
    "03": StandardType("指定緊急避難場所一覧", "Designated emergency evacuation sites",
                       "evacuation_space"),
    "03-shelter": StandardType("指定避難所一覧", "Designated evacuation shelters",
                               "evacuation_shelter"),
    "04": StandardType("地域・年齢別人口", "Population by area and age", None),
    "05": StandardType("子育て施設一覧", "Childcare facilities", "preschool"),
    "06": StandardType("オープンデータ一覧", "Open data list", "opendata_list"),
    "07": StandardType("AED設置箇所一覧", "AED locations", "aed"),
    "08": StandardType("介護サービス事業所一覧", "Care service providers", None),
    "09": StandardType("医療機関一覧", "Medical institutions", None),
    "10": StandardType("観光施設一覧", "Tourist facilities", "tourism"),
    "11": StandardType("イベント一覧", "Events", None),
    "12": StandardType("公衆無線LANアクセスポイント一覧", "Public wireless LAN access points",
                       "public_wireless_lan"),
    "13": StandardType("公衆トイレ一覧", "Public toilets", "public_toilet"),
    "14": StandardType("消防水利施設一覧", "Fire water supply facilities", "fire_hydrant"),
}


# The leading columns the current edition renamed (its 全国地方公共団体コード is the first
# version's 都道府県コード又は市区町村コード …): a file in the current edition of a type whose
# current layout is not bundled is checked against the first version with these as the same
# columns, so it is not told that 住所 is missing when it has 所在地_連結表記.
RENAMED: dict[str, tuple[str, ...]] = {
    "都道府県コード又は市区町村コード": ("全国地方公共団体コード",),
    "NO": ("ID",),
    "都道府県名": ("地方公共団体名", "所在地_都道府県"),
    "市区町村名": ("地方公共団体名", "所在地_市区町村"),
    "住所": ("所在地_連結表記",),
    "方書": ("建物名等(方書)",),
}


@dataclass(frozen=True)
class StandardField:
    name: str
    type: str
    required: bool


@dataclass(frozen=True)
class Layout:
    id: str  # the schema file's stem: "07-v1", "13"
    type_id: str  # "07"
    title: str
    fields: tuple[StandardField, ...]
    source: str
    status: dict[str, str]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def confirmed(self) -> bool:
        return all(value == "confirmed" for value in self.status.values())


def comparable(label: str) -> str:
    """A column name as layouts are matched: NFKC (（ → (), look-alike dashes and waves
    (U+2015 ― for ー, ～ for 〜) folded, outer spaces dropped."""
    return unicodedata.normalize("NFKC", label).strip().translate(LOOKALIKES)


def _layout_files() -> list[str]:
    folder = resources.files("portal.validate.standards").joinpath("schemas")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))


@cache
def standard_schema(layout_id: str) -> dict[str, Any]:
    """The bundled schema file of ``layout_id`` (a layout id, or a type id that has a layout
    of the same name)."""
    text = resources.files("portal.validate.standards").joinpath(
        f"schemas/{layout_id}.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


@cache
def layouts() -> tuple[Layout, ...]:
    found = []
    for name in _layout_files():
        schema = standard_schema(name.removesuffix(".json"))
        found.append(Layout(
            id=str(schema["x-layout"]), type_id=str(schema["x-standard"]),
            title=str(schema["title"]),
            fields=tuple(StandardField(str(f["name"]), str(f["type"]), bool(f["x-required"]))
                         for f in schema["fields"]),
            source=str(schema["x-source"]), status=dict(schema["x-status"])))
    return tuple(found)


def layout(layout_id: str) -> Layout:
    return next(item for item in layouts() if item.id == layout_id)


def layouts_of(type_id: str) -> tuple[Layout, ...]:
    return tuple(item for item in layouts() if item.type_id == type_id)


def standard_fields(layout_id: str) -> tuple[str, ...]:
    return layout(layout_id).names


def best_layout(type_id: str, header: tuple[str, ...]) -> Layout:
    """The layout of ``type_id`` that shares most columns with ``header``; on a tie the
    current one (its file sorts first: "13" before "13-v1")."""
    labels = {comparable(label) for label in header}
    candidates = layouts_of(type_id)
    return max(candidates, key=lambda item: (
        sum(comparable(name) in labels for name in item.names), -candidates.index(item)))
