"""Which bundled standard layout a header is, told by the columns that distinguish it.

Most facility layouts share a leading block (code, NO/ID, names, address, 緯度, 経度, 電話番号,
URL, 備考 …): 14 of AED's 22 columns are in Wi-Fi's layout too, so counting shared columns
took Yaizu's 公衆無線LAN list for an AED list. Here each column weighs 1 / the number of
standard types that have it: SSID (one type) weighs 1, 名称 (all of them) next to nothing.
A header is scored against a layout by the F1 of weighted recall (how much of the layout's
weight it has) and weighted precision (how much of its own standard columns' weight belongs
to the layout: a column of another type counts against). A layout is chosen only when it
scores ``RECOGNISED_SCORE`` and beats every layout of another type by ``MARGIN``; otherwise
the header is no standard — a wrong layout is worse than none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from portal.validate.standards.layouts import Layout, comparable, layouts

RECOGNISED_SCORE = 0.6
MARGIN = 0.15
# The block every facility layout shares, in the first version and the current one, whether
# or not the bundled layouts of a type have it: it weighs as if all types had it. Only some
# current layouts are bundled, so counting owners alone would make 所在地_… look rare.
SHARED_BLOCK = frozenset((
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名",
    "全国地方公共団体コード", "ID", "地方公共団体名",
    "名称", "名称_カナ", "名称_英語", "名称_英字", "住所", "方書",
    "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記", "所在地_都道府県", "所在地_市区町村",
    "所在地_町字", "所在地_番地以下", "建物名等(方書)", "緯度", "経度",
    "電話番号", "内線番号", "法人番号", "団体名", "URL", "備考"))


@dataclass(frozen=True)
class Recognised:
    layout: Layout
    matched: int  # columns of the layout found in the header
    total: int  # columns of the layout
    score: float

    @property
    def type_id(self) -> str:
        return self.layout.type_id


@cache
def _weights() -> dict[str, float]:
    types: dict[str, set[str]] = {}
    for item in layouts():
        for name in item.names:
            types.setdefault(comparable(name), set()).add(item.type_id)
    shared = {comparable(name) for name in SHARED_BLOCK}
    everyone = len({item.type_id for item in layouts()})
    return {name: 1 / (everyone if name in shared else len(owners))
            for name, owners in types.items()}


@cache
def _columns(layout_id: str) -> frozenset[str]:
    return frozenset(comparable(name) for item in layouts() if item.id == layout_id
                     for name in item.names)


def score(header: tuple[str, ...], item: Layout) -> float:
    weights = _weights()
    labels = {comparable(label) for label in header} & weights.keys()
    own = _columns(item.id)
    common = sum(weights[name] for name in labels & own)
    if common == 0:
        return 0.0
    recall = common / sum(weights[name] for name in own)
    precision = common / sum(weights[name] for name in labels)
    return 2 * recall * precision / (recall + precision)


def scores(header: tuple[str, ...]) -> list[tuple[float, Layout]]:
    """Every layout's score for ``header``, best first."""
    return sorted(((score(header, item), item) for item in layouts()),
                  key=lambda pair: (-pair[0], pair[1].id))


def recognise_standard(header: tuple[str, ...]) -> Recognised | None:
    """The bundled layout ``header`` is, or None when no layout is clearly it."""
    ranked = scores(header)
    best_score, best = ranked[0]
    if best_score < RECOGNISED_SCORE:
        return None
    rival = next((s for s, item in ranked[1:] if item.type_id != best.type_id), 0.0)
    if best_score - rival < MARGIN:
        return None
    labels = Counter(comparable(label) for label in header)
    matched = sum(1 for name in best.names if comparable(name) in labels)
    return Recognised(best, matched, len(best.names), best_score)
