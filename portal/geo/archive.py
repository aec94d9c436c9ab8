"""Zipped Shapefiles, read safely: every zip a geographic resource arrives in is checked here
before anything (GDAL included) reads a member, and members are read with a bound.

A zip comes in a pull request or a list of files, so it may be hostile: a 1 MB zip whose .cpg
expands to 1 GB, ten thousand members, or a member named ``../../pwned.txt`` (or ``/etc/x``,
``C:\\x``, ``..\\x``) that an unzip tool would write outside its folder. Such an archive is
refused as a whole — published unchanged it would hand the path to whoever unzips it — with a
finding naming the file and the member. The limits are generous for real Shapefiles (the
format caps .shp and .dbf at 2 GB; a .dbf padded with blanks compresses about 50:1).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from portal.findings import Finding

MAX_MEMBERS = 100
MAX_MEMBER_BYTES = 2 * 1024**3  # a Shapefile part's own limit
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024**2  # small members may compress any amount (a .cpg of one word)
# Text sidecars (.cpg names an encoding, .prj a CRS): a few bytes; read at most this much.
MAX_TEXT_BYTES = 64 * 1024
TEXT_SUFFIXES = (".cpg", ".prj")

_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_name(name: str) -> bool:
    """A member an unzip tool could write outside its folder: absolute, with a drive letter,
    with a ``..`` part, or with a backslash (a folder separator to Windows tools)."""
    if "\\" in name or name.startswith("/") or _DRIVE.match(name) or "\x00" in name:
        return True
    return ".." in PurePosixPath(name).parts


def _too_large(info: zipfile.ZipInfo) -> str | None:
    """Why one member is over a limit, or None."""
    limit = MAX_TEXT_BYTES if info.filename.lower().endswith(TEXT_SUFFIXES) else MAX_MEMBER_BYTES
    if info.file_size > limit:
        return f"{info.file_size:,} bytes > {limit:,}"
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        return f"compressed {ratio:,}:1 > {MAX_RATIO}:1"
    return None


def archive_findings(path: Path, shown: str) -> list[Finding]:
    """Why the zip at ``path`` must not be read or published: one finding per problem
    (empty when it is safe). Reads the central directory only."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        return [Finding("geo-unreadable", file=shown, params={"reason": str(exc)})]
    findings = [Finding("geo-zip-member-path", file=shown, value=info.filename[:200],
                        params={"member": info.filename[:200]})
                for info in infos if unsafe_name(info.filename)]
    if len(infos) > MAX_MEMBERS:
        findings.append(Finding("geo-zip-too-large", file=shown, params={
            "member": "-", "reason": f"{len(infos):,} members > {MAX_MEMBERS}"}))
    for info in infos:
        reason = _too_large(info)
        if reason is not None:
            findings.append(Finding("geo-zip-too-large", file=shown, value=info.filename[:200],
                                    params={"member": info.filename[:200], "reason": reason}))
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        findings.append(Finding("geo-zip-too-large", file=shown, params={
            "member": "-", "reason": f"{total:,} bytes in all > {MAX_TOTAL_BYTES:,}"}))
    return findings


def member_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def member_size(path: Path, name: str) -> int:
    """The uncompressed size one member's header declares."""
    with zipfile.ZipFile(path) as archive:
        return archive.getinfo(name).file_size


def read_member(path: Path, name: str, limit: int = MAX_TEXT_BYTES) -> bytes:
    """At most ``limit`` bytes of one member, whatever its header declares."""
    with zipfile.ZipFile(path) as archive, archive.open(name) as handle:
        return handle.read(limit)
