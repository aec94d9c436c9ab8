"""Generated examples of ``requests:`` and ``uses:`` for the tests. They are made up, say so in
their titles, and are written into a copy of the test catalog — never into catalog.yaml."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

from portal.publishing.pipeline import build


def generated_png(width: int = 4, height: int = 3) -> bytes:
    """A small grey PNG, generated."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


EXAMPLES = """
requests:
  - id: generated-request-facilities
    title: {ja: 施設の位置の一覧(生成した例), en: Where the facilities are (generated example)}
    received: 2025-05-10
    status: published
    dataset: generated-facilities
    answered: 2025-07-01
  - id: generated-request-buses
    title: {ja: バスの時刻表(生成した例), en: Bus timetables (generated example)}
    received: 2026-04-20
    status: declined
    reason:
      ja: 市の保有するデータではありません(生成した例)
      en: The city does not hold this data (generated example)
    answered: 2026-05-01
  - id: generated-request-trees
    title:
      ja: 街路樹の一覧 <img src=x onerror=window.__pwned=1>(生成した例)
      en: Street trees <script>window.__pwned=1</script> (generated example)
    received: 2026-06-02
    status: under-review
uses:
  - id: generated-map-app
    title: {ja: 施設マップ(生成した例), en: Facility map (generated example)}
    kind: map
    url: https://example.org/generated-map
    maker: {ja: 生成した作者, en: A generated maker}
    date: 2026-03-01
    datasets: [generated-facilities]
    image: uses/generated-map.png
  - id: generated-article
    title: {ja: 人口の記事(生成した例), en: An article on population (generated example)}
    kind: article
    url: https://example.org/generated-article
    maker: 生成した記者
    date: 2026-06-15
    datasets: [generated-population, generated-facilities]
"""


def add_examples(catalog: Path) -> Path:
    """Append the examples (and the generated picture) to ``catalog``; returns it."""
    (catalog.parent / "uses").mkdir(exist_ok=True)
    (catalog.parent / "uses" / "generated-map.png").write_bytes(generated_png())
    with catalog.open("a", encoding="utf-8") as handle:
        handle.write(EXAMPLES)
    return catalog


def build_with_examples(source: Path, root: Path, today: object) -> Path:
    """A build of a copy of the test catalog ``source`` with the examples; the build link."""
    shutil.copytree(source, root / "catalog")
    catalog = add_examples(root / "catalog" / "catalog.yaml")
    result = build(catalog, root / "build", today=today)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.report.to_dict()
    return root / "build"


FORM_OUTPUTS = [("request-status", "children"), ("request-what", "value"),
                ("request-why", "value"), ("request-contact", "value"), ("request-token", "data")]


def form_callback_body(token: str, what: str, why: str = "", contact: str = "",
                       website: str = "") -> dict[str, object]:
    """The body Dash's renderer posts when the request form's button is pressed."""
    values = [("request-what", "value", what), ("request-why", "value", why),
              ("request-contact", "value", contact), ("request-website", "value", website),
              ("request-token", "data", token)]
    return {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in FORM_OUTPUTS) + "..",
        "outputs": [{"id": i, "property": p} for i, p in FORM_OUTPUTS],
        "inputs": [{"id": "request-submit", "property": "n_clicks", "value": 1}],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in values],
        "changedPropIds": ["request-submit.n_clicks"],
    }


def answer_code(answer: dict[str, object]) -> str:
    """The message code the form shows in a callback's answer."""
    status = answer["response"]["request-status"]["children"]  # type: ignore[index]
    return str(status["props"]["data-code"])
