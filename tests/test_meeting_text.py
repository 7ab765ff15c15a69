"""例会 slides draw names, reasons and labels from the data as their characters, never as plotly markup: the
sample's real frames with project names, 预警 reasons and a target label replaced by HTML-looking text."""
from __future__ import annotations

import polars as pl

from cockpit import briefing
from cockpit.views import meeting as view

NAME = "<b>坏</b>&lt;"
NAME_SHOWN = "&lt;b&gt;坏&lt;/b&gt;&amp;lt;"
REASON = "<a href=#>逾期</a>"
REASON_SHOWN = "&lt;a href=#&gt;逾期&lt;/a&gt;"
LABEL = "<i>指标</i>"
LABEL_SHOWN = "&lt;i&gt;指标&lt;/i&gt;"


def hostile_frames() -> dict[str, pl.DataFrame]:
    data = briefing.frames("2020-12", "city")
    for name in ("snails", "warnings", "projects"):
        data[name] = data[name].with_columns(project_name=pl.lit(NAME))
    data["warnings"] = data["warnings"].with_columns(reasons=pl.lit(REASON + "；其他"))
    data["progress_rows"] = data["progress_rows"].with_columns(label=pl.lit(LABEL))
    return data


def annotation_texts(number: int, data: dict[str, pl.DataFrame]) -> list[str]:
    figure = view.build(number, data, "2020-12", "city")
    return [a.text or "" for a in figure.layout.annotations]


def test_slides_show_data_text_escaped(sample_data):
    data = hostile_frames()
    number = {s.name: i for i, s in enumerate(view.SLIDES, 1)}
    expected = {number["蜗牛项目"]: [NAME_SHOWN], number["红色预警"]: [NAME_SHOWN, REASON_SHOWN],
                number["需研究解决"]: [NAME_SHOWN, LABEL_SHOWN], 2: [LABEL_SHOWN], 3: [LABEL_SHOWN]}
    for number, shown in expected.items():
        texts = annotation_texts(number, data)
        joined = "\n".join(texts)
        for text in shown:
            assert text in joined, (number, text)
        # the markup itself never reaches plotly: no raw tag from the data, no unescaped entity
        assert not any(raw in t for t in texts for raw in ("<b>坏", "<a ", "<i>", "&lt;\n")), number
        assert "坏</b>&lt;" not in joined


def test_fit_measures_the_characters_as_written():
    # "<b>" is three visible characters once escaped, so it counts towards the width
    assert view.text_width("<b>x</b>", 10) == view.text_width("abcxabcd", 10)
    cut = view.fit("<b>" + "项" * 40, 34, 300)
    assert cut.startswith("<b>") and cut.endswith("…") and view.text_width(cut, 34) <= 300
