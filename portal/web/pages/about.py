"""/about — what the portal is and the terms of use."""

from __future__ import annotations

from dash import html

from portal.web import ids
from portal.web.i18n import t
from portal.web.pages._context import description_of, lang, register_pages, title_of

TEXT = {
    "ja": ["鹿沼市オープンデータは、鹿沼市DX推進計画の施策3-2「データの活用・共有」に基づき、市が保有するデータを機械判読に適した形で公開するサイトです。",
           "特に記載のない限り、データはクリエイティブ・コモンズ 表示 4.0 国際(CC BY 4.0)で提供します。出典として「鹿沼市」を表示してください。",
           "お問い合わせ: 鹿沼市 総合政策部 デジタル政策課 デジタル推進係"],
    "en": ["Kanuma City Open Data publishes the city's data in machine-readable form, under "
           "measure 3-2 'use and sharing of data' of the Kanuma City DX Plan.",
           "Unless stated otherwise, the data is licensed under Creative Commons Attribution "
           "4.0 International (CC BY 4.0). Credit 'Kanuma City' as the source.",
           "Contact: Digital Promotion Section, Digital Policy Division, Kanuma City"],
}
# The number as dialled from a phone (E.164 in the link, the usual writing on the page).
PHONE = {"ja": "0289-63-2252", "en": "+81 289-63-2252"}
PHONE_LINK = "tel:+81289632252"
PHONE_LABEL = {"ja": ("(電話 ", ")"), "en": (" (phone ", ")")}


def layout(**_: str) -> html.Div:
    language = lang()
    *paragraphs, contact = TEXT[language]
    before, after = PHONE_LABEL[language]
    return html.Div([html.H1(t("nav-about", language)),
                     *[html.P(p) for p in paragraphs],
                     html.P([contact, before, html.A(PHONE[language], href=PHONE_LINK,
                                                     id=ids.CONTACT_PHONE), after])])


register_pages(__name__, layout, path="/about", title=title_of("nav-about"),
               description=description_of("about-description"))
