"""Catalog Markdown → sanitised HTML → Dash components, so no raw HTML reaches the browser.

Descriptions are written by staff in catalog.yaml and end up on public pages, so they are
treated as untrusted: markdown-it renders with raw HTML off, nh3 keeps a short list of tags and
only http(s)/mailto links, and the result is rebuilt as Dash components (never injected as HTML).
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from typing import Any

import nh3
from dash import html
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False})
ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "code", "pre", "a", "br", "h3",
                          "h4", "blockquote"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Headings in a description sit under the page's h1 and its section h2s.
_COMPONENTS: dict[str, Any] = {
    "p": html.P, "ul": html.Ul, "ol": html.Ol, "li": html.Li, "strong": html.Strong,
    "em": html.Em, "code": html.Code, "pre": html.Pre, "a": html.A, "br": html.Br,
    "h3": html.H3, "h4": html.H4, "blockquote": html.Blockquote,
}
_VOID = frozenset({"br"})


def safe_markdown(text: str) -> str:
    """Markdown → HTML with raw HTML off and the result sanitised (links: http(s), mailto)."""
    rendered = _markdown.render(text)
    return nh3.clean(rendered, tags=set(ALLOWED_TAGS), attributes={"a": {"href"}},
                     url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer")


class _Builder(HTMLParser):
    """Rebuilds sanitised HTML as a component tree; unknown tags keep only their text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str], list[Any]]] = [("root", {}, [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _COMPONENTS:
            return
        kept = {k: v for k, v in attrs if k in ("href", "rel") and v is not None}
        if tag in _VOID:
            self.stack[-1][2].append(_COMPONENTS[tag]())
            return
        self.stack.append((tag, kept, []))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _COMPONENTS or tag in _VOID or len(self.stack) == 1:
            return
        if self.stack[-1][0] != tag:
            return  # nh3 output is well formed; a stray end tag is ignored
        name, attrs, children = self.stack.pop()
        self.stack[-1][2].append(_COMPONENTS[name](children, **attrs))

    def handle_data(self, data: str) -> None:
        if data.strip() or self.stack[-1][0] in ("pre", "code"):
            self.stack[-1][2].append(data)
        elif data and self.stack[-1][2]:
            self.stack[-1][2].append(" ")


def markdown_components(text: str) -> list[Any]:
    """Children for a container: the description's Markdown as sanitised Dash components."""
    builder = _Builder()
    builder.feed(safe_markdown(text))
    builder.close()
    while len(builder.stack) > 1:  # close anything left open
        name, attrs, children = builder.stack.pop()
        builder.stack[-1][2].append(_COMPONENTS[name](children, **attrs))
    return builder.stack[0][2]


def markdown_block(text: str) -> html.Div:
    return html.Div(markdown_components(text), className="description")


def plain_text(text: str) -> str:
    """The description without markup, for <meta name=description> and JSON-LD."""
    return " ".join(unescape(nh3.clean(_markdown.render(text), tags=set())).split())
