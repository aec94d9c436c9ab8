"""The `portal` command: parse, call one function, render, exit.

Exit codes: 0 success / valid, 1 invalid data or failed build, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from portal.config import Settings, load_settings
from portal.errors import PortalError

LANGS = ("ja", "en")


def _positive(text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1, got {text!r}")
    return int(text)


CATALOG_HELP = "カタログの場所(既定: ./catalog.yaml) / catalog.yaml (default ./catalog.yaml)"
LANG_HELP = "表示の言語(既定: ja) / language of the messages (default ja)"
FORMAT_HELP = "出力の形式(既定: text) / output format (default text)"
NEW_EPILOG = """例 / example:
  portal new 施設一覧.xlsx --id public-facilities --title 公共施設一覧 --fix
  portal new 施設一覧_2025.xlsx --id public-facilities --update --fix

手順は CONTRIBUTING.ja.md、カタログの項目は docs/catalog.ja.md にあります。
The steps: CONTRIBUTING.ja.md; the catalog's fields: docs/catalog.md."""
IMPORT_EPILOG = """例 / example:
  portal import オープンデータ一覧.csv --files 公開ファイル/ --fix --dry-run
  portal import オープンデータ一覧.csv --files 公開ファイル/ --fix

一覧の列と結果の見方は docs/import.md にあります / the list's columns and the report:
docs/import.md. 終了コード / exit: 0 すべて取り込み済み all imported, 1 要対応の行あり rows need
attention, 2 使い方の誤り usage error."""

REQUESTS_EPILOG = """例 / example:
  portal requests list
  portal requests export --format csv --out 要望.csv

保存先は PORTAL_DATA_DIR(既定 ./data)の requests.sqlite、PORTAL_REDIS_URL があれば Redis。
連絡先は公開しないでください。回答の公開は CONTRIBUTING.ja.md の「データ公開要望に回答する」。
Stored in PORTAL_DATA_DIR/requests.sqlite, or in Redis when PORTAL_REDIS_URL is set. Never
publish a contact; to answer a request see docs/requests.md."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portal",
        description="鹿沼市オープンデータポータル: カタログの検査・取り込み・生成・配信 / "
                    "Kanuma City open-data portal: validate, import, build and serve the catalog.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    raw = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser("validate", help="カタログとファイルを検査 / check the catalog and its files")
    p.add_argument("ids", nargs="*", metavar="IDS",
                   help="検査するデータセットの ID(既定: すべて) / dataset ids to check (default: all)")
    p.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    p.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help=FORMAT_HELP)
    p.add_argument("--lang", choices=LANGS, default="ja", help=LANG_HELP)
    p.add_argument("--changed-since", metavar="REF",
                   help="git の REF から項目かファイルが変わったデータセットだけを検査 / "
                        "check only datasets whose entry or files differ from git REF")

    p = sub.add_parser("build", help="公開用ファイルを生成 / build what is served")
    p.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    p.add_argument("--out", type=Path,
                   help="出力先のフォルダ(既定: ./build) / output directory (default ./build)")
    p.add_argument("--force", action="store_true",
                   help="すべてのデータセットを作り直す / rebuild every dataset")
    p.add_argument("--index-advice", type=Path, metavar="FILE",
                   help="portal usage --advise-indexes が書いた索引の助言(予算内で作る) / "
                        "index advice written by portal usage --advise-indexes (built within "
                        "PORTAL_INDEX_BUDGET)")
    p.add_argument("--lang", choices=LANGS, default="ja", help=LANG_HELP)

    p = sub.add_parser("serve", help="サイトと API を配信 / serve the site and API")
    p.add_argument("--host", help="待ち受けるアドレス(既定: 127.0.0.1) / address to listen on")
    p.add_argument("--port", type=int, help="ポート(既定: 8050) / port (default 8050)")
    p.add_argument("--build", type=Path,
                   help="配信するビルド(既定: ./build) / build directory (default ./build)")
    p.add_argument("--workers", type=_positive, metavar="N",
                   help="ワーカー数 / worker processes (default PORTAL_WORKERS, 2)")
    p.add_argument("--dev", action="store_true",
                   help="開発用サーバー(本番では使わない) / Flask's development server, reloading "
                        "on code changes (never in production)")

    p = sub.add_parser("usage", help="アクセスログから利用統計 / usage statistics from access logs")
    p.add_argument("logs", nargs="+", type=Path, metavar="LOG",
                   help="gunicorn か nginx のアクセスログ(combined 形式、.gz も可) / "
                        "gunicorn or nginx access logs (combined format; .gz too)")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="統合先の利用統計 CSV(ログにある月を置き換え)。既定: 表を表示 / "
                        "usage CSV to merge into (months in the logs replace theirs); "
                        "default: print the table")
    p.add_argument("--advise-indexes", type=Path, metavar="OUT",
                   help="行 API でよく使われた絞り込みと並べ替えから、作るべき複合索引を OUT "
                        "(JSON)に書く。portal build --index-advice で読む / write the composite "
                        "indexes the rows API's filters and sorts ask for to OUT (JSON), for "
                        "portal build --index-advice")
    p.add_argument("--lang", choices=LANGS, default="ja", help=LANG_HELP)

    p = sub.add_parser("new", help="Excel・CSV・地図のファイルからデータセットを追加 / "
                                   "add a dataset from an Excel, CSV or map file",
                       epilog=NEW_EPILOG, formatter_class=raw)
    p.add_argument("path", type=Path, metavar="PATH",
                   help="取り込むファイル(.xlsx、.csv、.geojson、.shp、.zip) / "
                        "the file to add (.xlsx, .csv, .geojson, .shp, .zip)")
    p.add_argument("--id", required=True, dest="dataset_id",
                   help="データセットの ID(英小文字・数字・ハイフン、変えない) / "
                        "dataset id (lowercase letters, digits, hyphens; never changes)")
    p.add_argument("--title", help="日本語の題名 / Japanese title")
    p.add_argument("--title-en", help="英語の題名 / English title")
    p.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    p.add_argument("--update", action="store_true",
                   help="既存の ID のデータを差し替える / replace the data of an existing id")
    p.add_argument("--fix", action="store_true",
                   help="機械判読できる形に直して取り込み、元のファイルを残し fix-report.md を書く / "
                        "write the machine-readable table, keep the input as the original and "
                        "write fix-report.md")
    p.add_argument("--lang", choices=LANGS, default="ja", help=LANG_HELP)

    p = sub.add_parser("import", help="オープンデータ一覧から一括取り込み / "
                                      "add datasets from a 06 open-data list",
                       epilog=IMPORT_EPILOG, formatter_class=raw)
    p.add_argument("list", type=Path, metavar="LIST",
                   help="06 オープンデータ一覧(CSV: UTF-8、BOM つき、CP932、または XLSX) / "
                        "06 open-data list as CSV (UTF-8, BOM or CP932) or XLSX")
    p.add_argument("--files", type=Path,
                   help="一覧の URL のファイルがあるフォルダ(既定: LIST のフォルダ) / "
                        "folder the list's URLs name (default: LIST's)")
    p.add_argument("--fix", action="store_true",
                   help="機械判読できる形に直して取り込む / write machine-readable tables")
    p.add_argument("--update", action="store_true",
                   help="既にあるデータセットも差し替える / replace datasets that already exist")
    p.add_argument("--dry-run", action="store_true",
                   help="何をするかだけ表示し、何も書かない / report what would be done; "
                        "write nothing")
    p.add_argument("--format", choices=("text", "json"), default="text", help=FORMAT_HELP)
    p.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    p.add_argument("--lang", choices=LANGS, default="ja", help=LANG_HELP)

    p = sub.add_parser("status", help="更新期限切れの一覧 / datasets overdue for an update")
    p.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    p.add_argument("--format", choices=("text", "json"), default="text", help=FORMAT_HELP)
    p.add_argument("--lang", choices=LANGS, default="ja", help=LANG_HELP)

    p = sub.add_parser("requests", help="フォームから届いたデータ公開要望 / data requests sent "
                                        "through the form", epilog=REQUESTS_EPILOG,
                       formatter_class=raw)
    p.add_argument("action", choices=("list", "export"),
                   help="list: 画面に表示、export: CSV か JSON で書き出し / list: show them; "
                        "export: write them as CSV or JSON")
    p.add_argument("--format", choices=("text", "csv", "json"),
                   help="形式(既定: list は text、export は csv) / format (default: text for "
                        "list, csv for export)")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="書き出し先(既定: 画面) / file to write (default: standard output)")
    p.add_argument("--lang", choices=LANGS, default="ja", help=LANG_HELP)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(
        catalog=getattr(args, "catalog", None),
        build_dir=(args.out if args.command == "build" else None) or getattr(args, "build", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        workers=getattr(args, "workers", None),
    )


def _validate(args: argparse.Namespace, settings: Settings) -> int:
    from portal.validate.engine import validate_catalog
    from portal.validate.render import render_report

    report = validate_catalog(settings.catalog, ids=args.ids, changed_since=args.changed_since)
    sys.stdout.write(render_report(report, args.format, args.lang))
    return report.exit_code


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from portal.publishing.pipeline import build
    from portal.publishing.progress import render_summary, terminal_progress
    from portal.usage.advice import read_advice

    advice = None
    if args.index_advice is not None:
        try:
            text = args.index_advice.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        advice = read_advice(text, str(args.index_advice))
    result = build(settings.catalog, settings.build_dir, force=args.force,
                   base_url=settings.base_url, index_advice=advice,
                   index_budget=settings.index_budget,
                   progress=terminal_progress(sys.stderr, args.lang))
    sys.stdout.write(render_summary(result, args.lang))
    return result.exit_code


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from portal.serve import serve

    return serve(settings, dev=args.dev)


def _usage(args: argparse.Namespace, settings: Settings) -> int:
    from portal.messages import render
    from portal.usage.count import count_usage
    from portal.usage.files import MAX_LINE_LENGTH, log_lines
    from portal.usage.table import merge, read_table, render_table, write_table

    count = count_usage(log_lines(args.logs))
    rows = merge(read_table(args.out) if args.out else [], count)
    if args.out:
        write_table(args.out, rows)
    else:
        sys.stdout.write(render_table(rows))
    sys.stderr.write(render("usage-summary", args.lang, files=len(args.logs), lines=count.lines,
                            months=", ".join(sorted(count.months)) or "-") + "\n")
    if count.skipped:
        sys.stderr.write(render("usage-skipped", args.lang, count=count.skipped,
                                where=", ".join(count.skipped_at)) + "\n")
    if count.too_long:
        sys.stderr.write(render("usage-line-too-long", args.lang, count=count.too_long,
                                limit=f"{MAX_LINE_LENGTH:,}",
                                where=", ".join(count.too_long_at)) + "\n")
    if args.advise_indexes is not None:
        from portal.usage.advice import advice_document, advise_indexes

        document = advice_document(advise_indexes(log_lines(args.logs)))
        args.advise_indexes.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
        sys.stderr.write(render("index-advice-written", args.lang, path=str(args.advise_indexes),
                                requests=document["rows_requests"],
                                indexes=sum(len(r) for d in document["datasets"].values()
                                            for r in d.values())) + "\n")
    return 0


def _new(args: argparse.Namespace, settings: Settings) -> int:
    from portal.scaffold import new_dataset, render_new

    result = new_dataset(args.path, args.dataset_id, catalog_path=settings.catalog,
                         title=args.title, title_en=args.title_en, update=args.update,
                         fix=args.fix, lang=args.lang)
    sys.stdout.write(render_new(result, args.lang))
    return result.exit_code


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from portal.ingest.importer import import_list
    from portal.ingest.render import render_import
    from portal.messages import render

    def progress(n: int, total: int, dataset_id: str) -> None:
        if total >= 2:
            sys.stderr.write(render("import-progress", args.lang, n=n, total=total,
                                    entry=dataset_id) + "\n")
            sys.stderr.flush()

    result = import_list(args.list, catalog_path=settings.catalog, files_dir=args.files,
                         fix=args.fix, update=args.update, dry_run=args.dry_run,
                         progress=progress)
    sys.stdout.write(render_import(result, args.format, args.lang))
    return result.exit_code


def _status(args: argparse.Namespace, settings: Settings) -> int:
    from portal.freshness import render_status, status_of_catalog

    status = status_of_catalog(settings.catalog)
    sys.stdout.write(render_status(status, args.format, args.lang))
    return 0


def _requests(args: argparse.Namespace, settings: Settings) -> int:
    from portal.datarequests.export import render_csv, render_json, render_list
    from portal.datarequests.store import open_store

    chosen = args.format or ("text" if args.action == "list" else "csv")
    render = {"text": render_list, "csv": render_csv, "json": render_json}[chosen]
    text = render(open_store(settings).all())
    if args.out:
        args.out.write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)
    return 0


COMMANDS = {"validate": _validate, "build": _build, "serve": _serve, "usage": _usage, "new": _new,
            "import": _import, "status": _status, "requests": _requests}


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    parser = _parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", "ja")
    try:
        settings = _settings(args)
        return COMMANDS[args.command](args, settings)
    except PortalError as exc:
        sys.stderr.write(f"portal {args.command}: {exc.message(lang)}\n")
        return 2 if exc.status == 400 else 1
    except ValueError as exc:  # a malformed PORTAL_* setting
        sys.stderr.write(f"portal {args.command}: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:
        logging.getLogger("portal").exception("portal %s failed", args.command)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
