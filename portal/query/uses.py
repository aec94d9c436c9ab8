"""The uses (利活用事例) of a build: the /uses list with its filters, a dataset's uses, the
latest for the home page. The CKAN showcase actions and DCAT read the same functions."""

from __future__ import annotations

from typing import Any

from portal import urls
from portal.catalog.model import USE_KINDS
from portal.store.current import Build


def _use(build: Build, item: dict[str, Any], lang: str) -> dict[str, Any]:
    ja, en = USE_KINDS[item["kind"]]
    datasets = []
    for name in item["datasets"]:
        found = build.dataset(name)
        if found is not None and found.published:
            datasets.append({"id": found.id, "title": found.meta["title"],
                             "url": urls.dataset_page(found.id, lang)})
    image = item.get("image")
    return {**item, "kind_label": {"ja": ja, "en": en}, "dataset_links": datasets,
            "image_url": urls.use_image(image.split("/", 1)[1]) if image else None}


def list_uses(build: Build, lang: str = "ja", kind: str = "", dataset: str = ""
              ) -> list[dict[str, Any]]:
    """Uses, newest first; ``kind`` and ``dataset`` narrow them (an unknown value matches
    none)."""
    items = [i for i in build.manifest.get("uses", [])
             if (not kind or i["kind"] == kind) and (not dataset or dataset in i["datasets"])]
    ordered = sorted(items, key=lambda u: (u["date"], u["id"]), reverse=True)
    return [_use(build, item, lang) for item in ordered]


def find_use(build: Build, use_id: str, lang: str = "ja") -> dict[str, Any] | None:
    return next((u for u in list_uses(build, lang) if u["id"] == use_id), None)


def use_kinds_in(build: Build) -> list[str]:
    """The kinds that have at least one use, in the order of USE_KINDS."""
    present = {i["kind"] for i in build.manifest.get("uses", [])}
    return [kind for kind in USE_KINDS if kind in present]


def latest_uses(build: Build, lang: str = "ja", count: int = 3) -> list[dict[str, Any]]:
    return list_uses(build, lang)[:count]


def image_file(build: Build, filename: str) -> str | None:
    """The build path of a use's picture named ``filename``; None when no use has it."""
    wanted = f"uses/{filename}"
    return wanted if any(i.get("image") == wanted
                         for i in build.manifest.get("uses", [])) else None
