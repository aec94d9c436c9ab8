"""Catalog Markdown becomes inert components: no script, no javascript: link, no raw HTML."""

from __future__ import annotations

from dash import html

from portal.web.components.markdown import markdown_components, plain_text, safe_markdown

HOSTILE = ("**施設**の一覧です。<script>alert('x')</script>\n\n"
           "[危険なリンク](javascript:alert(1)) <a href=\"javascript:alert(2)\">生のリンク</a>\n\n"
           "<img src=x onerror=alert(3)>\n\n- [市のサイト](https://www.city.kanuma.tochigi.jp/)")


def _walk(node: object) -> list[object]:
    found = [node]
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children] if children else []:
        found += _walk(child)
    return found


def test_script_and_javascript_links_in_a_description_are_inert() -> None:
    nodes = [n for c in markdown_components(HOSTILE) for n in _walk(c)]
    links = [n.href for n in nodes if isinstance(n, html.A)]
    kinds = {type(n).__name__ for n in nodes if not isinstance(n, str)}
    assert links == ["https://www.city.kanuma.tochigi.jp/"]
    assert kinds == {"P", "Strong", "Ul", "Li", "A"}
    # What was raw HTML is shown as text, never parsed.
    text = "".join(n for n in nodes if isinstance(n, str))
    assert "<script>alert('x')</script>" in text


def test_sanitised_html_keeps_only_http_links_with_rel() -> None:
    assert safe_markdown("[a](https://example.org) [b](javascript:x)") == (
        '<p><a href="https://example.org" rel="noopener noreferrer">a</a> '
        "[b](javascript:x)</p>\n")


def test_markdown_is_rebuilt_as_components() -> None:
    tree = markdown_components("**強調**と`code`\n\n1. 一\n2. 二")
    assert repr(tree) == repr([
        html.P([html.Strong(["強調"]), "と", html.Code(["code"])]), " ",
        html.Ol([html.Li(["一"]), " ", html.Li(["二"]), " "]), " "])


def test_plain_text_drops_markup_for_meta_descriptions() -> None:
    assert plain_text("**テスト用に生成した**施設の\n一覧です。") == "テスト用に生成した施設の 一覧です。"
