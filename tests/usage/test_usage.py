"""`portal usage` on generated logs in gunicorn's and nginx's formats, against a hand count."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from portal.cli import main
from portal.usage.classify import COLUMNS, classify
from portal.usage.logline import parse_line

LOGS = Path(__file__).resolve().parents[1] / "data" / "generated-logs"
ALL_LOGS = [LOGS / "gunicorn-access.log.1.gz", LOGS / "gunicorn-access.log",
            LOGS / "nginx-access.log"]
HEADER = ["month", "dataset", "page_views", "downloads_csv", "downloads_excel_csv",
          "downloads_sjis_csv", "downloads_json", "downloads_geojson", "downloads_xlsx",
          "downloads_original", "api_requests"]


def row(month: str, dataset: str, **counts: int) -> dict[str, str]:
    return {"month": month, "dataset": dataset,
            **{c: str(counts.get(c, 0)) for c in HEADER[2:]}}


# Counted by hand from the three files, line by line:
# gunicorn-access.log.1.gz (October): 1 page ja + 2 page /en/ → 2 views; 3 csv; 4 Googlebot,
#   5 kube-probe /healthz: no; 6 glossary sjis; 7 garbage → skipped.
# gunicorn-access.log (November): 1 view; 2 304: no; 3 json; 4 rows API, 5 dataset API,
#   6 CKAN package_show (glossary), 13 datapackage → 3 API for kpi-targets and 1 for glossary;
#   7 POST, 8 404, 11 HEAD, 14 bingbot: no; 9 original; 10 dx-measures excel csv;
#   12 cut off → skipped.
# nginx-access.log: 1 206 counts; 2, 3 the same client's Range requests within 30 minutes of
#   its previous one: no; 4 another client: counts; 5 fifty minutes later: counts; 6 a full
#   200: counts → 4 csv; 7 TLS bytes → 400: no; 8 /en/ page; 9 facebookexternalhit: no;
#   10 empty → skipped; 11 31 October 23:59:59 +0900 → October; 12 trailing extra field;
#   13 304: no.
EXPECTED = [
    row("2026-10", "dx-glossary", page_views=1, downloads_sjis_csv=1),
    row("2026-10", "dx-kpi-targets", page_views=2, downloads_csv=1),
    row("2026-11", "dx-glossary", page_views=1, api_requests=1),
    row("2026-11", "dx-kpi-targets", page_views=1, downloads_json=1, downloads_original=1,
        api_requests=3),
    row("2026-11", "dx-measures", downloads_excel_csv=1),
    row("2026-11", "kanuma-postal-codes", page_views=1, downloads_csv=4),
]


def read_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def test_the_columns_are_the_download_routes_kinds() -> None:
    assert ["month", "dataset", *COLUMNS] == HEADER


def test_usage_of_gunicorn_and_nginx_logs_matches_the_hand_count(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "usage.csv"
    assert main(["usage", *map(str, ALL_LOGS), "--out", str(out), "--lang", "en"]) == 0
    header, rows = read_csv(out.read_text(encoding="utf-8"))
    assert header == HEADER
    assert rows == EXPECTED
    err = capsys.readouterr().err
    assert err == ("Counted 34 lines of 3 log file(s) (months: 2026-10, 2026-11).\n"
                   "Skipped 3 malformed line(s) (first: gunicorn-access.log.1.gz:7, "
                   "gunicorn-access.log:12, nginx-access.log:10).\n")


def test_no_address_or_user_agent_reaches_the_table(tmp_path: Path) -> None:
    out = tmp_path / "usage.csv"
    main(["usage", *map(str, ALL_LOGS), "--out", str(out)])
    text = out.read_text(encoding="utf-8")
    for kept in ("127.0.0.1", "203.0.113", "198.51.100", "Mozilla", "curl", "bot"):
        assert kept not in text


def test_without_out_the_table_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["usage", str(LOGS / "nginx-access.log")]) == 0
    _, rows = read_csv(capsys.readouterr().out)
    assert rows == [row("2026-10", "dx-glossary", page_views=1),
                    row("2026-11", "dx-glossary", page_views=1),
                    row("2026-11", "kanuma-postal-codes", page_views=1, downloads_csv=4)]


def test_a_monthly_run_replaces_its_months_and_keeps_the_others(tmp_path: Path) -> None:
    out = tmp_path / "usage.csv"
    out.write_text(",".join(HEADER) + "\n"
                   "2026-09,dx-glossary,5,1,0,0,0,0,0,0,2\n"
                   "2026-10,dx-glossary,99,99,0,0,0,0,0,0,99\n"
                   "2026-10,dx-projects,7,0,0,0,0,0,0,0,0\n", encoding="utf-8")
    main(["usage", str(LOGS / "gunicorn-access.log.1.gz"), "--out", str(out)])
    _, rows = read_csv(out.read_text(encoding="utf-8"))
    assert rows == [row("2026-09", "dx-glossary", page_views=5, downloads_csv=1,
                        api_requests=2),
                    row("2026-10", "dx-glossary", downloads_sjis_csv=1),
                    row("2026-10", "dx-kpi-targets", page_views=2, downloads_csv=1)]
    # Counting the same logs again changes nothing: runs accumulate, they do not add up twice.
    before = out.read_bytes()
    main(["usage", str(LOGS / "gunicorn-access.log.1.gz"), "--out", str(out)])
    assert out.read_bytes() == before


def test_a_table_written_before_the_xlsx_column_is_read_with_it_at_zero(tmp_path: Path) -> None:
    out = tmp_path / "usage.csv"
    older = [c for c in HEADER if c != "downloads_xlsx"]
    out.write_text(",".join(older) + "\n2026-09,dx-glossary,5,1,0,0,0,0,0,2\n",
                   encoding="utf-8")
    main(["usage", str(LOGS / "gunicorn-access.log.1.gz"), "--out", str(out)])
    header, rows = read_csv(out.read_text(encoding="utf-8"))
    assert header == HEADER
    assert rows[0] == row("2026-09", "dx-glossary", page_views=5, downloads_csv=1,
                          api_requests=2)


def test_a_file_that_is_not_a_usage_table_is_refused_and_left_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "usage.csv"
    out.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["usage", str(LOGS / "nginx-access.log"), "--out", str(out),
                 "--lang", "en"]) == 2
    assert out.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert capsys.readouterr().err.startswith(
        f"portal usage: {out} is not a usage table (header a,b, expected month,dataset,")


def test_a_missing_log_is_a_clear_error(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["usage", str(tmp_path / "absent.log"), "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        f"portal usage: Cannot read the log file {tmp_path / 'absent.log'}: "
        "No such file or directory\n")


def test_a_gz_named_like_a_plain_file_is_read_by_its_content(tmp_path: Path) -> None:
    renamed = tmp_path / "access.log.1"
    shutil.copy(LOGS / "gunicorn-access.log.1.gz", renamed)
    out = tmp_path / "usage.csv"
    main(["usage", str(renamed), "--out", str(out)])
    assert read_csv(out.read_text(encoding="utf-8"))[1] == [
        row("2026-10", "dx-glossary", downloads_sjis_csv=1),
        row("2026-10", "dx-kpi-targets", page_views=2, downloads_csv=1)]


@pytest.mark.parametrize(("path", "query", "expected"), [
    ("/datasets/dx-kpi-targets", "", ("dx-kpi-targets", "page_views")),
    ("/en/datasets/dx-kpi-targets/", "", ("dx-kpi-targets", "page_views")),
    ("/datasets/dx-kpi-targets.excel.csv", "", ("dx-kpi-targets", "downloads_excel_csv")),
    ("/datasets/dx-measures/measures.sjis.csv", "", ("dx-measures", "downloads_sjis_csv")),
    ("/datasets/dx-measures/measures.json", "", ("dx-measures", "downloads_json")),
    ("/datasets/dx-measures/datapackage.json", "", ("dx-measures", "api_requests")),
    ("/datasets/shelters.geojson", "", ("shelters", "downloads_geojson")),
    ("/datasets/shelters/areas.geojson", "", ("shelters", "downloads_geojson")),
    ("/datasets/shelters.xlsx", "", ("shelters", "downloads_xlsx")),
    ("/datasets/shelters/areas.xlsx", "", ("shelters", "downloads_xlsx")),
    ("/datasets/dx-measures/original/measures.xlsx", "", ("dx-measures", "downloads_original")),
    ("/api/v1/datasets/dx-measures/rows", "_size=5", ("dx-measures", "api_requests")),
    ("/api/3/action/package_show", "id=dx-measures", ("dx-measures", "api_requests")),
    ("/datasets", "", None), ("/", "", None), ("/api/v1/datasets", "", None),
    ("/datasets/Bad_Id", "", None), ("/datasets/x/../../etc/passwd", "", None),
])
def test_paths_count_for_the_dataset_they_name(path: str, query: str,
                                               expected: tuple[str, str] | None) -> None:
    assert classify(path, query) == expected


def test_a_line_with_a_bad_date_is_malformed() -> None:
    assert parse_line('1.2.3.4 - - [32/Foo/2026:00:00:00 +0900] "GET / HTTP/1.1" 200 1 "-" "x"'
                      ) is None
