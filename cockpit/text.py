"""Values from files or the URL shown as literal text: never Markdown, HTML, icons, colours, formulas or links.

Streamlit renders st.title/header/markdown/caption/info/warning/error (and their labels) as Markdown with its own
directives (`:red[…]`, `:material/…:`), KaTeX (`$…$`), raw HTML and GFM autolinks of bare URLs. An imported
项目名称 or a `?project=` value must show exactly as written, so `literal()` backslash-escapes every ASCII punctuation
character: CommonMark lets any of them be escaped, and an escaped character starts no construct (no emphasis,
link, image, directive, math, HTML tag). Bare URLs and e-mail addresses are linked later, in the parsed text where
the escapes are gone, so an invisible word joiner (U+2060) goes inside "://", "www." and before "@". Line breaks
become spaces: a value never starts a new block (heading, list, quote).

`plot_text()` does the same job for plotly, whose titles and labels read a subset of HTML (<b>, <a href>, <br> …).
"""
from __future__ import annotations

import re

# Every ASCII punctuation character (CommonMark's escapable set).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# GFM links bare URLs and e-mail addresses after parsing, in the text itself, where escapes are gone: an invisible
# WORD JOINER inside "://", "www." and before "@" keeps those from matching (the reader sees the same text).
_AUTOLINK_POINTS = re.compile(r"(?<=:)(?=//)|(?i:(?<=www))(?=\.)|(?=@)")
JOINER = "\u2060"
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def literal(value: object) -> str:
    """The value as Markdown that renders as exactly its characters (None becomes an empty string)."""
    if value is None:
        return ""
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK_POINTS.sub(JOINER, _LINE_BREAKS.sub(" ", str(value))))


def plot_text(value: object) -> str:
    """The value as plotly text that shows its characters: plotly reads `<…>` tags and `&…;` entities in titles,
    labels and hover text, so both are written as entities."""
    if value is None:
        return ""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
