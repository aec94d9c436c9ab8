"""/developers — what the API offers, with links to its documentation and OpenAPI definition."""

from __future__ import annotations

from dash import html

from portal import urls
from portal.web.i18n import t
from portal.web.pages._context import description_of, lang, register_pages, title_of

ENDPOINTS = [
    ("/api/v1/datasets?q=…", "検索・絞り込み", "search with facets and paging"),
    ("/api/v1/datasets/<id>", "メタデータ・スキーマ・ファイル", "metadata, schema, files"),
    ("/api/v1/datasets/<id>/rows", "行の取得(Datasette 形式の絞り込み・並べ替え・ページング)",
     "rows with Datasette-style filters, sorting and keyset paging"),
    ("/api/3/action/package_search", "CKAN 互換 API", "CKAN-compatible API"),
    ("/datasets/<id>.csv", "UTF-8 CSV", "UTF-8 CSV"),
    ("/datasets/<id>.excel.csv", "Excel 用 CSV(BOM 付き)", "CSV for Excel (with BOM)"),
    ("/datasets/<id>.sjis.csv", "Shift_JIS CSV", "Shift_JIS CSV"),
    ("/datasets/<id>.json", "JSON", "JSON"),
    ("/datasets/<id>/datapackage.json", "Frictionless データパッケージ",
     "Frictionless data package"),
    ("/catalog.jsonld", "DCAT カタログ (JSON-LD)", "DCAT catalog (JSON-LD)"),
    ("/catalog.csv", "オープンデータ一覧(自治体標準)", "Open-data list (municipal standard)"),
    ("/feed.atom", "更新情報 (Atom)", "Updates (Atom)"),
    ("/datasets/<id>/feed.atom", "データセットごとの更新情報 (Atom)",
     "Updates of one dataset (Atom)"),
    ("/healthz", "稼働状況", "health"),
]


def layout(**_: str) -> html.Div:
    language = lang()
    return html.Div([
        html.H1(t("developers-title", language)),
        html.P(t("developers-intro", language)),
        html.Ul([html.Li(html.A(t("api-docs", language), href=urls.api_docs())),
                 html.Li(html.A(t("openapi", language), href=urls.openapi()))]),
        html.Div(html.Table([
            html.Thead(html.Tr([html.Th(t("url", language), scope="col"),
                                html.Th(t("what", language), scope="col")])),
            html.Tbody([html.Tr([html.Td(html.Code(url)), html.Td(ja if language == "ja" else en)])
                        for url, ja, en in ENDPOINTS]),
        ], className="table table-sm"), className="table-scroll"),
    ])


register_pages(__name__, layout, path="/developers", title=title_of("developers-title"),
               description=description_of("developers-description"))
