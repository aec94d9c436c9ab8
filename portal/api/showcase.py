"""Uses (利活用事例) over the APIs: the CKAN actions of ckanext-showcase, and the pictures.

``ckanext_showcase_list``, ``ckanext_showcase_show``, ``ckanext_package_showcase_list`` and
``ckanext_showcase_package_list`` answer as ckanext-showcase does: a showcase is a package
dict of ``type: showcase`` whose ``url`` is the use's own address. They are registered in
``portal.api.ckan.ACTIONS`` (help_show serves their docstrings).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, send_file

from portal.api.v1 import current_build
from portal.catalog.uses import MEDIA_TYPES, image_kind
from portal.errors import NotFound, PortalError
from portal.origin import base_url
from portal.query.uses import find_use, image_file, list_uses
from portal.store.current import Build

showcase = Blueprint("showcase", __name__)


def showcase_dict(use: Mapping[str, Any], base: str) -> dict[str, Any]:
    """A use as ckanext-showcase's package dict of a showcase."""
    image = f"{base}{use['image_url']}" if use.get("image_url") else ""
    created = f"{use['date']}T00:00:00"
    return {
        "id": use["id"], "name": use["id"], "type": "showcase", "state": "active",
        "private": False, "title": use["title"]["ja"], "notes": (use.get("description") or {
            }).get("ja", ""), "url": use["url"], "author": use["maker"]["ja"],
        "author_email": None, "maintainer": None, "maintainer_email": None,
        "license_id": None, "owner_org": None, "organization": None,
        "metadata_created": created, "metadata_modified": created,
        "image_url": image, "image_display_url": image,
        "num_resources": 0, "num_tags": 0, "resources": [], "tags": [], "groups": [],
        "extras": [{"key": "title_en", "value": use["title"]["en"]},
                   {"key": "kind", "value": use["kind"]},
                   {"key": "author_en", "value": use["maker"]["en"]},
                   {"key": "datasets", "value": ",".join(use["datasets"])}],
    }


def _required(params: Mapping[str, Any], *names: str) -> str:
    for name in names:
        value = params.get(name)
        if isinstance(value, str) and value:
            return value
    raise PortalError("bad-parameter", parameter=names[0], value="", reason="Missing value")


def ckanext_showcase_list(build: Build, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return a list of all showcases (uses of the data) in the site, newest first."""
    base = base_url()
    return [showcase_dict(u, base) for u in list_uses(build)]


def ckanext_showcase_show(build: Build, params: Mapping[str, Any]) -> dict[str, Any]:
    """Return the pkg_dict for a showcase. :param id: the id or name of the showcase"""
    use_id = _required(params, "id", "name")
    use = find_use(build, use_id)
    if use is None:
        raise NotFound("use-not-found", parameter="id", id=use_id)
    return showcase_dict(use, base_url())


def ckanext_package_showcase_list(build: Build, params: Mapping[str, Any]
                                  ) -> list[dict[str, Any]]:
    """List showcases associated with a package. :param package_id: id or name of the
    package"""
    from portal.api.ckan import _published_package

    package_id = _required(params, "package_id")
    _published_package(build, package_id)
    base = base_url()
    return [showcase_dict(u, base) for u in list_uses(build, dataset=package_id)]


def ckanext_showcase_package_list(build: Build, params: Mapping[str, Any]
                                  ) -> list[dict[str, Any]]:
    """List packages associated with a showcase. :param showcase_id: id or name of the
    showcase"""
    from portal.api.ckan import package

    use_id = _required(params, "showcase_id")
    use = find_use(build, use_id)
    if use is None:
        raise NotFound("use-not-found", parameter="showcase_id", id=use_id)
    base = base_url()
    return [package(build, d["id"], base) for d in use["dataset_links"]]


SHOWCASE_ACTIONS = {f.__name__: f for f in (
    ckanext_showcase_list, ckanext_showcase_show, ckanext_package_showcase_list,
    ckanext_showcase_package_list)}


@showcase.get("/uses/images/<filename>")
def use_image(filename: str) -> Response:
    """A use's picture, as the build copied it; only files a use names are served."""
    build = current_build()
    relative = image_file(build, filename)
    if relative is None:
        raise NotFound("use-not-found", parameter="filename", id=filename)
    path = build.path(relative)
    kind, _ = image_kind(path.read_bytes())
    if kind is None:
        raise NotFound("use-not-found", parameter="filename", id=filename)
    return send_file(path, mimetype=MEDIA_TYPES[kind], max_age=3600)
