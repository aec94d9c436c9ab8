"""`portal import` at the scale of the city's web site: ~300 datasets from one 06 list.

    python -m bench.import [--datasets N] [--rows R]
    python -m bench.import --real DIR     a city's real files (bench/real_import.py)
    python -m bench.import --wide 10000   `portal new --fix` of a 10,000-column table

Generates N real-shaped datasets (facility lists: number, name, address, coordinates, opening
date, capacity; every third file CP932 as Excel writes it, every tenth dataset with a second
file) and their 06 オープンデータ一覧 list, all named `generated-…` in a temporary folder.
Measures, as staff run them (`python -m portal.cli`, start-up included), datasets per second
and peak RSS of `portal import` and of `portal build` of the result, and of a rerun of each
(which should reuse what did not change). The baseline is the per-file cost of `portal new`
called in this process on the same files: the one-file-at-a-time way in.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.paging import PORTAL
from bench.server import ROOT
from portal.scaffold import new_dataset

HEADER = ["全国地方公共団体コード", "ID", "地方公共団体名", "データ名称", "概要", "分類", "キーワード",
          "データ形式", "URL", "公開日", "最終更新日", "更新頻度", "ライセンス", "備考",
          "データ名称_英語", "概要_英語", "公開部署"]
KINDS = [("公民館", "community halls", "文化・スポーツ"), ("避難所", "shelters", "防災・安全"),
         ("保育園", "nursery schools", "子育て・教育"), ("公園", "parks", "都市基盤・交通"),
         ("AED設置箇所", "AED locations", "健康・福祉"), ("観光施設", "tourist sites", "産業・観光")]
FREQUENCIES = ["毎年", "不定期", "毎月", "四半期ごと"]
DEPARTMENTS = ["総務課", "市民課", "環境課", "観光課", "道路課"]  # as bench.paging.PORTAL lists
TOWNS = ["今宮町", "銀座", "石橋町", "上殿町", "千手町", "府中町", "西茂呂", "東町"]
# Runs the CLI and reports its peak resident memory (KiB) on the last line of stderr.
MEASURED = ("import resource, sys; from portal.cli import main; code = main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
            "sys.exit(code)")


def _table(rng: random.Random, name: str, rows: int) -> str:
    lines = [["番号", "名称", "所在地", "緯度", "経度", "開設日", "定員"]]
    for i in range(rows):
        lines.append([str(i + 1), f"{TOWNS[i % 8]}{name}{i + 1}(生成)",
                      f"栃木県鹿沼市{TOWNS[rng.randrange(8)]}{rng.randrange(1, 3000)}",
                      f"{36.5 + rng.random() / 5:.6f}", f"{139.6 + rng.random() / 5:.6f}",
                      f"{rng.randrange(1970, 2024)}-{rng.randrange(1, 13):02d}-"
                      f"{rng.randrange(1, 29):02d}", str(rng.randrange(10, 500))])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(lines)
    return buffer.getvalue()


def generate(root: Path, count: int, rows: int) -> Path:
    """The department's folder (files and list) under ``root/files``; returns the list."""
    rng = random.Random(13)
    files = root / "files"
    files.mkdir(parents=True)
    listing = []
    for n in range(count):
        name, name_en, category = KINDS[n % len(KINDS)]
        list_id = f"generated-{n:04d}"
        parts = [f"generated-{n:04d}.csv"] + ([f"generated-{n:04d}-annex.csv"]
                                               if n % 10 == 9 else [])
        for part in parts:
            encoding = "cp932" if n % 3 == 0 else "utf-8-sig"
            (files / part).write_bytes(_table(rng, name, rows).encode(encoding))
            listing.append(["092053", list_id, "栃木県鹿沼市", f"{name}一覧{n}(生成)",
                            f"ベンチマーク用に生成した{name}の一覧です(実在しません)。", category,
                            f"{name};生成", "CSV", f"https://www.city.kanuma.tochigi.jp/{part}",
                            "2024-04-01", f"2024-{4 + n % 9:02d}-01",
                            FREQUENCIES[n % len(FREQUENCIES)],
                            "クリエイティブ・コモンズ 表示 4.0 国際", "",
                            f"Generated {name_en} {n}", f"Generated {name_en} (not real).",
                            DEPARTMENTS[n % len(DEPARTMENTS)]])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADER, *listing])
    path = files / "generated-opendata-list.csv"
    path.write_bytes(buffer.getvalue().encode("cp932"))
    return path


def _cli(*args: str) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of `portal ARGS` in a fresh interpreter."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURED, *args], check=False, cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    rss_kib = int(done.stderr.strip().splitlines()[-1])
    return seconds, rss_kib / 1024, done.returncode


def _baseline(root: Path, files: list[Path]) -> float:
    """Seconds per file of `portal new` in this process (a catalog of its own)."""
    catalog = root / "new" / "catalog.yaml"
    catalog.parent.mkdir()
    catalog.write_text(PORTAL, encoding="utf-8")
    start = time.perf_counter()
    for n, path in enumerate(files):
        new_dataset(path, f"generated-new-{n:04d}", catalog_path=catalog, title=path.stem)
    return (time.perf_counter() - start) / len(files)


def run(count: int = 300, rows: int = 200, baseline_files: int = 30) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix="generated-import-"))
    try:
        listing = generate(root, count, rows)
        per_new_s = _baseline(root, sorted(listing.parent.glob("generated-0*.csv"))[
            :baseline_files])
        catalog = root / "repo" / "catalog.yaml"
        catalog.parent.mkdir()
        catalog.write_text(PORTAL, encoding="utf-8")
        common = ("--catalog", str(catalog), "--format", "json")
        import_s, import_mb, import_code = _cli("import", str(listing), *common)
        snapshot = catalog.read_bytes()
        rerun_s, _, rerun_code = _cli("import", str(listing), *common)
        assert catalog.read_bytes() == snapshot, "a rerun changed catalog.yaml"
        out = root / "build"
        build_s, build_mb, build_code = _cli("build", "--catalog", str(catalog), "--out",
                                             str(out))
        rebuild_s, _, _ = _cli("build", "--catalog", str(catalog), "--out", str(out))
        published = len(json.loads((out / "manifest.json").read_text(encoding="utf-8"))[
            "datasets"])
    finally:
        shutil.rmtree(root, ignore_errors=True)
    import_rate = count / import_s
    return {
        "datasets": count, "rows_each": rows, "files": count + count // 10,
        "import_s": round(import_s, 2), "import_datasets_per_s": round(import_rate, 1),
        "import_peak_rss_mb": round(import_mb, 1), "import_exit": import_code,
        "import_rerun_s": round(rerun_s, 2), "import_rerun_exit": rerun_code,
        "build_s": round(build_s, 2), "build_datasets_per_s": round(count / build_s, 1),
        "build_peak_rss_mb": round(build_mb, 1), "build_exit": build_code,
        "build_rerun_s": round(rebuild_s, 2), "published": published,
        "new_per_file_s": round(per_new_s, 3),
        "new_files_per_s": round(1 / per_new_s, 1),
        "import_speedup_vs_new": round(import_rate * per_new_s, 1),
        "bench_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _wide_csv(path: Path, columns: int, rows: int) -> None:
    """A generated table ``columns`` wide: repeated and blank names, numbers with units,
    full-width digits and 和暦 dates, as a header read from the wrong kind of file gives."""
    lines = [[f"項目{j % 50}" if j % 7 else "" for j in range(columns)]]
    for r in range(rows):
        lines.append([f"{r + j}人" if j % 3 == 0 else "１，２３４" if j % 3 == 1
                      else "令和5年4月1日" for j in range(columns)])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(lines)


def wide(columns: int = 10_000, rows: int = 3) -> dict[str, object]:
    """`portal new --fix` (CLI, start-up included) of a ``columns`` × ``rows`` table; the
    baseline is the same number of cells laid out 3 columns wide."""
    root = Path(tempfile.mkdtemp(prefix="generated-wide-"))
    try:
        timings = {}
        for label, shape in (("wide", (columns, rows)), ("tall", (3, columns * rows // 3))):
            source = root / f"generated-{label}.csv"
            _wide_csv(source, *shape)
            catalog = root / label / "catalog.yaml"
            catalog.parent.mkdir()
            catalog.write_text(PORTAL, encoding="utf-8")
            timings[label] = _cli("new", str(source), "--id", f"generated-{label}", "--fix",
                                  "--catalog", str(catalog))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    (wide_s, wide_mb, wide_code), (tall_s, _, _) = timings["wide"], timings["tall"]
    return {"columns": columns, "rows": rows, "wide_new_fix_s": round(wide_s, 2),
            "wide_peak_rss_mb": round(wide_mb, 1), "wide_exit": wide_code,
            "tall_same_cells_s": round(tall_s, 2),
            "wide_vs_tall": round(wide_s / tall_s, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=300)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--wide", type=int, metavar="COLUMNS",
                        help="instead: portal new --fix of a COLUMNS-wide, 3-row table")
    parser.add_argument("--real", type=Path, metavar="DIR",
                        help="a city's real files instead (bench/real_import.py)")
    parser.add_argument("--code", default="", help="with --real: 全国地方公共団体コード")
    parser.add_argument("--keep", type=Path, metavar="OUT",
                        help="with --real: keep the list, catalog and build in OUT")
    args = parser.parse_args()
    if args.wide is not None:
        result = wide(args.wide)
    elif args.real is not None:
        from bench.real_import import run as run_real

        result = run_real(args.real, args.code, args.keep)
    else:
        result = run(args.datasets, args.rows)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
