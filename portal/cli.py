"""The `portal` command: parse, call one function, render, exit.

Exit codes: 0 success / valid, 1 invalid data or failed build, 2 usage error.
"""

from __future__ import annotations

import argparse
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portal",
        description="鹿沼市オープンデータポータル — validate, build and serve the catalog.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check the catalog and its files / カタログとファイルを検査")
    p.add_argument("ids", nargs="*", metavar="IDS", help="dataset ids to check (default: all)")
    p.add_argument("--catalog", type=Path, help="catalog.yaml (default ./catalog.yaml)")
    p.add_argument("--format", choices=("text", "json", "github"), default="text")
    p.add_argument("--lang", choices=LANGS, default="ja")
    p.add_argument("--changed-since", metavar="REF",
                   help="check only datasets whose entry or files differ from git REF")

    p = sub.add_parser("build", help="build what is served / 公開用ファイルを生成")
    p.add_argument("--catalog", type=Path)
    p.add_argument("--out", type=Path, help="output directory (default ./build)")
    p.add_argument("--force", action="store_true", help="rebuild every dataset")
    p.add_argument("--lang", choices=LANGS, default="ja")

    p = sub.add_parser("serve", help="serve the site and API / サイトと API を配信")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--build", type=Path, help="build directory (default ./build)")
    p.add_argument("--workers", type=_positive, metavar="N",
                   help="worker processes (default PORTAL_WORKERS, 2)")
    p.add_argument("--dev", action="store_true",
                   help="Flask's development server, reloading on code changes (never in production)")

    p = sub.add_parser("usage", help="usage statistics from access logs / アクセスログから利用統計")
    p.add_argument("logs", nargs="+", type=Path, metavar="LOG",
                   help="gunicorn or nginx access logs (combined format; .gz too)")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="usage CSV to merge into (months in the logs replace theirs); "
                        "default: print the table")
    p.add_argument("--lang", choices=LANGS, default="ja")

    p = sub.add_parser("new", help="add a dataset from an Excel or CSV file / データセットを追加")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--id", required=True, dest="dataset_id")
    p.add_argument("--title", help="Japanese title")
    p.add_argument("--title-en", help="English title")
    p.add_argument("--catalog", type=Path)
    p.add_argument("--update", action="store_true", help="replace the data of an existing id")
    p.add_argument("--fix", action="store_true",
                   help="write the machine-readable table, keep the input as the original and "
                        "write fix-report.md / 機械判読できる形に直して取り込む")
    p.add_argument("--lang", choices=LANGS, default="ja")

    p = sub.add_parser("import", help="add datasets from a 06 open-data list / 一覧から一括取り込み")
    p.add_argument("list", type=Path, metavar="LIST",
                   help="06 オープンデータ一覧 as CSV (UTF-8, BOM or CP932) or XLSX")
    p.add_argument("--files", type=Path, help="folder the list's URLs name (default: LIST's)")
    p.add_argument("--fix", action="store_true", help="write machine-readable tables")
    p.add_argument("--update", action="store_true", help="replace datasets that already exist")
    p.add_argument("--dry-run", action="store_true", help="report what would be done; write nothing")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--catalog", type=Path)
    p.add_argument("--lang", choices=LANGS, default="ja")

    p = sub.add_parser("status", help="datasets overdue for an update / 更新期限切れの一覧")
    p.add_argument("--catalog", type=Path)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=LANGS, default="ja")
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
    from portal.build.pipeline import build
    from portal.build.progress import render_summary, terminal_progress

    result = build(settings.catalog, settings.build_dir, force=args.force,
                   base_url=settings.base_url,
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


COMMANDS = {"validate": _validate, "build": _build, "serve": _serve, "usage": _usage, "new": _new,
            "import": _import, "status": _status}


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
