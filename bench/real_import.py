"""`portal import --fix`, validate and build over a folder of a city's real files.

    python -m bench.import --real DIR [--code 222127] [--keep OUT]

DIR is a city's files as it keeps them (e.g. yaizu-city/opendata or takamatsu-city/opendata
extracted with `git archive`; never committed here). One 06 オープンデータ一覧 row per file
(the columns `/catalog.csv` serves, no 公開部署): tables (.csv .xlsx .xlsm .xls), map layers
(.geojson .json .shp .zip) and documents (.pdf .doc(x) …); the sidecars of a .shp and the
site's own files (config.yml, attributes.csv) are not rows. A dataset is a folder: its
files' rows share the folder as ID, and its config.yml `name:`/`description:` (the form
both cities use) give データ名称 and 概要 (the name again where a description is empty, as a
06 list always has one). What the repositories do not hold takes one
plain value (分類 by kind, 更新頻度 不定期, CC BY 4.0, 公開日 2024-04-01).

Prints datasets/s and files/s of the import, peak RSS of import and build, the five
slowest files with their time (read, fixed and written), and what blocks publication: per error code,
the number of datasets it keeps out of the build, maps counted apart.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from bench.paging import PORTAL
from bench.server import ROOT
from portal.filekind import LAYER_FORMATS, sniff
from portal.validate.standards import standard_fields

SIDECARS = {".shx", ".dbf", ".prj", ".cpg", ".xml", ".sbn", ".sbx", ".qmd", ".qix"}
SITE_FILES = {"config.yml", "attributes.csv"}
SKIPPED_SUFFIXES = {".yml", ".yaml", ".md", ".js", ".html", ".ico", ""}
FORMAT_LABELS = {"csv": "CSV", "xlsx": "XLSX", "geojson": "GeoJSON", "shapefile": "Shapefile"}
LICENSE = "クリエイティブ・コモンズ 表示 4.0 国際"
# The import in a fresh interpreter (child()): per-file seconds to a file, peak RSS on stderr.
CHILD = "from bench.real_import import child; child()"
BUILD = ("import resource, sys; from portal.cli import main; code = main(sys.argv[1:]); "
         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
         "sys.exit(code)")


def child() -> None:
    """`import_list` with --fix, each listed file's read-and-write timed (the dataset
    writer's `_resource`, wrapped here only); argv: LIST FILES CATALOG OUT."""
    import resource

    from portal.ingest import importer, writer

    listing, files, catalog, out = map(Path, sys.argv[1:5])
    timed: list[tuple[str, str, float]] = []
    inner = writer._resource

    def measured(plan: Any, item: Any, opts: Any, keep_schema: bool) -> Any:
        start = time.perf_counter()
        try:
            return inner(plan, item, opts, keep_schema)
        finally:
            timed.append((plan.dataset_id, item.url, time.perf_counter() - start))

    writer._resource = measured  # type: ignore[assignment]
    result = importer.import_list(listing, catalog_path=catalog, files_dir=files, fix=True)
    reading = sum(t for _, _, t in timed)
    out.write_text(json.dumps({"times": timed, "result": result.to_dict(),
                               "files_s": reading}, ensure_ascii=False, default=str),
                   encoding="utf-8")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)


def listed_files(folder: Path) -> list[Path]:
    """The files a city would list: data and documents, not sidecars or the site's own."""
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if not path.is_file() or any(p.startswith(".") for p in parts):
            continue
        suffix = path.suffix.lower()
        if path.name in SITE_FILES or suffix in SIDECARS or suffix in SKIPPED_SUFFIXES:
            continue
        found.append(path)
    return found


def _config(folder: Path) -> dict[str, Any]:
    path = folder / "config.yml"
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (yaml.YAMLError, UnicodeDecodeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def write_list(folder: Path, target: Path, code: str = "") -> dict[str, str]:
    """The 06 list of ``folder``'s files at ``target``; returns each listed file's kind
    ("table", "layer", "document", "unknown") by its path relative to ``folder``."""
    header = [c for c in standard_fields("06") if c != "公開部署"]
    rows, kinds = [], {}
    for path in listed_files(folder):
        relative = path.relative_to(folder).as_posix()
        kind = sniff(path)
        kinds[relative] = kind.kind
        config = _config(path.parent)
        dataset = path.parent.relative_to(folder).as_posix()
        values = {"全国地方公共団体コード": code, "ID": dataset, "地方公共団体名": "",
                  "データ名称": str(config.get("name") or path.parent.name),
                  "概要": str(config.get("description") or config.get("name")
                             or path.parent.name),
                  "分類": "地理・地域" if kind.format in LAYER_FORMATS else "くらし・手続",
                  "キーワード": "", "データ形式": FORMAT_LABELS.get(kind.format or "",
                                                              kind.content),
                  "URL": relative, "公開日": "2024-04-01", "最終更新日": "2024-04-01",
                  "更新頻度": "不定期", "ライセンス": LICENSE, "備考": ""}
        rows.append([values[c] for c in header])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    target.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return kinds


def _run(code: str, *args: str) -> tuple[float, float, int, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], check=False, cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = done.stderr.strip().splitlines()
    rss = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else float("nan")
    return seconds, rss, done.returncode, done.stderr if "Traceback" in done.stderr else ""


def run(folder: Path, code: str = "", keep: Path | None = None) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="real-import-")) if keep is None else keep
    root.mkdir(parents=True, exist_ok=True)
    try:
        listing = root / "opendata-list.csv"
        kinds = write_list(folder, listing, code)
        catalog = root / "repo" / "catalog.yaml"
        catalog.parent.mkdir(exist_ok=True)
        portal = PORTAL.replace('local_government_code: "092053"',
                                f'local_government_code: "{code}"') if code else PORTAL
        catalog.write_text(portal, encoding="utf-8")
        report = root / "import.json"
        import_s, import_mb, import_code, crash = _run(
            CHILD, str(listing), str(folder), str(catalog), str(report))
        if crash:
            return {"import_exit": import_code, "traceback": crash[-3000:]}
        imported = json.loads(report.read_text(encoding="utf-8"))
        start = time.perf_counter()
        validated = subprocess.run(
            [sys.executable, "-m", "portal.cli", "validate", "--catalog", str(catalog),
             "--format", "json"], check=False, cwd=ROOT, capture_output=True, text=True)
        validate_s = time.perf_counter() - start
        out = root / "build"
        build_s, build_mb, build_code, build_crash = _run(
            BUILD, "build", "--catalog", str(catalog), "--out", str(out))
        manifest = out / "manifest.json"
        published = {d["id"] for d in json.loads(manifest.read_text(encoding="utf-8"))[
            "datasets"]} if manifest.is_file() else set()
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return summarise(imported, json.loads(validated.stdout or '{"datasets": []}'), published,
                     kinds, {"import_s": import_s, "import_mb": import_mb,
                             "import_exit": import_code, "validate_s": validate_s,
                             "validate_exit": validated.returncode, "build_s": build_s,
                             "build_mb": build_mb, "build_exit": build_code,
                             "build_traceback": build_crash[-2000:]})


def summarise(imported: dict[str, Any], validation: dict[str, Any], published: set[str],
              kinds: dict[str, str], measured: dict[str, Any]) -> dict[str, Any]:
    rows = imported["result"]["rows"]
    files_of: dict[str, list[str]] = {}
    urls = list(kinds)
    for row in rows:
        files_of.setdefault(row["id"], []).append(urls[row["row"] - 2])
    kind_of = {}
    for dataset_id, files in files_of.items():
        found = {kinds[f] for f in files}
        kind_of[dataset_id] = ("layer" if "layer" in found else "table" if "table" in found
                               else "document/unknown")
    readable = {d for d, k in kind_of.items() if k != "document/unknown"}
    blocked: dict[str, Counter[str]] = {}
    errors = {d["id"]: sorted({e["code"] for e in d["errors"]})
              for d in validation["datasets"]}
    for dataset_id in sorted(readable - published):
        codes = errors.get(dataset_id) or sorted({
            f["code"] for r in rows if r["id"] == dataset_id for f in r["findings"]
            if f.get("severity") == "error"}) or ["(none reported)"]
        for code in codes:
            blocked.setdefault(kind_of[dataset_id], Counter())[code] += 1
    slowest = sorted(imported["times"], key=lambda t: -t[2])[:5]
    datasets = len(files_of)
    by_kind = {k: sum(1 for d in readable if kind_of[d] == k) for k in ("table", "layer")}
    published_by_kind = {k: sum(1 for d in readable & published if kind_of[d] == k)
                         for k in ("table", "layer")}
    return {
        "datasets": datasets, "files": len(kinds),
        "files_by_kind": dict(Counter(kinds.values())),
        "readable_datasets": len(readable), "readable_by_kind": by_kind,
        "published": len(readable & published), "published_by_kind": published_by_kind,
        "published_share": round(len(readable & published) / max(len(readable), 1), 3),
        "import_s": round(measured["import_s"], 1),
        "import_datasets_per_s": round(datasets / measured["import_s"], 2),
        "import_files_per_s": round(len(kinds) / measured["import_s"], 2),
        "import_reading_files_s": round(imported["files_s"], 1),
        "import_peak_rss_mb": round(measured["import_mb"], 1),
        "import_exit": measured["import_exit"],
        "validate_s": round(measured["validate_s"], 1),
        "build_s": round(measured["build_s"], 1),
        "build_peak_rss_mb": round(measured["build_mb"], 1),
        "build_exit": measured["build_exit"], "build_traceback": measured["build_traceback"],
        "slowest_files": [{"dataset": d, "file": f, "s": round(s, 2)} for d, f, s in slowest],
        "blocking": {k: dict(v.most_common()) for k, v in blocked.items()},
    }
