"""cockpit/text.py: data shown as literal text in Markdown and in plotly."""
from __future__ import annotations

import re

import pytest

from cockpit.text import JOINER as J, literal, plot_text


@pytest.mark.parametrize("raw, escaped", [
    ("![x](http://evil.example/a.png)", r"\!\[x\]\(http\:" + J + r"\/\/evil\.example\/a\.png\)"),
    ("[钓鱼](http://evil.example/login)", r"\[钓鱼\]\(http\:" + J + r"\/\/evil\.example\/login\)"),
    ("**x**", r"\*\*x\*\*"),
    (":red[x]", r"\:red\[x\]"),
    (":material/home:", r"\:material\/home\:"),
    ("http://evil.example", r"http\:" + J + r"\/\/evil\.example"),
    ("www.evil.example", "www" + J + r"\.evil\.example"),
    ("a@evil.example", "a" + J + r"\@evil\.example"),
    ("$x^2$", r"\$x\^2\$"),
    ("<b>x</b>", r"\<b\>x\<\/b\>"),
    ("# 标题", r"\# 标题"),
    ("1. 第一", r"1\. 第一"),
    (r"a\b", r"a\\b"),
    ("_x_ ~~y~~ `z` | q", r"\_x\_ \~\~y\~\~ \`z\` \| q"),
    ("嘉兴市南湖区新能源项目（一期）", "嘉兴市南湖区新能源项目（一期）"),
    ("2020-330402-07-02-000001", r"2020\-330402\-07\-02\-000001"),
])
def test_literal_escapes_every_markdown_construct(raw, escaped):
    assert literal(raw) == escaped


def test_literal_leaves_no_unescaped_ascii_punctuation():
    every = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum())
    escaped = literal(every).replace(J, "")  # one joiner goes before "@"
    assert escaped == "".join("\\" + ch for ch in every)
    # removing the escapes gives back exactly the input
    assert re.sub(r"\\(.)", r"\1", escaped) == every


def test_joiners_break_only_autolinks():
    assert literal("HTTPS://x.example Www.x.example mailto:a@b.example") == (
        "HTTPS\\:" + J + "\\/\\/x\\.example Www" + J + "\\.x\\.example mailto\\:a" + J + "\\@b\\.example")
    assert J not in literal("嘉兴 www 项目: 一期 // 二期")


def test_literal_keeps_values_on_one_line_and_handles_none_and_numbers():
    assert literal("第一行\n- 第二行\r\n> 第三行") == r"第一行 \- 第二行 \> 第三行"
    assert literal(None) == "" and literal(12.5) == r"12\.5"


def test_plot_text_writes_tags_and_entities_as_entities():
    assert plot_text('<b>x</b> <a href="http://evil.example">y</a>') == \
        '&lt;b&gt;x&lt;/b&gt; &lt;a href="http://evil.example"&gt;y&lt;/a&gt;'
    assert plot_text("A&amp;B <br>") == "A&amp;amp;B &lt;br&gt;"
    assert plot_text("嘉兴（一期）") == "嘉兴（一期）" and plot_text(None) == ""
