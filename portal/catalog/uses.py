"""``uses:`` of catalog.yaml → uses of the data (利活用事例), with a finding per bad item.

Every dataset a use names must be in the catalog, and its picture, when it has one, a real
PNG, JPEG or WebP image of bounded size under uses/ (the build copies it, the site serves it
as an image, so a script or an HTML page renamed .png must never get through).
"""

from __future__ import annotations

import struct
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from portal.catalog.ids import is_valid_id
from portal.catalog.load import EntryError, _date, _line, _text, _url
from portal.catalog.model import USE_KINDS, Use
from portal.findings import Finding
from portal.messages import Reason, reason

IMAGE_FOLDER = "uses"
MAX_IMAGE_BYTES = 1 << 20  # 1 MiB: a screenshot of about 1,200 px compresses well below it
MAX_IMAGE_SIDE = 4000
IMAGE_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP"}
MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WebP": "image/webp"}


class _ItemError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def image_kind(data: bytes) -> tuple[str | None, Reason | None]:
    """(PNG|JPEG|WebP, None) for a whole image file by its structure, (None, why) otherwise."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        if len(data) < 33 or data[12:16] != b"IHDR":
            return None, reason("image-truncated", kind="PNG")
        width, height = struct.unpack(">II", data[16:24])
        if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
            return None, reason("image-sides", width=width, height=height,
                                limit=MAX_IMAGE_SIDE)
        if not data.rstrip(b"\0").endswith(b"IEND\xaeB`\x82"):
            return None, reason("image-truncated", kind="PNG")
        return "PNG", None
    if data.startswith(b"\xff\xd8\xff"):
        if not data.endswith(b"\xff\xd9"):
            return None, reason("image-truncated", kind="JPEG")
        return "JPEG", None
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        (size,) = struct.unpack("<I", data[4:8])
        if size + 8 != len(data):
            return None, reason("image-truncated", kind="WebP")
        return "WebP", None
    return None, reason("no-image-signature")


def _decodes(path: Path) -> str:
    """Pillow's word on the file when Pillow is installed ("" when it decodes)."""
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        return ""
    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return f"Pillow: {exc}"[:200]
    return ""


def check_image(root: Path, relative: str) -> None:
    """Raise ``_ItemError`` unless ``root/relative`` is an image the site may serve."""
    posix = PurePosixPath(relative)
    if (posix.is_absolute() or ".." in posix.parts or len(posix.parts) != 2
            or posix.parts[0] != IMAGE_FOLDER):
        raise EntryError("catalog-use-invalid", "image", None,
                         reason=reason("outside-uses-folder", path=repr(relative)[:200]))
    path = root / relative
    if path.is_symlink() or not path.is_file():
        raise _ItemError("catalog-use-image-missing", file=relative)
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise _ItemError("catalog-use-image-too-large", file=relative, size=f"{size:,} B",
                         limit=f"{MAX_IMAGE_BYTES:,} B")
    kind, why = image_kind(path.read_bytes())
    expected = IMAGE_TYPES.get(posix.suffix.lower())
    if kind is not None and kind != expected:
        raise _ItemError("catalog-use-image-not-image", file=relative,
                         reason=reason("image-suffix", kind=kind, suffix=posix.suffix))
    if kind is None:
        raise _ItemError("catalog-use-image-not-image", file=relative, reason=why)
    decoded = _decodes(path)  # library text, quoted as Pillow wrote it
    if decoded:
        raise _ItemError("catalog-use-image-not-image", file=relative, reason=decoded)


def _use(node: Any, line: int | None, datasets: Collection[str], root: Path) -> Use:
    if not isinstance(node, Mapping):
        raise EntryError("catalog-use-invalid", "item", line,
                         reason=reason("expected-item-mapping"))
    for key in ("id", "title", "kind", "url", "maker", "date", "datasets"):
        if node.get(key) in (None, "", []):
            raise EntryError("catalog-use-invalid", key, line, reason=reason("required"))
    if not isinstance(node["id"], str) or not is_valid_id(node["id"]):
        raise EntryError("catalog-use-invalid", "id", line,
                         reason=reason("expected-slug"))
    if node["kind"] not in USE_KINDS:
        raise _ItemError("catalog-use-kind-unknown", value=str(node["kind"])[:40],
                         allowed=", ".join(USE_KINDS))
    names = node["datasets"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise EntryError("catalog-use-invalid", "datasets", line,
                         reason=reason("expected-id-list"))
    for name in names:
        if name not in datasets:
            raise _ItemError("catalog-use-dataset-unknown", dataset=name[:80])
    image = node.get("image")
    if image is not None:
        if not isinstance(image, str):
            raise EntryError("catalog-use-invalid", "image", line,
                             reason=reason("expected-file-path"))
        check_image(root, image)
    description = node.get("description")
    return Use(id=node["id"], title=_text(node["title"], "title", line, en_optional=True),
               kind=node["kind"], url=str(_url(node["url"], "url", line)),
               maker=_text(node["maker"], "maker", line, required_en=False),
               date=_date(node["date"], "date", line), datasets=tuple(dict.fromkeys(names)),
               image=image,
               description=_text(description, "description", line, en_optional=True)
               if description is not None else None)


def parse_uses(node: Any, datasets: Collection[str], root: Path, shown: str
               ) -> tuple[tuple[Use, ...], list[Finding]]:
    """The well-formed items of ``uses:`` and a finding for each other one."""
    if node is None:
        return (), []
    if not isinstance(node, list):
        return (), [Finding("catalog-use-invalid", file=shown,
                            params={"item": "uses", "field": "uses",
                                    "reason": reason("expected-list")})]
    found: list[Use] = []
    findings: list[Finding] = []
    for index, item in enumerate(node):
        line = _line(node, index)
        label = item.get("id") if isinstance(item, Mapping) and isinstance(
            item.get("id"), str) else f"uses[{index}]"
        try:
            use = _use(item, line, datasets, root)
        except EntryError as exc:
            why = (reason("not-web-address", value=exc.params.get("value", ""))
                   if exc.code == "catalog-url-invalid" else exc.params.get("reason", ""))
            findings.append(Finding("catalog-use-invalid", file=shown, line=exc.line or line,
                                    params={"item": label, "field": exc.field,
                                            "reason": why}))
            continue
        except _ItemError as exc:
            findings.append(Finding(exc.code, file=shown, line=line,
                                    params={"item": label, **exc.params}))
            continue
        if any(u.id == use.id for u in found):
            findings.append(Finding("catalog-use-duplicate-id", file=shown, line=line,
                                    params={"item": use.id}))
            continue
        found.append(use)
    return tuple(found), findings
