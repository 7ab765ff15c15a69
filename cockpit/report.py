"""The 通报's building blocks and its agreed order: sections return blocks, the .docx writer lays them out.

A view that contributes to the 通报 (the mechanisms, the look-ahead lists) returns a list of blocks and knows
nothing of Word; `cockpit/briefing` renders them as a 公文 (GB/T 9704). The slide order of the 例会 follows the
same sequence (see SECTION_ORDER and SLIDE_ORDER below), so the meeting and the document tell one story.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


@dataclass(frozen=True)
class Heading:
    """A 小标题: level 1 “一、” (黑体), level 2 “（一）” (楷体), level 3 “1.” (仿宋, bold)."""
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    """A body paragraph in the office's register (仿宋, first-line indent of two characters)."""
    text: str


@dataclass(frozen=True)
class Table:
    """A table in the body: Chinese headers, values already formatted as the reader should see them."""
    frame: pl.DataFrame
    caption: str = ""  # 表N is prefixed by the writer
    widths_cm: tuple[float, ...] | None = None
    note: str = ""  # a line under the table (注：…)


@dataclass(frozen=True)
class Figure:
    """One of the 例会 slides as a figure in the body (the writer renders it without the slide's footer)."""
    slide: str  # a slide name from cockpit.views.meeting.SLIDES (e.g. "地图")
    caption: str  # 图N is prefixed by the writer


@dataclass(frozen=True)
class Attachment:
    """A full list that goes to 附件N at the end (headers repeated on every page)."""
    title: str
    frame: pl.DataFrame
    note: str = ""
    rank: int = 9  # 附件 are numbered by rank, then in section order: the 蜗牛, 红色预警 and “五未” lists take 1 (附件1–3)


@dataclass(frozen=True)
class Section:
    """One numbered section of the 通报 body (一、二、…), its blocks and the 附件 it adds."""
    title: str
    blocks: list = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)  # 口径 in words, gathered into the last 附件


# The agreed order of the 通报's sections (keys name the builder of each section).
SECTION_ORDER = (
    "overall",        # 一、总体情况: headline figures, targets against 序时进度, honest notes
    "units",          # 二、各地推进情况: per-unit table of the main targets, the map
    "ranking",        # 三、县市区排名: score (what it covers), 末2位, 约谈
    "promotion",      # 四、“一把手”外出招商情况 (issue 18 §3)
    "inspection",     # 五、督查核查情况 (issue 18 §1)
    "problem_projects",  # 六、问题项目: 蜗牛, 红色预警, “五未”, 临期预警 (issue 19 §1); worst cases, lists in 附件
    "problems",       # 七、问题办理情况: the 问题清单 (issue 18 §2)
    "decisions",      # 八、需研究解决的事项: 提交例会 problems and 严重超期 ≥10亿 first, then data-driven items
    "next_steps",     # 九、下一步工作要求
)

# The agreed order of the 例会 slides (names as in cockpit.views.meeting.SLIDES).
SLIDE_ORDER = ("封面", "总量", "全部目标", "县市区排名", "年度考核", "一把手招商", "地图", "五未土地", "蜗牛项目", "红色预警",
               "督查核查", "问题清单", "需研究解决")
