"""/developers — what the API offers, with links to its documentation and OpenAPI definition."""

from __future__ import annotations

from dash import html

from portal import urls
from portal.web.i18n import t
from portal.web.pages._context import description_of, lang, register_pages, title_of

# (address, an example that answers on the published catalog, what it is in ja, en).
# tests/test_examples.py requests every example.
ENDPOINTS = [
    ("/api/v1/datasets?q=…", "/api/v1/datasets?q=避難&category=safety", "検索・絞り込み",
     "search with facets and paging"),
    ("/api/v1/datasets/<id>", "/api/v1/datasets/kanuma-evacuation-sites",
     "メタデータ・スキーマ・ファイル", "metadata, schema, files"),
    ("/api/v1/datasets/<id>/rows",
     "/api/v1/datasets/kanuma-evacuation-sites/rows?全国地方公共団体コード=092053&_size=5",
     "行の取得(Datasette 形式の絞り込み・並べ替え・ページング)",
     "rows with Datasette-style filters, sorting and keyset paging"),
    ("/api/v1/datasets/<id>/rows?_shape=geojson&_bbox=…",
     "/api/v1/datasets/kanuma-evacuation-sites/rows?_shape=geojson"
     "&_bbox=139.70,36.50,139.90,36.65&_size=10",
     "範囲内の地点を GeoJSON で(_bbox は 経度,緯度,経度,緯度)",
     "points inside a box as GeoJSON (_bbox: lon,lat,lon,lat)"),
    ("/api/3/action/package_search", "/api/3/action/package_search?fq=tags:自治体標準ODS",
     "CKAN 互換 API", "CKAN-compatible API"),
    ("/api/3/action/datastore_search",
     "/api/3/action/datastore_search?resource_id=kanuma-evacuation-sites.csv&limit=5",
     "CKAN DataStore 形式の行", "rows as CKAN's DataStore gives them"),
    ("/datasets/<id>.csv", "/datasets/kanuma-evacuation-sites.csv", "UTF-8 CSV", "UTF-8 CSV"),
    ("/datasets/<id>.excel.csv", "/datasets/kanuma-evacuation-sites.excel.csv",
     "Excel 用 CSV(BOM 付き)", "CSV for Excel (with BOM)"),
    ("/datasets/<id>.sjis.csv", "/datasets/kanuma-evacuation-sites.sjis.csv", "Shift_JIS CSV",
     "Shift_JIS CSV"),
    ("/datasets/<id>.xlsx", "/datasets/kanuma-evacuation-sites.xlsx",
     "Excel ブック(コードは文字列のまま: 092053)", "Excel workbook (codes stay text: 092053)"),
    ("/datasets/<id>.json", "/datasets/kanuma-evacuation-sites.json",
     "JSON({\"fields\", \"rows\"})", "JSON ({\"fields\", \"rows\"})"),
    ("/datasets/<id>.geojson", "/datasets/kanuma-evacuation-sites.geojson",
     "GeoJSON(位置のあるデータ)", "GeoJSON (data with locations)"),
    ("/datasets/<id>/datapackage.json", "/datasets/kanuma-evacuation-sites/datapackage.json",
     "Frictionless データパッケージ", "Frictionless data package"),
    ("/catalog.jsonld", "/catalog.jsonld", "DCAT カタログ (JSON-LD)", "DCAT catalog (JSON-LD)"),
    ("/catalog.csv", "/catalog.csv", "オープンデータ一覧(自治体標準)",
     "Open-data list (municipal standard)"),
    ("/feed.atom", "/feed.atom?category=safety", "更新情報 (Atom)", "Updates (Atom)"),
    ("/datasets/<id>/feed.atom", "/datasets/kanuma-evacuation-sites/feed.atom",
     "データセットごとの更新情報 (Atom)", "Updates of one dataset (Atom)"),
    ("/healthz", "/healthz", "稼働状況", "health"),
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
                                html.Th(t("example", language), scope="col"),
                                html.Th(t("what", language), scope="col")])),
            html.Tbody([html.Tr([html.Td(html.Code(url)),
                                 html.Td(html.A(html.Code(example), href=example,
                                                className="developer-example")),
                                 html.Td(ja if language == "ja" else en)])
                        for url, example, ja, en in ENDPOINTS]),
        ], className="table table-sm"), className="table-scroll"),
    ])


register_pages(__name__, layout, path="/developers", title=title_of("developers-title"),
               description=description_of("developers-description"))
