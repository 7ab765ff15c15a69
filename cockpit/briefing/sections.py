"""The built-in sections of the 通报: builder(data, month, unit) -> report.Section, from the frames of
cockpit.briefing.LOADERS. The body has counts, the per-unit breakdown and the worst cases only; the full lists go to
附件; the 口径 go in words to the last 附件. Unit names in full (嘉兴港区, not 港区).
"""
from __future__ import annotations

import polars as pl

from cockpit import report, units
from cockpit.metrics import format_value
from cockpit.briefing import definitions
from cockpit.views import idle_land, inspection, meeting, ranking, ranking_annual, snail_warnings
from cockpit.views import target_progress as progress

# The main targets of the per-unit table, in two tables (the plan's headline totals, then the monthly 通报 list:
# 注册、开工、竣工、投产、达规、新增产业供地).
MAIN_TARGETS = (("industrial_investment", "fdi", "projects_above_100m", "registration_rate"),
                ("starts", "completions", "productions", "new_above_scale", "new_industrial_land"))
WORST = 5  # worst cases named in the body
SNAIL_LIST, RED_LIST, IDLE_LIST = "蜗牛项目名单", "红色预警项目名单", "“五未”土地清单"
FULL_NAME = {u.short: u.name for u in units.UNITS} | {units.CITY_NAME: units.CITY_NAME}


def scope_name(unit: str) -> str:
    return units.unit_name(unit)


def months_words(month: str) -> str:
    n = int(month[5:])
    return f"1—{n}月" if n > 1 else "1月"


def bottom_n() -> int:
    return int(ranking.settings()["bottom_n"])


def joined(items: list[str]) -> str:
    return "、".join(items)


def _pct(share: float) -> float:
    return round(share * 100, 1)


def pace_words(row: dict) -> str:
    """完成年度目标的104.9%，超序时进度4.9个百分点 (cumulative) / 85.3%，高于目标5.3个百分点 (rates, growth)."""
    if row["kind"] == "cumulative":
        if row["target"] is None or row["completion"] is None:
            return "未下达年度目标"
        done, pace = _pct(row["completion"]), _pct(row["pace"])
        diff = round(done - pace, 1)
        where = ("与序时进度持平" if diff == 0 else
                 f"超序时进度{diff:.1f}个百分点" if diff > 0 else f"低于序时进度{-diff:.1f}个百分点")
        return f"完成年度目标的{done:.1f}%，{where}"
    if row["target"] is None or row["value"] is None:
        return "未下达目标"
    diff = round(row["value"] - row["target"], 1)
    word = "目标增幅" if row["kind"] == "growth" else "目标"
    where = (f"与{word}持平" if diff == 0 else
             f"高于{word}{diff:.1f}个百分点" if diff > 0 else f"低于{word}{-diff:.1f}个百分点")
    return f"{word}{row['target']:.1f}%，{where}"


def status_words(row: dict) -> str:
    """The figure where it is not a 完成率 (rates, growth), then where it stands: 完成年度目标的45.0%，低于序时进度…
    / 同比下降12.2%，目标增幅15.0%，低于目标增幅27.2个百分点."""
    if row["kind"] == "cumulative" or row["value"] is None:
        return pace_words(row)
    return f"{value_words(row)}，{pace_words(row)}"


def value_words(row: dict) -> str:
    """The figure in the metric's precision: 943.91亿元, 197个, 18,164亩, 85.3%."""
    if row["kind"] == "growth":
        return f"同比{'增长' if row['value'] >= 0 else '下降'}{abs(row['value']):.1f}%"
    return format_value(row["value"], row["unit"])


def metric_sentence(row: dict, month: str, scope: str) -> str:
    """1—12月，全市工业投资完成943.91亿元，完成年度目标的104.9%，超序时进度4.9个百分点，同比增长6.1%。"""
    if row["value"] is None:
        return f"{row['label']}暂无数据（{row.get('missing_reason') or '未报送'}）。"
    verb = "完成" if row["unit"] in ("亿元", "亿美元") else ""
    text = f"{months_words(month)}，{scope}{row['label']}{verb}{value_words(row)}，{pace_words(row)}"
    if row["kind"] == "cumulative" and row["growth"] is not None:
        text += f"，同比{'增长' if row['growth'] >= 0 else '下降'}{abs(row['growth']):.1f}%"
    return text + "。"


def reconciliation_note(row: dict) -> str | None:
    """Under a 全市 figure that is not the sum of the units: the reported figure, the units' sum, the difference."""
    if row["unit_id"] != units.CITY_ID or row["kind"] != "cumulative":
        return None
    if row.get("units_missing"):
        return (f"注：全市{row['label']}为已报送的{row['units_reported']}个县级主体合计，"
                f"{progress.partial_text(row)}。")
    city, total, unit = row["city_reported"], row["units_sum"], row["unit"]
    if city is None or total is None or abs(city - total) < 0.005:
        return None
    more = "多" if city > total else "少"
    return (f"注：全市{row['label']}{format_value(city, unit)}为报送的全市数据，九个县级主体合计"
            f"{format_value(total, unit)}，全市数据比各地合计{more}{format_value(abs(city - total), unit)}。")


def month_view(data: dict, month: str, unit: str) -> pl.DataFrame:
    return progress.month_view(data["progress_rows"], month, unit)


def behind_list(view: pl.DataFrame, status: str = "严重落后") -> list[str]:
    return [f"{r['label']}（{status_words(r)}）" for r in
            meeting.worst_first(view).filter(pl.col("status") == status).iter_rows(named=True)]


# ---------------------------------------------------------------- 一、总体情况

def overall(data: dict, month: str, unit: str) -> report.Section:
    view = month_view(data, month, unit)
    scope = scope_name(unit)
    blocks: list = []
    if view.is_empty():
        return report.Section("总体情况", [report.Para("本月没有目标进度数据。")])
    for key in (*meeting.TOTAL_METRICS, *MAIN_TARGETS[0][2:], *MAIN_TARGETS[1]):
        found = view.filter(pl.col("metric_key") == key)
        if found.is_empty():
            continue
        row = found.row(0, named=True)
        blocks.append(report.Para(metric_sentence(row, month, scope)))
        note = reconciliation_note(row)
        if note:
            blocks.append(report.Para(note))
        refuted = (inspection.refuted_note(data["inspection_refuted"], key, unit)
                   if "inspection_refuted" in data else None)  # 督查核查: standing 不属实 verdicts left out
        if refuted:
            blocks.append(report.Para(f"注：{row['label']}{refuted}。"))
    blocks.append(report.Figure("总量", f"{scope}工业投资与实际利用外资（{months_words(month)}）"))
    counts = {s: view.filter(pl.col("status") == s).height for s in progress.STATUSES}
    rated = sum(counts.values())
    text = (f"按序时进度（{_pct(progress.pace_of(view)):.1f}%）评价，{scope}{rated}项有目标的指标中，"
            f"达序时{counts['达序时']}项，落后{counts['落后']}项，严重落后{counts['严重落后']}项")
    far = behind_list(view)
    text += f"。严重落后的是：{joined(far)}。" if far else "，无严重落后指标。"
    blocks.append(report.Para(text))
    blocks.append(report.Figure("全部目标", f"{scope}全部目标完成情况（差距大的在前）"))
    return report.Section("总体情况", blocks, definitions=[definitions.pace(), definitions.city()])


# ---------------------------------------------------------------- 二、各地推进情况

def cell(row: dict | None) -> str:
    """完成率 (rates: the rate) over the status against 序时进度."""
    if row is None or row["value"] is None:
        return "—\n无数据"
    if row["kind"] == "cumulative":
        if row["completion"] is None:
            return f"{format_value(row['value'], row['unit'])}\n无目标"
        return f"{_pct(row['completion']):.1f}%\n{row['status']}"
    return f"{row['value']:.1f}%\n{row['status'] or '无目标'}"


def unit_table(rows: pl.DataFrame, month: str, keys: tuple[str, ...]) -> pl.DataFrame:
    picked = progress.in_display_units(rows.filter((pl.col("snapshot_month") == month)
                                                   & (pl.col("unit_id") != units.CITY_ID)
                                                   & pl.col("metric_key").is_in(list(keys))))
    labels = dict(picked.select("metric_key", "label").unique().iter_rows())
    by = {(r["unit_id"], r["metric_key"]): r for r in picked.iter_rows(named=True)}
    columns: dict[str, list[str]] = {"县级主体": [u.name for u in units.UNITS]}
    for key in keys:
        if key in labels:
            columns[labels[key]] = [cell(by.get((u.id, key))) for u in units.UNITS]
    return pl.DataFrame(columns)


def behind_by_unit(rows: pl.DataFrame, month: str) -> pl.DataFrame:
    """Per unit: how many of all its targets are 落后 and 严重落后 this month."""
    now = rows.filter((pl.col("snapshot_month") == month) & (pl.col("unit_id") != units.CITY_ID))
    return (now.group_by("unit_id", "unit_name", "sort_order")
            .agg(targets=pl.col("status").is_not_null().sum(), behind=(pl.col("status") == "落后").sum(),
                 far=(pl.col("status") == "严重落后").sum())
            .sort("sort_order"))


def units_section(data: dict, month: str, unit: str) -> report.Section:
    rows = data["progress_rows"]
    counts = behind_by_unit(rows, month)
    blocks: list = []
    if counts.is_empty():
        return report.Section("各地推进情况", [report.Para("本月没有县级主体的分主体数据。")])
    pace = _pct(int(month[5:]) / 12)
    clean = counts.filter((pl.col("targets") > 0) & (pl.col("behind") + pl.col("far") == 0))["unit_name"].to_list()
    worst = counts.filter(pl.col("far") > 0).sort(["far", "sort_order"], descending=[True, False])
    text = f"按各县级主体的分主体目标和序时进度（{pace:.1f}%）评价："
    text += (f"{joined(clean)}的全部目标均达序时；" if clean else "没有全部目标均达序时的县级主体；")
    if worst.height:
        text += "严重落后目标较多的是" + joined(
            f"{r['unit_name']}（{r['far']}项）" for r in worst.head(3).iter_rows(named=True)) + "。"
    else:
        text += "各县级主体均无严重落后目标。"
    blocks.append(report.Para(text))
    note = f"注：上行为完成年度目标的百分比（注册率为实际注册率），下行为对照序时进度（{pace:.1f}%）的评价。"
    for i, keys in enumerate(MAIN_TARGETS):
        table = unit_table(rows, month, keys)
        if table.width > 1:
            blocks.append(report.Table(table, caption=("各县级主体主要目标完成情况（一）", "各县级主体主要目标完成情况（二）")[i],
                                       widths_cm=(3.6, *([12.0 / (table.width - 1)] * (table.width - 1))),
                                       note=note if i == len(MAIN_TARGETS) - 1 else ""))
    blocks.append(report.Figure("地图", f"各县级主体工业投资完成率（{months_words(month)}）"))
    return report.Section("各地推进情况", blocks)


# ---------------------------------------------------------------- 三、县市区排名

def ranking_section(data: dict, month: str, unit: str) -> report.Section:
    rows = data["progress_rows"]
    all_scores = ranking.scores(rows)
    month_frame = ranking.month_scores(all_scores, month)
    ranked = month_frame.filter(pl.col("score").is_not_null()).sort("rank", "sort_order")
    if ranked.is_empty():
        return report.Section("县市区排名", [report.Para("本月没有县级主体的分主体目标，未排名。")])
    weights = ranking.weights()
    labels = dict(rows.select("metric_key", "label").unique().iter_rows())
    covered = joined(labels.get(k, k) for k in weights)
    n = bottom_n()
    blocks: list = [report.Para(
        f"综合得分按{covered}共{len(weights)}项速度与总量指标的序时完成度加权计算，100分为这些指标均达序时进度；"
        f"增长类和质量类指标不计入得分，各县级主体全部目标的落后情况见下表“落后目标”一栏。")]
    behind = {r["unit_id"]: r for r in behind_by_unit(rows, month).iter_rows(named=True)}
    table = pl.DataFrame({
        "排名": [str(r) for r in ranked["rank"]],
        "县级主体": ranked["unit_name"].to_list(),
        "综合得分": [f"{s:.1f}" for s in ranked["score"]],
        "较上月": ranked["change"].fill_null("—").to_list(),
        "落后目标": [f"{behind[u]['behind'] + behind[u]['far']}/{behind[u]['targets']}项" if u in behind else "—"
                 for u in ranked["unit_id"]],
        "最弱指标": ranked["weakest"].fill_null("—").to_list(),
    })
    blocks.append(report.Table(table, caption=f"县市区综合得分排名（{months_words(month)}）",
                               widths_cm=(1.4, 4.2, 2.0, 1.8, 2.2, 4.0),
                               note="注：落后目标为落后和严重落后的目标数/有目标的指标数。"))
    bottom = meeting.bottom_units(month_frame, n)
    if bottom.height:
        names = joined(f"{r['unit_name']}（第{r['rank']}名，{r['score']:.1f}分）" for r in bottom.iter_rows(named=True))
        blocks.append(report.Para(f"本月排名末{n}位的是{names}。"))
    notice = ranking.quarter_notice(ranking.quarters(all_scores), month)
    if notice:
        blocks.append(report.Para(notice[1]))
    blocks.append(report.Para(f"按规定，季度排名末{n}位的县级主体由分管副市长约谈，连续两个季度末{n}位的由市长约谈。"))
    blocks.append(report.Figure("县市区排名", f"县市区综合得分排名（{months_words(month)}）"))
    annual = ranking_annual.briefing_blocks(all_scores, month)  # issue 19 §3: 年度累计 and the year's 约谈
    blocks += annual
    return report.Section("县市区排名", blocks,
                          definitions=[definitions.score(), definitions.quarter(),
                                       *([ranking_annual.definition()] if annual else [])])


# ---------------------------------------------------------------- 六、问题项目

def per_unit_counts(frame: pl.DataFrame, word: str = "个") -> str:
    counted = (frame.group_by("unit_name", "sort_order").agg(n=pl.len())
               .sort(["n", "sort_order"], descending=[True, False]))
    return joined(f"{r['unit_name']}{r['n']}{word}" for r in counted.iter_rows(named=True))


def change_words(new: int, gone: int) -> str:
    parts = [f"本月新增{new}个" if new else "本月无新增", f"销号{gone}个" if gone else "无销号"]
    return "，".join(parts)


def snail_blocks(data: dict, month: str, unit: str, scope: str) -> list:
    snails = data["snails"]
    if snails.is_empty():
        return [report.Heading("蜗牛项目"), report.Para(f"截至月末，{scope}没有蜗牛项目。")]
    types = snail_warnings.snail_type_counts(snails)
    changes = data.get("snail_changes")
    moved = "" if changes is None else "，" + change_words(
        changes.filter(pl.col("change") == "新增").height, changes.filter(pl.col("change") == "销号").height)
    blocks: list = [report.Heading("蜗牛项目"), report.Para(
        f"截至月末，{scope}共有蜗牛项目{snails.height}个，其中开工滞后{types['开工滞后']}个、竣工滞后{types['竣工滞后']}个"
        f"{moved}。" + (f"分地区看，{per_unit_counts(snails)}。" if unit == units.CITY_ID else ""))]
    worst = meeting.longest_late(snails, WORST)
    blocks.append(report.Para(
        "滞后时间最长的是：" + joined(f"{r['project_name']}（{r['unit_name']}，{r['snail_type']}{r['months_late']}个月）"
                            for r in worst.iter_rows(named=True)) + f"。名单见{{附件:{SNAIL_LIST}}}。"))
    blocks.append(report.Figure("蜗牛项目", f"{scope}蜗牛项目分布"))
    return blocks


def red_blocks(data: dict, unit: str, scope: str) -> list:
    warned = snail_warnings.warnings_of_unit(data["warnings"], unit)
    red = meeting.red_warnings(data["warnings"], unit)
    grades = snail_warnings.grade_counts(warned)
    if red.is_empty():
        return [report.Heading("红色预警项目"),
                report.Para(f"截至月末，{scope}没有红色预警项目，黄色预警{grades['黄']}个。")]
    blocks: list = [report.Heading("红色预警项目"), report.Para(
        f"截至月末，{scope}共有红色预警项目{red.height}个，另有黄色预警{grades['黄']}个。"
        + (f"分地区看，红色预警{per_unit_counts(red)}。" if unit == units.CITY_ID else ""))]
    blocks.append(report.Para(
        "逾期最久的是：" + joined(f"{r['project_name']}（{r['unit_name']}，{quoted(meeting.short_reason(r['reasons']))}）"
                           for r in red.head(WORST).iter_rows(named=True)) + f"。名单见{{附件:{RED_LIST}}}。"))
    blocks.append(report.Figure("红色预警", f"{scope}红色预警项目分布"))
    return blocks


def idle_blocks(data: dict, unit: str, scope: str) -> list:
    by_unit, parcels = data["idle_by_unit"], data["idle_parcels"]
    if by_unit.is_empty():
        return [report.Heading("“五未”土地"), report.Para("本月没有土地数据。")]
    total = idle_land.grand_total(by_unit)
    per_category = idle_land.totals(by_unit)
    change = "" if total["idle_area_prev"] is None else "，" + area_change(total["idle_area"] - total["idle_area_prev"])
    parts = joined(f"{r['category']}{r['parcels']:,}宗{r['idle_area']:,.0f}亩" for r in per_category.iter_rows(named=True)
                   if r["parcels"])
    text = (f"截至月末，{scope}“五未”土地共{total['parcels']:,.0f}宗、{total['idle_area']:,.0f}亩{change}。"
            f"其中{parts}。")
    whole = parcels.filter(pl.col("developed_area_missing"))
    if whole.height:
        area = float(whole["idle_area"].sum())
        text += (f"用而未尽中有{whole.height}宗地块已开发面积未填，按整宗面积计入{area:,.0f}亩，"
                 f"占“五未”面积的{_pct(area / total['idle_area']) if total['idle_area'] else 0:.1f}%，"
                 f"实际未开发面积可能小于此数。")
    units_area = (by_unit.group_by("unit_name", "sort_order").agg(pl.col("idle_area").sum())
                  .sort(["idle_area", "sort_order"], descending=[True, False]))
    if unit == units.CITY_ID:
        text += "面积较大的是" + joined(f"{r['unit_name']}（{r['idle_area']:,.0f}亩）"
                                   for r in units_area.head(3).iter_rows(named=True)) + "。"
    if parcels.height:
        text += f"清单见{{附件:{IDLE_LIST}}}。"
    return [report.Heading("“五未”土地"), report.Para(text), report.Figure("五未土地", f"{scope}“五未”土地分布")]


def area_change(delta: float) -> str:
    if round(delta) == 0:
        return "与上月持平"
    return f"较上月{'增加' if delta > 0 else '减少'}{abs(delta):,.0f}亩"


def snail_attachment(snails: pl.DataFrame) -> pl.DataFrame:
    ordered = snails.sort(["sort_order", "months_late", "project_code"], descending=[False, True, False])
    return ordered.select(
        pl.col("unit_name").alias("县级主体"), pl.col("project_name").alias("项目名称"),
        pl.col("snail_type").alias("类型"), pl.col("contract_on").cast(pl.String).alias("合同日期"),
        pl.col("months_late").cast(pl.String).alias("滞后月数"),
        pl.col("total_investment_yi").map_elements(lambda v: f"{v:,.2f}", return_dtype=pl.String)
        .fill_null("—").alias("总投资（亿元）"),
        pl.col("leader_tier").fill_null("—").alias("联系领导"))


def red_attachment(red: pl.DataFrame) -> pl.DataFrame:
    ordered = red.sort(["sort_order", "max_overdue_days", "project_code"], descending=[False, True, False],
                       nulls_last=True)
    return ordered.select(
        pl.col("unit_name").alias("县级主体"), pl.col("project_name").alias("项目名称"),
        pl.col("project_code").alias("项目代码"), pl.col("reasons").fill_null("—").str.replace_all("‘", "“", literal=True)
        .str.replace_all("’", "”", literal=True).alias("预警原因"))


def idle_attachment(parcels: pl.DataFrame) -> pl.DataFrame:
    ordered = parcels.sort(["sort_order", "category_order", "idle_area"], descending=[False, False, True])
    return ordered.select(
        pl.col("unit_name").alias("县级主体"), pl.col("category").alias("类别"),
        pl.col("parcel_name").alias("地块名称"), pl.col("project_name").fill_null("—").alias("项目名称"),
        pl.col("idle_area").map_elements(lambda v: f"{v:,.2f}", return_dtype=pl.String).alias("“五未”面积（亩）"),
        pl.col("idle_months").cast(pl.String).fill_null("—").alias("滞留月数"),
        pl.when(pl.col("developed_area_missing")).then(pl.lit("已开发面积未填，按整宗计"))
        .otherwise(pl.lit("")).alias("备注"))


def quoted(text: str) -> str:
    """Double quotes in a 公文 (“征地”), not the slides' single ones."""
    return text.replace("‘", "“").replace("’", "”")


def problem_projects(data: dict, month: str, unit: str) -> report.Section:
    scope = scope_name(unit)
    blocks = [*snail_blocks(data, month, unit, scope), *red_blocks(data, unit, scope), *idle_blocks(data, unit, scope)]
    if "upcoming_snails" in data:  # 临期预警 (issue 19 §1): next month's new 蜗牛 per unit, every 亿元以上 one named
        blocks += snail_warnings.upcoming_blocks(data, month, unit)
    attachments = [
        report.Attachment(SNAIL_LIST, snail_attachment(data["snails"]), rank=1),
        report.Attachment(RED_LIST, red_attachment(meeting.red_warnings(data["warnings"], unit)), rank=1),
        report.Attachment(IDLE_LIST, idle_attachment(data["idle_parcels"]), rank=1),
    ]
    return report.Section("问题项目", blocks, [a for a in attachments if a.frame.height],
                          [definitions.snail(), definitions.warning(), definitions.idle()])


# ---------------------------------------------------------------- 八、需研究解决的事项

def full_names(text: str) -> str:
    """Short unit names in a sentence written for slides, in full (港区 → 嘉兴港区)."""
    for short, name in sorted(FULL_NAME.items(), key=lambda kv: -len(kv[0])):
        if short != name and name not in text:
            text = text.replace(short, name)
    return text


def decisions_section(data: dict, month: str, unit: str) -> report.Section:
    items = meeting.decisions(data["progress_rows"], data["snails"], data["warnings"], data["projects"], month, unit,
                              data.get("problem_register"), data.get("upcoming_snails"))
    if not items and month_view(data, month, unit).filter(pl.col("status") == "严重落后").is_empty():
        return report.Section("需研究解决的事项", [report.Para("本月无需提交会议研究的事项。")])
    topics = {"提交例会问题": "推进组提交例会的问题", "严重超期问题": "10亿元以上项目严重超期的问题",
              "排名末位": "排名末位的县级主体", "严重落后目标": "严重落后的目标", "重大项目": "百亿级和专班项目中的蜗牛、红色预警项目",
              "临期蜗牛": "下月将成为蜗牛的10亿元以上项目"}
    scope = scope_name(unit)
    far = [f"{scope}{r['label']}{'：' if r['kind'] == 'growth' else ''}{status_words(r)}" for r in
           meeting.worst_first(month_view(data, month, unit)).filter(pl.col("status") == "严重落后").iter_rows(named=True)]
    blocks: list = []
    for topic, heading in topics.items():
        picked = ([f"{FULL_NAME.get(d.unit, d.unit)}：{full_names(d.text)}" for d in items if d.topic == topic]
                  if topic != "严重落后目标" else far)
        if not picked:
            continue
        blocks.append(report.Heading(heading))
        blocks += [report.Para(f"{i}. {text}。") for i, text in enumerate(picked, start=1)]
    return report.Section("需研究解决的事项", blocks)


# ---------------------------------------------------------------- 九、下一步工作要求

def next_steps(data: dict, month: str, unit: str) -> report.Section:
    rows = data["progress_rows"]
    now = progress.in_display_units(rows.filter((pl.col("snapshot_month") == month)
                                                & (pl.col("status") == "严重落后")
                                                & (pl.col("unit_id") != units.CITY_ID)))
    if unit != units.CITY_ID:
        now = now.filter(pl.col("unit_id") == unit)
    blocks: list = []
    if now.height:
        per_unit = now.group_by("unit_id", "unit_name", "sort_order").agg(
            pl.col("label"), n=pl.len()).sort(["n", "sort_order"], descending=[True, False])
        named = joined(f"{r['unit_name']}（{joined(r['label'][:3])}" + (f"等{r['n']}项）" if r["n"] > 3 else "）")
                       for r in per_unit.head(4).iter_rows(named=True))
        if per_unit.height > 4:
            named += f"等{per_unit.height}个县级主体的{now.height}项目标"
        blocks.append(report.Para(
            f"（一）对照序时进度补短板。{named}严重落后于序时进度，相关县级主体要逐项分析原因，倒排时间、挂图作战，"
            f"确保下月有明显进展。"))
    n = bottom_n()
    month_frame = ranking.month_scores(ranking.scores(rows), month)
    bottom = meeting.bottom_units(month_frame, n)
    if unit != units.CITY_ID:
        bottom = bottom.filter(pl.col("unit_id") == unit)
    notice = ranking.quarter_notice(ranking.quarters(ranking.scores(rows)), month)
    if notice and unit != units.CITY_ID and units.unit_name(unit) not in notice[1]:
        notice = None  # a unit's 通报 names another unit's 约谈 only in its ranking section
    if bottom.height or notice:
        text = f"（{_seq(blocks)}）抓好约谈整改。"
        if bottom.height:
            text += f"本月排名末{n}位的{joined(bottom['unit_name'].to_list())}要提出整改措施，下月例会上报告。"
        if notice:
            text += notice[1]
        blocks.append(report.Para(text))
    snails = data["snails"]
    if snails.height:
        oldest = meeting.longest_late(snails, 3)
        blocks.append(report.Para(
            f"（{_seq(blocks)}）加快蜗牛项目攻坚。"
            + joined(f"{r['project_name']}（{r['unit_name']}，{r['snail_type']}{r['months_late']}个月）"
                     for r in oldest.iter_rows(named=True))
            + "等滞后时间最长的项目，由所在县级主体逐个明确责任领导和销号时限，能开工的尽快开工，确实无法推进的按规定清理。"))
    red = meeting.red_warnings(data["warnings"], unit)
    if red.height:
        blocks.append(report.Para(
            f"（{_seq(blocks)}）处置红色预警。{red.height}个红色预警项目所在县级主体要逐个核实逾期节点和投资进度，"
            f"明确整改时限，下月通报整改情况。"))
    if not blocks:
        blocks.append(report.Para("各项目标均未严重落后，各地要保持进度，做好下阶段项目储备。"))
    return report.Section("下一步工作要求", blocks)


def _seq(blocks: list) -> str:
    return "一二三四五六七八九十"[len(blocks)]
