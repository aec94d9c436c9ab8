"""UI labels of the data-request and uses pages (merged into ``i18n.LABELS``)."""

from __future__ import annotations

COMMUNITY_LABELS: dict[str, tuple[str, str]] = {
    "nav-uses": ("利活用事例", "Uses"),
    "nav-requests": ("データ公開要望", "Data requests"),
    # /requests
    "requests-page-title": ("データ公開要望", "Data requests"),
    "requests-page-description": ("市に寄せられたデータ公開の要望と、その回答",
                                  "Requests for data sent to the city, and its answers"),
    "requests-intro": ("公開してほしいデータの要望と、市の回答です。要望はどなたでも送れます。",
                       "Requests for data the city has been asked to publish, and its answers. "
                       "Anyone may send one."),
    "requests-new-link": ("データの公開を要望する", "Ask for data"),
    "requests-empty": ("公開している要望はまだありません。", "No requests have been published yet."),
    "requests-caption": ("データ公開要望と回答", "Data requests and answers"),
    "requests-col-title": ("要望", "Request"),
    "requests-col-received": ("受付日", "Received"),
    "requests-col-status": ("状況", "Status"),
    "requests-col-answer": ("回答", "Answer"),
    "requests-answered-on": ("{date} 回答", "answered {date}"),
    # /requests/new
    "request-form-title": ("データの公開を要望する", "Ask for data"),
    "request-form-description": ("鹿沼市に公開してほしいデータを要望するフォーム",
                                 "A form to ask Kanuma City to publish data"),
    "request-form-intro": ("公開してほしいデータと、その使いみちを教えてください。アカウントは不要です。"
                           "内容は担当課で確認し、回答を「データ公開要望」のページに掲載します。",
                           "Tell us which data you would like and what for. No account is "
                           "needed. The division concerned reads each request; answers are "
                           "published on the Data requests page."),
    "request-form-what": ("欲しいデータ(必須)", "Data you would like (required)"),
    "request-form-what-help": ("例: 市内の AED 設置場所の一覧。{limit} 文字まで。",
                               "For example: where the city's AEDs are. Up to {limit} "
                               "characters."),
    "request-form-why": ("使いみち(任意)", "What for (optional)"),
    "request-form-why-help": ("例: 地図アプリで表示したい。{limit} 文字まで。",
                              "For example: to show them in a map app. Up to {limit} "
                              "characters."),
    "request-form-contact": ("連絡先(任意・公開しません)", "Contact (optional, never published)"),
    "request-form-contact-help": ("質問があるときに担当課から連絡します。メールアドレスなど。{limit} 文字まで。",
                                  "So the division can ask you a question: an e-mail address, "
                                  "say. Up to {limit} characters."),
    "request-form-honeypot": ("この欄は空のままにしてください", "Leave this field empty"),
    "request-form-submit": ("送信する", "Send"),
    "request-form-accepted": ("要望を受け付けました。受付番号は {reference} です。ありがとうございました。",
                              "Your request has been received: number {reference}. Thank you."),
    "request-form-duplicate": ("この要望はすでに受け付けています(受付番号 {reference})。",
                               "This request has already been received (number {reference})."),
    "request-form-privacy": ("送信内容は市の担当者だけが読みます。連絡先は公開しません。"
                             "送信元の IP アドレスは保存しません(連続送信の制限には、元に戻せない形に変換した値を1時間だけ使います)。",
                             "Only city staff read what you send. Your contact is never "
                             "published. Your IP address is not stored (the limit on repeated "
                             "sending uses an irreversible hash of it, for an hour)."),
    "request-form-back": ("要望と回答の一覧", "Requests and answers"),
    # /uses
    "uses-page-title": ("利活用事例", "Uses of the data"),
    "uses-page-description": ("鹿沼市のオープンデータを使ったアプリ・地図・記事・研究",
                              "Apps, maps, articles and research made with Kanuma City's "
                              "open data"),
    "uses-intro": ("鹿沼市のオープンデータを使って作られたアプリ、地図、可視化、記事、研究などです。",
                   "Apps, maps, visualisations, articles and research made with Kanuma "
                   "City's open data."),
    "uses-filter-kind": ("種類", "Kind"),
    "uses-filter-dataset": ("データセット", "Dataset"),
    "uses-filter-all": ("すべて", "All"),
    "uses-filter-apply": ("絞り込む", "Filter"),
    "uses-empty": ("該当する利活用事例はありません。", "No uses match."),
    "uses-count": ("{count} 件", "{count} uses"),
    "uses-maker": ("作成: {maker}", "By {maker}"),
    "uses-datasets": ("使っているデータ", "Data used"),
    "uses-image-alt": ("{title} の画面", "Screenshot of {title}"),
    "uses-tell-us": ("鹿沼市のデータを使った事例を、問い合わせ先までお知らせください。",
                     "Made something with Kanuma City's data? Tell us at the contact address."),
    # dataset page, home, KPI
    "dataset-uses-heading": ("このデータの利活用事例", "Uses of this data"),
    "dataset-requests-heading": ("このデータで応えた公開要望", "Requests this data answered"),
    "home-uses-heading": ("最近の利活用事例", "Latest uses of the data"),
    "home-uses-more": ("利活用事例をすべて見る", "All uses"),
    "kpi-requests-heading": ("データ公開要望の件数", "Data requests"),
    "kpi-requests-caption": ("年度ごとの受付件数と回答件数(公開済み・公開できません)",
                             "Requests received and answered (published or declined) per "
                             "fiscal year"),
    "kpi-requests-year": ("年度", "Fiscal year"),
    "kpi-requests-received": ("受付", "Received"),
    "kpi-requests-answered": ("回答", "Answered"),
    "kpi-requests-none": ("公開している要望はまだありません。", "No requests have been published yet."),
}
