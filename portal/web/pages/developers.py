"""/developers — what the API offers."""

from __future__ import annotations

import dash
from dash import html

from portal.web.pages._context import lang

dash.register_page(__name__, path="/developers",
                   title="開発者向け情報 / Developers — 鹿沼市オープンデータ",
                   description="鹿沼市オープンデータの API とダウンロード")

ENDPOINTS = [
    ("/api/v1/datasets?q=…", "検索・絞り込み", "search with facets and paging"),
    ("/api/v1/datasets/<id>", "メタデータ・スキーマ・ファイル", "metadata, schema, files"),
    ("/api/v1/datasets/<id>/rows", "行の取得(Datasette 形式の絞り込み・並べ替え・ページング)",
     "rows with Datasette-style filters, sorting and keyset paging"),
    ("/datasets/<id>.csv", "UTF-8 CSV", "UTF-8 CSV"),
    ("/datasets/<id>.excel.csv", "Excel 用 CSV(BOM 付き)", "CSV for Excel (with BOM)"),
    ("/datasets/<id>.sjis.csv", "Shift_JIS CSV", "Shift_JIS CSV"),
    ("/datasets/<id>.json", "JSON", "JSON"),
    ("/datasets/<id>/datapackage.json", "Frictionless データパッケージ",
     "Frictionless data package"),
    ("/healthz", "稼働状況", "health"),
]


def layout(**_: str) -> html.Div:
    language = lang()
    return html.Div([
        html.H1("開発者向け情報" if language == "ja" else "For developers"),
        html.Div(html.Table([
            html.Thead(html.Tr([html.Th("URL", scope="col"),
                                html.Th("内容" if language == "ja" else "What", scope="col")])),
            html.Tbody([html.Tr([html.Td(html.Code(url)), html.Td(ja if language == "ja" else en)])
                        for url, ja, en in ENDPOINTS]),
        ], className="table table-sm"), className="table-scroll"),
    ])
