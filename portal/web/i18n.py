"""UI labels in Japanese and English, and locale-aware formatting."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import has_request_context, request

from portal import urls
from portal.web.community_labels import COMMUNITY_LABELS

LANGS = urls.LANGS
# The language of the page being laid out, while Dash calls its layout or title.
_PAGE_LANG: ContextVar[str | None] = ContextVar("page_lang", default=None)
LABELS: dict[str, tuple[str, str]] = {
    # /kpi
    "kpi-page-title": ("DX推進計画の KPI", "KPIs of the DX plan"),
    "kpi-page-description": ("鹿沼市DX推進計画の KPI と、オープンデータ公開件数の目標に対する実績",
                             "The KPIs of the Kanuma City DX Plan, and the number of published "
                             "open datasets against its target"),
    "kpi-page-untranslated": ("一部の名称には英訳がなく、日本語で表示しています。", "Some names below have no English translation yet and are "
                                  "shown in Japanese."),
    "kpi-page-intro": ("「鹿沼市DX推進計画」(令和6年2月策定)の13の KPI と、令和5〜8年度の目標値です。"
              "実績値は市が公表したものだけを表示し、公表前は「未公表」と表示します。",
              "The 13 KPIs of the Kanuma City DX Plan (February 2024) and their targets for "
              "fiscal years 2023–2026. Only actual values the city has published are shown; "
              "others read “not yet published”."),
    "kpi-page-count-heading": ("オープンデータの公開件数(KPI 3-2)", "Published open datasets (KPI 3-2)"),
    "kpi-page-count-now": ("現在の公開データセット数", "Datasets published now"),
    "kpi-page-gap": ("{label}の目標 {target} 件まで、あと {gap} 件です。",
            "{gap} more to reach the {label} target of {target}."),
    "kpi-page-reached": ("{label}の目標 {target} 件を達成しています。",
                "The {label} target of {target} is reached."),
    "kpi-page-no-target": ("{label}の目標は計画にありません。", "The plan sets no target for {label}."),
    "kpi-page-chart-alt": ("グラフの内容: 年度ごとの目標(線)と公開件数(棒)。{summary}",
                  "Chart: targets per fiscal year (line) and datasets published (bars). "
                  "{summary}"),
    "kpi-page-before-catalog": ("記録なし(カタログ開始 {start} より前)",
                       "no record (before the catalog began on {start})"),
    "kpi-page-policy": ("基本方針", "Basic policy"),
    "kpi-page-measure": ("施策", "Measure"),
    "kpi-page-indicator": ("指標", "Indicator"),
    "kpi-page-unit": ("単位", "Unit"),
    "kpi-page-target": ("目標", "Target"),
    "kpi-page-actual": ("実績", "Actual"),
    "kpi-page-no-plan-target": ("目標なし", "no target"),
    "kpi-page-unpublished": ("未公表", "not yet published"),
    "kpi-page-definition": ("公開件数の数え方", "How the count is defined"),
    "kpi-page-up-to-date": ("更新頻度どおりに更新されているデータセット: {current} / {total} 件({share})",
                   "Datasets updated on schedule: {current} of {total} ({share})"),
    "kpi-page-targets-caption": ("KPI と年度ごとの目標値・実績値", "KPIs with targets and actuals per "
                        "fiscal year"),
    "kpi-page-live": ("ポータルが自動集計", "counted by the portal"),
    "kpi-page-series-target": ("目標", "Target"),
    "kpi-page-series-count": ("公開件数", "Published"),
    "site-title": ("鹿沼市オープンデータ", "Kanuma City Open Data"),
    "skip": ("本文へ移動", "Skip to content"),
    "nav-home": ("ホーム", "Home"),
    "nav-datasets": ("データセット", "Datasets"),
    "nav-kpi": ("DX推進計画 KPI", "DX plan KPIs"),
    "nav-developers": ("開発者向け", "Developers"),
    "nav-about": ("このサイトについて", "About"),
    "switch-language": ("English", "日本語"),
    "intro": ("鹿沼市が公開するオープンデータを、誰でも自由に検索・ダウンロードし、APIで利用できます。",
              "Search, download and use through the API the open data that Kanuma City "
              "publishes — free for anyone."),
    "search-label": ("データセットを検索", "Search datasets"),
    "search-placeholder": ("例: 郵便番号、KPI、祝日", "e.g. postal codes, KPI, holidays"),
    "search-button": ("検索", "Search"),
    "count-datasets": ("公開データセット", "Published datasets"),
    "count-categories": ("分類", "Categories"),
    "count-updated": ("今月の更新", "Updated this month"),
    "browse-category": ("分類から探す", "Browse by category"),
    "recent": ("最近更新されたデータセット", "Recently updated datasets"),
    "results": ("{n} 件のデータセット", "{n} datasets"),
    "results-generated": ("うち {generated} 件はポータルがカタログから作る集計で、公開データセット数"
                          "({published} 件)には数えません",
                          "{generated} of them made by the portal from its catalog, not counted "
                          "among the {published} published datasets"),
    "filters-button": ("絞り込み", "Filters"),
    "no-results": ("条件に合うデータセットは見つかりませんでした。言葉を変えて検索するか、",
                   "No dataset matches. Try other words, or"),
    "no-results-request": ("欲しいデータの公開を市に要望してください。",
                           "ask the city to publish the data you need."),
    "near-title": ("近くを探す", "Find nearby"),
    "near-label": ("町名・住所", "Town or address"),
    "near-placeholder": ("例: 今宮町", "e.g. 今宮町"),
    "near-button": ("近い順に並べる", "Sort by distance"),
    "near-here": ("現在地から", "From my location"),
    "near-here-name": ("現在地", "your location"),
    "near-here-failed": ("現在地を取得できませんでした。町名か住所を入力してください。",
                         "Your location is not available; type a town or an address."),
    "near-from": ("{place}から近い順(表の絞り込みを含む)", "Nearest to {place} first (with the table's filters)"),
    "near-note": ("町名は大字・町丁目の代表点(おおよその位置)から測ります。距離は直線距離です。",
                  "A town is measured from its representative point (an approximate position); "
                  "distances are straight-line."),
    "near-none": ("緯度・経度のある行で、表の絞り込みに合うものはありません。",
                  "No row with a position matches the table's filters."),
    "map-filtered": ("表の絞り込みに合う地点だけを表示しています。",
                     "Only the features the table's filters keep are shown."),
    "map-summary-empty": ("表の絞り込みに合う地点はありません。",
                          "No feature matches the table's filters."),
    "folded-columns": ("すべての行で同じ値の列({n} 列)は表から省いています",
                       "{n} columns with the same value in every row are left out of the table"),
    "folded-empty": ("(空欄)", "(empty)"),
    "facet-category": ("分類", "Category"),
    "facet-tag": ("タグ", "Tag"),
    "facet-publisher": ("公開部署", "Publisher"),
    "facet-format": ("形式", "Format"),
    "facet-license": ("ライセンス", "Licence"),
    "facet-standard": ("標準データセット", "Standard dataset"),
    "clear-filters": ("絞り込みを解除", "Clear filters"),
    "sort": ("並び順", "Sort by"),
    "sort-relevance": ("関連度", "Relevance"),
    "sort-modified": ("更新日", "Last updated"),
    "sort-title": ("名称", "Title"),
    "previous": ("前へ", "Previous"),
    "next": ("次へ", "Next"),
    "metadata": ("基本情報", "Metadata"),
    "publisher": ("公開部署", "Publisher"),
    "license": ("ライセンス", "Licence"),
    "issued": ("公開日", "Issued"),
    "modified": ("最終更新日", "Last modified"),
    "frequency": ("更新頻度", "Update frequency"),
    "source": ("出典", "Source"),
    "standard": ("標準データセット", "Standard dataset"),
    "category": ("分類", "Category"),
    "downloads": ("ダウンロード", "Downloads"),
    "format": ("形式", "Format"),
    "encoding": ("文字コード", "Encoding"),
    "size": ("サイズ", "Size"),
    "rows": ("行数", "Rows"),
    "preview": ("データのプレビュー", "Data preview"),
    "dictionary": ("データ項目の定義", "Data dictionary"),
    "field-name": ("項目名", "Field"),
    "field-type": ("型", "Type"),
    "field-description": ("説明", "Description"),
    "api-example": ("API の使い方", "Using the API"),
    "history": ("変更履歴", "Change history"),
    "subscribe": ("更新を購読(Atom)", "Subscribe to updates (Atom)"),
    "feed-title-catalog": ("鹿沼市オープンデータの更新", "Kanuma City open data: updates"),
    "feed-title-search": ("この条件のデータセットの更新", "Updates of the datasets shown"),
    "feed-title-dataset": ("このデータセットの更新", "Updates of this dataset"),
    "english-no-description": ("英語の説明はまだありません。", "This dataset has no English description yet: its "
                               "description and data are shown in Japanese."),
    "english-some-columns": ("データは日本語です。「_英語」で終わる列に英訳があります。", "The data is in Japanese. Columns whose names end in "
                             "「_英語」 give names in English (translations)."),
    "english-data-japanese": ("データは日本語のみです。", "The data in this dataset is in Japanese only."),
    "overdue": ("このデータセットは {date} までに更新される予定でしたが、まだ更新されていません。",
                "This dataset was due to be updated by {date} and has not been updated yet."),
    "stale": ("最新版に誤りがあるため、前回公開した版を表示しています。",
              "The latest version has errors; the last good version is shown."),
    "withdrawn": ("このデータセットは {date} に公開を終了しました。",
                  "This dataset was withdrawn on {date}."),
    "not-found-title": ("ページが見つかりません", "Page not found"),
    "not-found-body": ("お探しのページは見つかりませんでした。URL を確認するか、データセットを検索してください。",
                       "The page you asked for does not exist. Check the address or search the "
                       "datasets."),
    "preview-caption": ("全 {n} 行。列見出しで並べ替え、見出しの下の欄で絞り込み、下のボタンでページを移動できます(どれもサーバーで行います)。",
                        "{n} rows in all. Sort with the column headers, filter in the boxes below them, page with the buttons below (all done on the server)."),
    "chart": ("グラフ", "Chart"),
    "chart-note": ("プレビューと同じデータをグラフにしたものです。", "The same data as the preview, drawn as a chart."),
    "map": ("地図", "Map"),
    "map-note": ("地図をクリックまたはタップすると、その地点の項目を表示します。",
                 "Click or tap a feature to see its attributes."),
    "map-label": ("{title}の地図", "Map of {title}"),
    "map-summary": ("{n} 地点、範囲 北緯 {south}°〜{north}°、東経 {west}°〜{east}°。",
                    "{n} features between latitude {south}° and {north}° N and longitude "
                    "{west}° and {east}° E."),
    "map-clustered": ("地点が多いため、近くの地点をまとめて件数付きの円で表示しています。",
                      "Nearby points are drawn together as circles with their count."),
    "map-simplified": ("線と面は表示用に簡略化しています。正確な形はダウンロードで確認できます。",
                       "Lines and areas are simplified for display; the downloads have the exact shapes."),
    "map-links": ("同じ内容を表(プレビュー)と GeoJSON で見られます:", "The same data as a table and as GeoJSON:"),
    "map-table": ("表で見る", "table"),
    "map-geojson": ("GeoJSON", "GeoJSON"),
    "map-cluster": ("この付近に {n} 地点。拡大すると個別に表示します。",
                    "{n} points here; zoom in to see each."),
    "map-zoom-in": ("拡大", "Zoom in"),
    "map-zoom-out": ("縮小", "Zoom out"),
    "kpi-heading": ("DX推進計画の進み具合", "Progress of the DX plan"),
    "kpi-published": ("公開データセット数 {count} 件", "{count} datasets published"),
    "kpi-target": ("{year}の目標 {target} 件", "target for {year}: {target}"),
    "kpi-no-target": ("{year}の目標値は設定されていません", "no target set for {year}"),
    "kpi-link": ("KPI の詳細を見る", "See all KPIs"),
    "home-description": ("鹿沼市のオープンデータを検索・ダウンロード・API で利用できます。",
                         "Search, download and use Kanuma City's open data through the API."),
    "datasets-description": ("鹿沼市のオープンデータを分類・タグ・形式で絞り込んで探せます。",
                             "Find Kanuma City's open data by category, tag and format."),
    "about-description": ("鹿沼市オープンデータポータルの目的と利用条件。",
                          "What the Kanuma City open-data portal is and its terms of use."),
    "developers-description": ("鹿沼市オープンデータの API とダウンロード形式。",
                               "The API and download formats of Kanuma City Open Data."),
    "developers-title": ("開発者向け情報", "For developers"),
    "developers-intro": ("すべてのデータは登録不要の API とファイルで利用できます。API の詳しい仕様は API ドキュメントと OpenAPI 定義を参照してください。",
                         "All data is available through files and an API that needs no key. See the API documentation and the OpenAPI definition for the details."),
    "api-docs": ("API ドキュメント", "API documentation"),
    "openapi": ("OpenAPI 定義 (JSON)", "OpenAPI definition (JSON)"),
    "url": ("URL", "URL"),
    "example": ("例", "Example"),
    "what": ("内容", "What"),
    "no-build": ("公開データを準備中です。", "The data is being prepared."),
    # --- usage statistics (the published portal-usage dataset) ---
    "sort-downloads": ("ダウンロード数", "Downloads"),
    "most-downloaded": ("よくダウンロードされているデータセット", "Most downloaded datasets"),
    "most-downloaded-note": ("{first}〜{last} のダウンロード数(利用統計データセットより)",
                             "Downloads {first} – {last} (from the usage statistics dataset)"),
    "downloads-count": ("{count} 回", "{count} downloads"),
    "downloads-12-months": ("過去12か月({first}〜{last})のダウンロード数: {count} 回",
                            "Downloads in the 12 months {first} – {last}: {count}"),
    # --- quality badges and /quality (portal/quality.py, web/components/quality.py) ---
    "facet-quality": ("品質", "Quality"),
    "quality": ("データの品質", "Data quality"),
    "quality-stars": ("{n}つ星", "{n} stars"),
    "quality-stars-long": ("5段階評価で{n}つ星", "{n} of 5 stars"),
    "quality-clean": ("機械判読: 警告なし", "Machine-readable: no warnings"),
    "quality-warnings": ("機械判読: 警告 {n} 件", "Machine-readable: {n} warnings"),
    "quality-errors": ("最新版にエラー {n} 件", "Latest version: {n} errors"),
    "quality-on-time": ("更新: 予定どおり", "Updates: on time"),
    "quality-late": ("更新: {days} 日遅れ", "Updates: {days} days late"),
    "quality-no-frequency": ("更新: 頻度の定めなし", "Updates: no frequency declared"),
    "quality-standard-complete": ("標準データセット準拠", "Standard layout"),
    "quality-standard-partial": ("標準データセット(任意列 {n} 個なし)",
                                 "Standard layout ({n} optional columns missing)"),
    "quality-standard-differs": ("標準データセット(相違あり)", "Standard layout (with differences)"),
    "quality-english": ("英語の説明あり", "English description"),
    "quality-no-english": ("英語の説明なし", "No English description"),
    "quality-badges": ("品質の判定", "Quality badges"),
    "quality-row-stars": ("オープンデータの5段階", "Open-data stars"),
    "quality-row-readable": ("機械判読性", "Machine-readability"),
    "quality-row-freshness": ("更新", "Updates"),
    "quality-row-standard": ("標準データセット", "Standard dataset"),
    "quality-row-english": ("英語の説明", "English description"),
    "quality-row-as-of": ("判定日", "Assessed on"),
    "quality-stars-why": ("1 オープンなライセンス、2 表形式の構造化データ、3 CSV などのオープンな形式、"
                          "4 行ごとの URL(主キー)、5 他のデータへのリンク。",
                          "1 open licence, 2 structured tables, 3 an open format (CSV), "
                          "4 a URL for each row (primary key), 5 links to other data."),
    "quality-readable-clean": ("エラー・警告ともにありません。", "No errors and no warnings."),
    "quality-readable-warnings": ("エラーはなく公開中です。警告 {n} 件:", "Published with no errors; "
                                  "{n} warnings:"),
    "quality-readable-errors": ("最新のファイルにエラーが {n} 件あるため、前回公開した版を表示しています。",
                                "The latest files have {n} errors; the last good version is shown."),
    "quality-count": ("{n} 件", "{n}"),
    "quality-fresh-on-time": ("予定どおり(次回の更新予定日 {due})", "On time (next update due {due})"),
    "quality-fresh-late": ("{days} 日遅れ(更新予定日 {due})", "{days} days late (due {due})"),
    "quality-fresh-none": ("更新頻度の定めなし(不定期)", "No frequency declared (irregular)"),
    "quality-standard-none": ("標準データセットではありません", "Not a standard dataset"),
    "quality-standard-layout": ("{name}(レイアウト {layout})", "{name} (layout {layout})"),
    "quality-standard-missing": ("任意の列 {n} 個がありません: {columns}",
                                 "{n} optional columns missing: {columns}"),
    "quality-yes": ("あり", "Yes"),
    "quality-no": ("なし", "No"),
    "quality-rules-link": ("品質の判定方法と部署別の一覧", "How quality is judged, by department"),
    "quality-page-title": ("データ品質(部署別)", "Data quality by department"),
    "quality-page-description": ("部署ごとの各データセットの品質と、次にすること。",
                                 "Each department's datasets: their quality and what to do next."),
    "quality-page-intro": ("公開中の各データセットについて、ビルドの日に判定した品質と、担当部署が次にすることを示します。"
                           "判定のきまりは docs/quality.md にあります。",
                           "For each published dataset: its quality as judged on the day of the "
                           "build, and what its department should do next. The rules are in "
                           "docs/quality.md."),
    "quality-page-summary": ("{total} 件中、直すところのないもの {done} 件", "{done} of {total} with nothing to fix"),
    "quality-next": ("次にすること", "What to do next"),
    "quality-no-department": ("部署の指定なし", "No department"),
    "quality-label-stars-0": ("0つ星", "0 stars"),
    "quality-label-stars-1": ("1つ星", "1 star"),
    "quality-label-stars-2": ("2つ星", "2 stars"),
    "quality-label-stars-3": ("3つ星", "3 stars"),
    "quality-label-stars-4": ("4つ星", "4 stars"),
    "quality-label-stars-5": ("5つ星", "5 stars"),
    "quality-label-no-warnings": ("機械判読の警告なし", "No machine-readability warnings"),
    "quality-label-warnings": ("機械判読の警告あり", "Machine-readability warnings"),
    "quality-label-errors-in-latest": ("最新版にエラー", "Errors in the latest version"),
    "quality-label-on-time": ("予定どおり更新", "Updated on time"),
    "quality-label-late": ("更新の遅れ", "Update late"),
    "quality-label-no-frequency": ("更新頻度の定めなし", "No update frequency"),
    "quality-label-standard": ("標準データセット(相違・不足あり)", "Standard layout, incomplete"),
    "quality-label-standard-complete": ("標準データセット準拠", "Standard layout, complete"),
    "quality-label-english": ("英語の説明あり", "English description"),
    # --- preview grid (dash-ag-grid) ---
    # --- chart builder (components/chart_builder.py, pages/chart.py) ---
    "chart-page-title": ("グラフ: {title}", "Chart: {title}"),
    "chart-page-description": ("データセットの列を選んでグラフにします。",
                               "Choose a dataset's columns and draw them as a chart."),
    "chart-builder": ("グラフを作る", "Build a chart"),
    "chart-builder-note": ("種類・横軸・値・集計・色分けと絞り込みを選んで「描画」を押してください。"
                           "集計はサーバーで行います。",
                           "Choose the type, axis, value, aggregation, grouping and filters, "
                           "then press Draw. The numbers are aggregated on the server."),
    "chart-type": ("グラフの種類", "Chart type"),
    "chart-type-bar": ("棒グラフ", "Bar chart"),
    "chart-type-line": ("折れ線グラフ", "Line chart"),
    "chart-type-scatter": ("散布図", "Scatter plot"),
    "chart-type-pie": ("円グラフ", "Pie chart"),
    "chart-x": ("横軸(区分)", "Along the axis (x)"),
    "chart-y": ("値(数量)", "Value (y)"),
    "chart-y-none": ("(行数を数える)", "(count rows)"),
    "chart-agg": ("集計", "Aggregation"),
    "chart-agg-sum": ("合計", "Sum"),
    "chart-agg-mean": ("平均", "Mean"),
    "chart-agg-count": ("件数", "Count"),
    "chart-agg-min": ("最小", "Minimum"),
    "chart-agg-max": ("最大", "Maximum"),
    "chart-color": ("色分け(系列)", "Group by (colour)"),
    "chart-color-none": ("(なし)", "(none)"),
    "chart-filters": ("絞り込み", "Filters"),
    "chart-filters-none": ("絞り込みなし", "No filter"),
    "chart-filter-keep": ("{column} {operator} {value}", "{column} {operator} {value}"),
    "chart-filter-column": ("絞り込む列", "Filter column"),
    "chart-filter-op": ("条件", "Condition"),
    "chart-filter-value": ("値", "Value"),
    "chart-grid-filters": ("プレビューの絞り込みをグラフに使います: {filters}",
                           "The preview's filters are used for the chart: {filters}"),
    "chart-draw": ("描画", "Draw"),
    "chart-open": ("このグラフのページ(リンク・ブックマーク用)", "This chart's own page (to link or bookmark)"),
    "chart-embed": ("埋め込み用 HTML", "HTML to embed"),
    "chart-embed-title": ("{title}のグラフ", "Chart of {title}"),
    "chart-csv": ("集計結果の CSV", "Aggregated rows (CSV)"),
    "chart-image-note": ("グラフの画像は、グラフ右上のカメラのボタンで PNG として保存できます。",
                         "Save the chart as a PNG picture with the camera button at its top right."),
    "chart-table": ("グラフのデータを表で見る", "The chart's data as a table"),
    "chart-count": ("件数", "count"),
    "chart-summary": ("{kind}: {x}ごとの{value}({n} 区分、{series} 系列)。最大は{max_at}の {max}、最小は{min_at}の {min}。",
                      "{kind}: {value} by {x} ({n} categories, {series} series). Highest "
                      "{max} at {max_at}, lowest {min} at {min_at}."),
    "chart-summary-empty": ("{kind}: 条件に合う行がありません。", "{kind}: no rows match."),
    "chart-value": ("{y}の{agg}", "{agg} of {y}"),
    "chart-truncated": ("区分が多いため、最初の {n} 区分だけを描いています。",
                        "There are many categories: only the first {n} are drawn."),
    "chart-error": ("グラフを描けません: {message}", "The chart cannot be drawn: {message}"),
    "chart-none": ("このデータには、グラフにできる数量の列がありません。",
                   "This data has no quantity to draw as a chart."),
    "chart-back": ("データセットのページへ戻る", "Back to the dataset"),
    "chart-filter-remove": ("(外す)", "(remove)"),
    "chart-op-contains": ("を含む", "contains"),
    "chart-op-startswith": ("で始まる", "starts with"),
    "chart-op-isnull": ("空欄", "is blank"),
    "chart-op-in": ("のいずれか", "one of"),
}
LABELS.update(COMMUNITY_LABELS)  # data requests and uses (web/community_labels.py)

# AG Grid's own texts in Japanese (its built-in English serves /en). Keys: AG Grid's locale
# keys for paging, filters, sorting and their screen-reader labels.
GRID_LOCALE_JA: dict[str, str] = {
    "page": "ページ", "of": "/", "to": "〜", "more": "以上", "firstPage": "最初のページ",
    "previousPage": "前のページ", "nextPage": "次のページ", "lastPage": "最後のページ",
    "pageSizeSelectorLabel": "1ページの行数:", "pageLastRowUnknown": "?",
    "loadingOoo": "読み込み中…", "loadingError": "読み込めませんでした", "noRowsToShow": "条件に合う行はありません",
    "filterOoo": "絞り込み…", "applyFilter": "適用", "resetFilter": "リセット",
    "clearFilter": "クリア", "cancelFilter": "キャンセル",
    "equals": "等しい", "notEqual": "等しくない", "lessThan": "より小さい",
    "greaterThan": "より大きい", "lessThanOrEqual": "以下", "greaterThanOrEqual": "以上",
    "inRange": "範囲", "inRangeStart": "から", "inRangeEnd": "まで",
    "contains": "含む", "notContains": "含まない", "startsWith": "で始まる", "endsWith": "で終わる",
    "blank": "空欄", "notBlank": "空欄でない", "andCondition": "かつ", "orCondition": "または",
    "searchOoo": "検索…", "selectAll": "すべて選択", "noMatches": "一致なし",
    "sortAscending": "昇順に並べ替え", "sortDescending": "降順に並べ替え", "sortUnSort": "並べ替えを解除",
    "columnFilter": "列の絞り込み", "columnMenu": "列メニュー",
    "ariaChecked": "チェックあり", "ariaColumn": "列", "ariaColumnGroup": "列グループ",
    "ariaColumnFiltered": "絞り込み中の列", "ariaColumnSelectAll": "すべての列の表示を切り替え",
    "ariaDateFilterInput": "日付の絞り込みの入力", "ariaDefaultListName": "一覧",
    "ariaFilterColumnsInput": "列の絞り込みの入力", "ariaFilterFromValue": "絞り込みの開始値",
    "ariaFilterInput": "絞り込みの入力", "ariaFilterList": "絞り込みの一覧",
    "ariaFilterToValue": "絞り込みの終了値", "ariaFilterValue": "絞り込みの値",
    "ariaFilterMenuOpen": "絞り込みメニューを開く", "ariaFilteringOperator": "絞り込みの条件",
    "ariaHidden": "非表示", "ariaIndeterminate": "未確定", "ariaMenuColumn": "列メニューを開く",
    "ariaFilterColumn": "Ctrl と Enter で絞り込みを開く",
    "ariaLabelColumnMenu": "列メニュー", "ariaLabelColumnFilter": "列の絞り込み",
    "ariaLabelDialog": "ダイアログ", "ariaLabelFilter": "絞り込み",
    "ariaLabelLoadingContextMenu": "メニューを読み込み中",
    "ariaRowSelect": "Space キーでこの行を選択", "ariaSearch": "検索",
    "ariaSortableColumn": "Enter キーで並べ替え", "ariaToggleVisibility": "Space キーで表示を切り替え",
    "ariaUnchecked": "チェックなし", "ariaVisible": "表示",
    "ariaPageSizeSelectorLabel": "1ページの行数",
    "ariaSearchFilterValues": "絞り込みの値を検索",
    "ariaLabelGrid": "データのプレビュー", "ariaRowCount": "行数",
}


def lang_of_request() -> str:
    """The language of the page, from its URL only (/en/… is English); never the cookie.

    A page's layout and title are computed in Dash's callback request, whose own path is
    /_dash-update-component: there the page's language is set around the call (``in_lang``),
    and other callbacks of the page read the page's URL from the Referer header.
    """
    chosen = _PAGE_LANG.get()
    if chosen is not None:
        return chosen
    if not has_request_context():
        return urls.DEFAULT_LANG
    if request.path.startswith("/_dash"):
        referrer = urlsplit(request.referrer or "")
        same_site = not referrer.netloc or referrer.netloc == request.host
        return urls.lang_of_path(referrer.path) if same_site else urls.DEFAULT_LANG
    return urls.lang_of_path(request.path)


@contextmanager
def page_language(lang: str) -> Iterator[None]:
    token = _PAGE_LANG.set(lang)
    try:
        yield
    finally:
        _PAGE_LANG.reset(token)


def in_lang(function: Callable[..., Any], lang: str) -> Callable[..., Any]:
    """``function`` called with the page language set to ``lang``."""

    def call(**kwargs: Any) -> Any:
        with page_language(lang):
            return function(**kwargs)

    call.__name__ = getattr(function, "__name__", "call")
    return call


def t(key: str, lang: str, **params: object) -> str:
    ja, en = LABELS[key]
    text = en if lang == "en" else ja
    return text.format(**params) if params else text


def fmt_date(value: str | date | None, lang: str) -> str:
    if not value:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, format="long", locale="ja_JP" if lang == "ja" else "en_GB")


def fmt_number(value: float | int, lang: str) -> str:
    return format_decimal(value, locale="ja_JP" if lang == "ja" else "en_GB")


def fmt_month(month: str, lang: str) -> str:
    """'2026-11' → 2026年11月 / Nov 2026."""
    year, number = int(month[:4]), int(month[5:7])
    return format_date(date(year, number, 1), format="yyyy年M月" if lang == "ja" else "MMM yyyy",
                       locale="ja_JP" if lang == "ja" else "en_GB")


def fmt_bytes(size: int, lang: str) -> str:
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{fmt_number(round(size / scale, 1), lang)} {unit}"
    return f"{fmt_number(size, lang)} B"
