"""``requests:`` and ``uses:`` in the catalog: each bad item is one finding naming the item,
the line and what is wrong; the good ones load (generated items, in a copy of the test
catalog)."""

from __future__ import annotations

import json
from pathlib import Path

from portal.catalog.load import load_catalog
from portal.catalog.uses import MAX_IMAGE_BYTES
from portal.messages import reason
from portal.publishing.pipeline import build
from tests.community_examples import add_examples, generated_png
from tests.conftest import TODAY


def _append(catalog: Path, text: str) -> int:
    """Append ``text``; the line number of its first line."""
    first = len(catalog.read_text(encoding="utf-8").splitlines()) + 1
    with catalog.open("a", encoding="utf-8") as handle:
        handle.write(text)
    return first


def _findings(catalog: Path) -> list[tuple[str, int | None, dict[str, object]]]:
    _, findings = load_catalog(catalog)
    return [(f.code, f.line, dict(f.params)) for f in findings
            if f.code.startswith(("catalog-request", "catalog-use"))]


def test_the_generated_examples_load_without_findings(test_catalog: Path) -> None:
    catalog, _ = load_catalog(add_examples(test_catalog))
    assert _findings(test_catalog) == []
    assert [(r.id, r.status, r.dataset) for r in catalog.requests] == [
        ("generated-request-facilities", "published", "generated-facilities"),
        ("generated-request-buses", "declined", None),
        ("generated-request-trees", "under-review", None)]
    assert [(u.id, u.kind, u.datasets, u.image) for u in catalog.uses] == [
        ("generated-map-app", "map", ("generated-facilities",), "uses/generated-map.png"),
        ("generated-article", "article", ("generated-population", "generated-facilities"),
         None)]


def test_bad_requests_are_findings_and_left_out(test_catalog: Path) -> None:
    start = _append(test_catalog, """
requests:
  - {id: ok, title: {ja: 正しい要望, en: A good one}, received: 2026-04-01, status: received}
  - {id: no-dataset, title: {ja: あ, en: a}, received: 2026-04-01, status: published}
  - {id: wrong-dataset, title: {ja: あ}, received: 2026-04-01, status: published, dataset: no-such-data}
  - {id: no-reason, title: {ja: あ, en: a}, received: 2026-04-01, status: declined}
  - {id: odd-status, title: {ja: あ, en: a}, received: 2026-04-01, status: 受付}
  - {id: bad-date, title: {ja: あ, en: a}, received: 2026-02-30, status: received}
  - {id: ok, title: {ja: 二度目, en: twice}, received: 2026-04-01, status: received}
""") + 1
    catalog, _ = load_catalog(test_catalog)
    assert [r.id for r in catalog.requests] == ["ok"]
    assert _findings(test_catalog) == [
        ("catalog-request-dataset-missing", start + 2, {"item": "no-dataset"}),
        ("catalog-request-dataset-unknown", start + 3,
         {"item": "wrong-dataset", "dataset": "no-such-data"}),
        ("catalog-request-reason-missing", start + 4, {"item": "no-reason"}),
        ("catalog-request-status-unknown", start + 5,
         {"item": "odd-status", "value": "受付",
          "allowed": "received, under-review, published, declined"}),
        ("catalog-request-invalid", start + 6,
         {"item": "bad-date", "field": "received",
          "reason": reason("no-such-date",
                           value="2026-02-30 (day is out of range for month)")}),
        ("catalog-request-duplicate-id", start + 7, {"item": "ok"}),
    ]


def _use(name: str, **fields: str) -> str:
    values = {"id": name, "title": "{ja: 事例, en: A use}", "kind": "app",
              "url": "https://example.org/app", "maker": "生成した作者", "date": "2026-05-01",
              "datasets": "[generated-facilities]", **fields}
    return "  - {" + ", ".join(f"{k}: {v}" for k, v in values.items()) + "}\n"


def test_bad_uses_and_bad_pictures_are_findings_and_left_out(test_catalog: Path) -> None:
    folder = test_catalog.parent / "uses"
    folder.mkdir()
    (folder / "ok.png").write_bytes(generated_png())
    (folder / "page.png").write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    (folder / "cut.png").write_bytes(generated_png()[:40])
    (folder / "big.png").write_bytes(generated_png() + b"\0" * MAX_IMAGE_BYTES)
    (folder / "named.webp").write_bytes(generated_png())
    start = _append(test_catalog, "\nuses:\n" + "".join([
        _use("ok", image="uses/ok.png"),
        _use("odd-kind", kind="game"),
        _use("wrong-dataset", datasets="[generated-facilities, no-such-data]"),
        _use("script-url", url="'javascript:alert(1)'"),
        _use("html-picture", image="uses/page.png"),
        _use("cut-picture", image="uses/cut.png"),
        _use("big-picture", image="uses/big.png"),
        _use("misnamed-picture", image="uses/named.webp"),
        _use("missing-picture", image="uses/none.png"),
        _use("outside-picture", image="datasets/generated-facilities/facilities.csv"),
    ])) + 2
    catalog, _ = load_catalog(test_catalog)
    assert [u.id for u in catalog.uses] == ["ok"]
    assert _findings(test_catalog) == [
        ("catalog-use-kind-unknown", start + 1,
         {"item": "odd-kind", "value": "game",
          "allowed": "app, map, visualisation, article, research, api-service"}),
        ("catalog-use-dataset-unknown", start + 2,
         {"item": "wrong-dataset", "dataset": "no-such-data"}),
        ("catalog-use-invalid", start + 3,
         {"item": "script-url", "field": "url",
          "reason": reason("not-web-address", value="'javascript:alert(1)'")}),
        ("catalog-use-image-not-image", start + 4,
         {"item": "html-picture", "file": "uses/page.png",
          "reason": reason("no-image-signature")}),
        ("catalog-use-image-not-image", start + 5,
         {"item": "cut-picture", "file": "uses/cut.png",
          "reason": reason("image-truncated", kind="PNG")}),
        ("catalog-use-image-too-large", start + 6,
         {"item": "big-picture", "file": "uses/big.png",
          "size": f"{len(generated_png()) + MAX_IMAGE_BYTES:,} B", "limit": "1,048,576 B"}),
        ("catalog-use-image-not-image", start + 7,
         {"item": "misnamed-picture", "file": "uses/named.webp",
          "reason": reason("image-suffix", kind="PNG", suffix=".webp")}),
        ("catalog-use-image-missing", start + 8,
         {"item": "missing-picture", "file": "uses/none.png"}),
        ("catalog-use-invalid", start + 9,
         {"item": "outside-picture", "field": "image",
          "reason": reason("outside-uses-folder",
                           path="'datasets/generated-facilities/facilities.csv'")}),
    ]


def test_a_bad_use_fails_the_build_report_but_the_rest_publish(test_catalog: Path,
                                                               tmp_path: Path) -> None:
    add_examples(test_catalog)
    text = test_catalog.read_text(encoding="utf-8").replace(
        "datasets: [generated-facilities]\n    image:", "datasets: [no-such-data]\n    image:")
    test_catalog.write_text(text, encoding="utf-8")
    result = build(test_catalog, tmp_path / "build", today=TODAY)
    assert result.exit_code == 1
    assert [f.code for f in result.report.catalog] == ["catalog-use-dataset-unknown"]
    manifest = json.loads((tmp_path / "build" / "manifest.json").read_text(encoding="utf-8"))
    assert [u["id"] for u in manifest["uses"]] == ["generated-article"]
    assert not (tmp_path / "build" / "uses").exists()


def test_the_real_catalog_lists_only_real_requests_and_uses() -> None:
    root = Path(__file__).resolve().parents[2]
    catalog, findings = load_catalog(root / "catalog.yaml")
    assert [f for f in findings if f.code.startswith(("catalog-request", "catalog-use"))] == []
    # Nothing made up: every entry there is real, and none is yet.
    assert (catalog.requests, catalog.uses) == ((), ())


def test_a_bad_use_is_told_in_the_readers_language_only(test_catalog: Path) -> None:
    folder = test_catalog.parent / "uses"
    folder.mkdir()
    (folder / "cut.png").write_bytes(generated_png()[:40])
    _append(test_catalog, "\nuses:\n" + _use("cut-picture", image="uses/cut.png")
            + _use("script-url", url="'javascript:alert(1)'"))
    _, findings = load_catalog(test_catalog)
    shown = [f for f in findings if f.code.startswith("catalog-use")]
    assert [f.message("en") for f in shown] == [
        "Use cut-picture: uses/cut.png is not a PNG, JPEG or WebP image (truncated PNG).",
        "Use script-url: field url is invalid: expected an http:// or https:// URL, got "
        "'javascript:alert(1)'"]
    assert [f.message("ja") for f in shown] == [
        "利活用事例 cut-picture の画像 uses/cut.png は PNG・JPEG・WebP の画像ではありません"
        "(PNG の途中で切れています)。",
        "利活用事例 script-url の項目 url が不正です: http:// か https:// の URL にしてください"
        "(書かれていたのは 'javascript:alert(1)')"]
