"""县市区排名 年度累计 (issue 19 §3): 月度排名综合得分纳入年度考核 — each unit's mean monthly score from January to the
selected month, its rank on that mean, and the year's quarterly bottom-two history (who was 约谈, when, by whom).
Reads the frames of cockpit/views/ranking.py (scores, quarters); no Streamlit, no queries."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit import labels, report
from cockpit.charts import theme
from cockpit.text import plot_text
from cockpit.views import ranking

ANNUAL_DEFINITION = ("口径：年度累计得分=本年1月至所选月份各月综合得分的算术平均（各月得分按当月口径，保留一位小数后平均），"
                     "只计有得分的月份（“参评月数”）；按年度累计得分排名，得分相同（两位小数）名次并列。"
                     "约谈记录为本年各季末排名末{bottom_n}位的主体及约谈人（连续两个季度末位由市长约谈，否则由分管副市长约谈）。")
_QUARTER_NAMES = "一二三四"
ANNUAL_DIGITS = 2  # the mean's displayed precision; ranks compare at it


def definition() -> str:
    text = ANNUAL_DEFINITION.format(bottom_n=int(ranking.settings()["bottom_n"]))
    return text + ("1–2月合并通报：1月不单独排名，不计入年度累计（2月得分已含1–2月）。" if ranking.january_merged() else "")


def annual_scores(all_scores: pl.DataFrame, month: str) -> pl.DataFrame:
    """Per unit: months scored, mean score (Jan..month of the year), rank on the mean (ties share), this month's
    score and rank. Units without any score in the year keep a row with nulls, ranked last."""
    year = int(month[:4])
    months = all_scores.filter((pl.col("year") == year) & (pl.col("snapshot_month") <= month))
    if ranking.january_merged():  # 1–2月 together: January has no ranking of its own, February's score covers both
        months = months.filter(pl.col("month_number") != 1)
    per_unit = (months.group_by("unit_id", "unit_name", "unit_short", "sort_order")
                .agg(months_scored=pl.col("score").is_not_null().sum().cast(pl.Int64),
                     annual_score=pl.col("score").round(ranking.SCORE_DIGITS).mean()))
    now = months.filter(pl.col("snapshot_month") == month).select("unit_id", month_score="score", month_rank="rank")
    shown = pl.col("annual_score").round(ANNUAL_DIGITS)
    return (per_unit.join(now, on="unit_id", how="left")
            .with_columns(annual_rank=pl.when(shown.is_not_null())
                          .then(shown.rank("min", descending=True)).cast(pl.Int64))
            .sort(pl.col("annual_rank").fill_null(99), "sort_order"))


def interview_history(quarter_frame: pl.DataFrame, month: str) -> pl.DataFrame:
    """The year's quarters ended by `month`: each bottom unit, its quarter-end rank and score, who interviews."""
    year = int(month[:4])
    return (quarter_frame.filter((pl.col("year") == year) & (pl.col("snapshot_month") <= month) & pl.col("in_bottom"))
            .sort("quarter_index", "rank", "sort_order"))


def interview_words(history: pl.DataFrame) -> dict[str, str]:
    """unit_id -> “分管副市长约谈：一季度；市长约谈：二、三季度” (the page's and the 通报's column)."""
    return {unit: "；".join(own_record(history, unit)) for unit in history["unit_id"].unique(maintain_order=True)}


def annual_table(annual: pl.DataFrame, history: pl.DataFrame) -> pl.DataFrame:
    """The page's table (headers and number formats from cockpit/labels.py: 75.20, 100.0)."""
    words = interview_words(history)
    return labels.table(
        annual, "annual_rank", "unit_name", pl.col("annual_score").round(ANNUAL_DIGITS), "months_scored",
        pl.col("month_score").round(1), "month_rank",
        pl.col("unit_id").replace_strict(words, default="—").alias("interview_record"),
    )


def history_table(history: pl.DataFrame) -> pl.DataFrame:
    """Who was 约谈 when, by whom, as a table (one row per quarter and bottom unit)."""
    return ranking.quarter_table(history, int(history["year"][0])) if history.height else pl.DataFrame(
        schema={labels.header(c): pl.String for c in ("quarter_label", "unit_name", "quarter_rank", "quarter_score",
                                                       "consecutive", "interview")})


# ---------------------------------------------------------------- the 例会 slide (年度考核, after 县市区排名)

SLIDE_TITLE = "县市区排名·年度累计"
JANUARY_SAME = "1月：年度累计得分即本月综合得分"
_ROW_TOP, _ROW_STEP = 268, 60  # the table's first row and row pitch (nine rows end at 776, above a 4-line 口径)
_HISTORY_LEFT = 1230  # the 约谈 block, right of the table
_HISTORY_STEP, _QUARTER_GAP = 44, 12
_HISTORY_LIMIT = 800  # the lowest line of the 约谈 block (a four-line 口径 starts below 820)
_HIGHLIGHT = "#DBEAFE"


def shown_score(value: float | None) -> str:
    """The annual mean as the slide and the 通报 show it (two decimals: the precision ranks compare at)."""
    return "—" if value is None else f"{value:.{ANNUAL_DIGITS}f}"


def history_lines(history: pl.DataFrame) -> list[tuple[str, str, str, str]]:
    """The 约谈 record as slide lines: (quarter word on its first line else "", unit id, short name, who)."""
    lines, last = [], None
    for row in history.iter_rows(named=True):
        word = f"{_QUARTER_NAMES[row['quarter'] - 1]}季度" if row["quarter_index"] != last else ""
        last = row["quarter_index"]
        lines.append((word, row["unit_id"], row["unit_short"], row["interview"]))
    return lines


def slide_subtitle(month: str) -> str:
    number = int(month[5:])
    if number == 1:
        return f"{int(month[:4])}年1月"
    return f"{int(month[:4])}年1–{number}月各月综合得分平均" + ("（1–2月合并计）" if ranking.january_merged() else "")


def slide(ctx, progress_rows: pl.DataFrame) -> go.Figure:
    """年度考核: the nine units by their mean monthly score of the year (rank, months scored, this month's rank),
    the year's quarterly 约谈 record beside it, the 口径 under it; a unit view marks its row."""
    from cockpit.views import target_progress as progress

    no_targets = progress.targets_missing(progress_rows, ctx.month)
    return scores_slide(ctx, ranking.scores(progress_rows), progress.NO_TARGETS if no_targets else None)


def scores_slide(ctx, all_scores: pl.DataFrame, no_score_reason: str | None = None) -> go.Figure:
    """The slide from the score history (ranking.scores / ranking__scores rows); `no_score_reason` is said when
    no unit has a score in the year."""
    from cockpit.views import meeting as m

    subtitle = slide_subtitle(ctx.month)
    if ranking.unranked_january(ctx.month):
        return m.nothing(m.frame(ctx, SLIDE_TITLE, ctx.month_label), ranking.JANUARY_NOTE)
    annual = annual_scores(all_scores, ctx.month)
    if annual.is_empty() or annual["annual_score"].is_null().all():
        reason = no_score_reason or f"{ctx.month[:4]}年截至所选月份没有县级主体的综合得分（缺分主体目标）"
        return m.nothing(m.frame(ctx, SLIDE_TITLE, subtitle), f"{reason}，无法计算年度累计得分")
    fig = m.frame(ctx, SLIDE_TITLE, subtitle)
    highlight = None if ctx.city else ctx.unit
    _annual_rows(m, fig, annual, highlight)
    _history_block(m, fig, annual, ranking.quarters(all_scores), highlight, ctx.month)
    lines = m.wrap(definition(), m.TEXT_SIZE, m.RIGHT - m.LEFT)
    for i, line in enumerate(lines):
        m.put(fig, m.LEFT, m.BOTTOM - 25 - (len(lines) - 1 - i) * 44, plot_text(line), m.TEXT_SIZE,
              theme.COLORS["muted"])
    return fig.done()


def _annual_rows(m, fig, annual: pl.DataFrame, highlight: str | None) -> None:
    columns = ((115, "center", "排名"), (190, "left", "县级主体"), (660, "right", "年度累计得分"),
               (850, "right", "参评月数"), (1090, "right", "本月排名"))
    for x, anchor, text in columns:
        m.put(fig, x, m.TOP + 38, text, m.TEXT_SIZE, theme.COLORS["muted"], anchor=anchor)
    for i, row in enumerate(annual.iter_rows(named=True)):
        y = _ROW_TOP + i * _ROW_STEP
        mine = row["unit_id"] == highlight
        if mine:
            m.box(fig, m.LEFT, y - _ROW_STEP / 2 + 3, 1130, y + _ROW_STEP / 2 - 3, _HIGHLIGHT,
                  line=theme.COLORS["primary"], width=3)
        elif i % 2 == 0:
            m.box(fig, m.LEFT, y - _ROW_STEP / 2 + 3, 1130, y + _ROW_STEP / 2 - 3, "#F3F4F6")
        rank, score = row["annual_rank"], row["annual_score"]
        m.put(fig, 115, y, "—" if rank is None else str(rank), m.LABEL_SIZE, anchor="center", bold=True)
        m.put(fig, 190, y, plot_text(row["unit_short"]), m.LABEL_SIZE, bold=mine)
        if score is None:
            m.put(fig, 660, y, "未参评", m.TEXT_SIZE, theme.COLORS["muted"], anchor="right")
        else:
            status = ranking.score_status(round(score, ANNUAL_DIGITS))
            m.put(fig, 660, y, f"{theme.status_mark(status)} {shown_score(score)}", m.LABEL_SIZE,
                  m.status_text_color(status), anchor="right", bold=True)
        m.put(fig, 850, y, str(row["months_scored"]), m.LABEL_SIZE, anchor="right")
        month_rank = row["month_rank"]
        m.put(fig, 1090, y, "—" if month_rank is None else f"第{month_rank}名", m.LABEL_SIZE, anchor="right")


def own_record(history: pl.DataFrame, unit_id: str) -> list[str]:
    """A unit's 约谈 of the year by who interviewed, in the order they began: [“分管副市长约谈：一季度”,
    “市长约谈：二、三季度”]; [“本年未被约谈”] without any."""
    mine = history.filter(pl.col("unit_id") == unit_id).sort("quarter_index")
    if mine.is_empty():
        return ["本年未被约谈"]
    return [f"{who}：{'、'.join(_QUARTER_NAMES[q - 1] for q in mine.filter(pl.col('interview') == who)['quarter'])}季度"
            for who in mine["interview"].unique(maintain_order=True)]


def _history_block(m, fig, annual: pl.DataFrame, quarter_frame: pl.DataFrame, highlight: str | None,
                   month: str) -> None:
    history = interview_history(quarter_frame, month)
    x0, y = _HISTORY_LEFT, m.TOP + 38
    if month[5:] == "01":  # the mean of one month is that month's score: said rather than left to be guessed
        for line in m.wrap(JANUARY_SAME, m.LABEL_SIZE, m.RIGHT - x0):
            m.put(fig, x0, y, line, m.LABEL_SIZE, theme.COLORS["primary"], bold=True)
            y += 56
        y += 20
    mine = annual.clear() if highlight is None else annual.filter(pl.col("unit_id") == highlight)
    if mine.height:  # a unit's view: its own line first, its annual place and whom it met
        row = mine.row(0, named=True)
        tied = annual.filter(pl.col("annual_rank") == row["annual_rank"]).height > 1
        place = "未参评" if row["annual_rank"] is None else f"年度{'并列' if tied else ''}第{row['annual_rank']}名"
        m.put(fig, x0, y, plot_text(f"{row['unit_short']}：{place}"), m.HEADING_SIZE, theme.COLORS["primary"],
              bold=True)
        y += 60
        for line in own_record(history, highlight):
            m.put(fig, x0, y, line, m.TEXT_SIZE)
            y += _HISTORY_STEP
        y += 20
    m.put(fig, x0, y, "本年季度末位约谈", m.HEADING_SIZE, theme.COLORS["far_behind"], bold=True)
    y += 62
    if history.is_empty():
        ended = quarter_frame.filter((pl.col("year") == int(month[:4])) & (pl.col("snapshot_month") <= month))
        m.put(fig, x0, y, "本年已结束的季度无末位约谈" if ended.height else "本年尚无已结束的季度", m.TEXT_SIZE,
              theme.COLORS["muted"])
        return
    lines = history_lines(history)
    for i, (quarter, unit_id, short, who) in enumerate(lines):
        if quarter and i:
            y += _QUARTER_GAP
        if y > _HISTORY_LIMIT - (_HISTORY_STEP if i < len(lines) - 1 else 0):  # room for the “另有” line
            m.put(fig, x0, y, f"另有{len(lines) - i}条（见通报）", m.TEXT_SIZE, theme.COLORS["muted"])
            return
        mine = unit_id == highlight
        mayor = who == "市长约谈"
        if quarter:
            m.put(fig, x0, y, quarter, m.TEXT_SIZE, bold=True)
        m.put(fig, x0 + 130, y, plot_text(short), m.TEXT_SIZE, bold=mine)
        m.put(fig, m.RIGHT, y, who, m.TEXT_SIZE, theme.COLORS["far_behind"] if mayor else None, anchor="right",
              bold=mayor)
        y += _HISTORY_STEP


# ---------------------------------------------------------------- the 通报 (section 三、县市区排名)

def briefing_blocks(all_scores: pl.DataFrame, month: str) -> list:
    """The 年度累计 part of the 通报's ranking section: a sentence on the top and bottom places and the table of every
    unit's mean score, rank, months scored, this month's rank and the year's 约谈; none when nothing is scored."""
    if ranking.unranked_january(month):
        return []
    annual = annual_scores(all_scores, month)
    ranked = annual.filter(pl.col("annual_rank").is_not_null())
    if ranked.is_empty():
        return []
    number = int(month[5:])
    span = f"{int(month[:4])}年1—{number}月" if number > 1 else f"{int(month[:4])}年1月"
    n = int(ranking.settings()["bottom_n"])

    def named(rows: pl.DataFrame) -> str:
        return "、".join(f"{r['unit_name']}（{shown_score(r['annual_score'])}分）" for r in rows.iter_rows(named=True))

    text = (f"按{span}各月综合得分的平均数（年度累计得分）排名" if number > 1
            else f"{span}年度累计得分即本月综合得分")
    text += f"，前三位是{named(ranked.filter(pl.col('annual_rank') <= 3))}"
    if ranked.height > n:
        from_bottom = pl.col("annual_score").round(ANNUAL_DIGITS).rank("min")
        text += f"，末{n}位是{named(ranked.filter(from_bottom <= n).sort('annual_rank', 'sort_order'))}"
    history = interview_history(ranking.quarters(all_scores), month)
    text += "。" + (f"本年季度排名末位约谈{history.height}人次，各县级主体约谈情况见下表。" if history.height
                   else "本年尚无季度排名末位约谈。")
    return [report.Para(text),
            report.Table(document_table(annual, history), caption=f"县市区年度累计得分（{span}）",
                         widths_cm=(1.6, 4.0, 2.2, 1.8, 1.8, 4.2),
                         note="注：年度累计得分为本年1月起各月综合得分的平均数，参评月数为有综合得分的月份数。")]


def document_table(annual: pl.DataFrame, history: pl.DataFrame) -> pl.DataFrame:
    """The annual table with every value as the 通报 prints it (约谈 by who: “市长约谈：一、二季度”)."""
    words = interview_words(history)
    rows = list(annual.iter_rows(named=True))
    return pl.DataFrame({
        "年度排名": ["—" if r["annual_rank"] is None else str(r["annual_rank"]) for r in rows],
        "县级主体": [r["unit_name"] for r in rows],
        "年度累计得分": [shown_score(r["annual_score"]) for r in rows],
        "参评月数": [str(r["months_scored"]) for r in rows],
        "本月排名": ["—" if r["month_rank"] is None else str(r["month_rank"]) for r in rows],
        "本年约谈记录": [words.get(r["unit_id"], "无") for r in rows],
    }, schema={c: pl.String for c in ("年度排名", "县级主体", "年度累计得分", "参评月数", "本月排名", "本年约谈记录")})
