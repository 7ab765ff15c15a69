"""Sample projects: each project's whole life drawn once, then shown as it stood at each month's end.

A life holds every date the project will ever reach (some after the sample ends). A snapshot keeps the
projects signed by the month's end and only the dates reached by then, so later snapshots only ever add.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from cockpit import schema
from cockpit.sample import profiles, vocabulary
from cockpit.sample.timeline import END, LAST_YEAR, add_months, month_end, shift

# Share of the library (as of the sample's end) by signing year: older projects are fewer, as the library
# keeps them until they reach 达产 but many left it already.
SIGNING_YEARS = {2014: 0.02, 2015: 0.03, 2016: 0.05, 2017: 0.09, 2018: 0.17, 2019: 0.27, 2020: 0.37}
# Signings by calendar month; 2020 has the epidemic dip in February and a strong second half.
MONTH_SHARES = {
    "normal": (0.06, 0.05, 0.08, 0.08, 0.09, 0.09, 0.08, 0.08, 0.09, 0.09, 0.10, 0.11),
    2020: (0.05, 0.02, 0.06, 0.08, 0.09, 0.09, 0.09, 0.09, 0.10, 0.10, 0.11, 0.12),
}
# Total investment tiers (万元): probability for an ordinary unit, and bounds. 百亿级 are not drawn by chance
# but allotted per signing year (MEGA_PER_YEAR), so that the city signs 15–20 of them in the last year.
TIERS = (  # name, probability, low, high
    ("mega", 0.0, 1_000_000, 3_000_000),
    ("5b", 0.018, 500_000, 999_000),
    ("1b", 0.055, 100_000, 499_000),
    ("100m", 0.67, 10_000, 99_000),
    ("small", 0.245, 2_000, 9_900),
)
MEGA_PER_YEAR = {2014: (0, 1), 2015: (1, 2), 2016: (1, 3), 2017: (2, 4), 2018: (4, 7), 2019: (7, 11),
                 2020: (15, 20)}  # at 1500 projects; scaled with the sample's size
USD_CNY = 7.0  # for the foreign share of a project's investment; close to 2019–2020 rates


@dataclass
class Life:
    """Everything a project will ever be; dates past the sample's end are dropped when shown."""
    row: dict  # stored columns of the projects table, with eventual dates
    realisation: float  # share of 总投资 actually spent by completion
    contract_known_on: dt.date | None  # when the contract dates (合同开工/竣工) were set
    plan_start: dt.date  # 推进节点 plan (定额) from signing
    node_done: dict[str, dt.date | None]  # eventual 实际完成日期 of each node


def _pick(rng: np.random.Generator, weights: dict) -> object:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def _signing_dates(rng, count: int, year: int) -> list[dt.date]:
    shares = np.array(MONTH_SHARES.get(year, MONTH_SHARES["normal"]))
    months = rng.choice(12, size=count, p=shares / shares.sum()) + 1
    return [dt.date(year, int(m), int(rng.integers(1, 29))) for m in months]


def _investment(rng, tier: str) -> float:
    low, high = next((lo, hi) for name, _, lo, hi in TIERS if name == tier)
    if tier == "100m":  # most 亿元 projects are small: 1–3亿
        value = low * 10 ** (rng.beta(1.2, 3.2) * np.log10(high / low))
    else:
        value = low * (high / low) ** rng.random()
    step = 10 if value < 10_000 else 100 if value < 100_000 else 1000
    return float(min(high, max(low, round(value / step) * step)))


def _tier(rng, size: float) -> str:
    weights = {name: p * (size if name not in ("100m", "small") else 1 / size)
               for name, p, _, _ in TIERS if name != "mega"}
    return str(_pick(rng, weights))


def plan_counts(total: int, paces: dict[str, float], rng: np.random.Generator) -> list[tuple[int, str]]:
    """(signing year, unit) of every project, unit by weight; the last year's signings follow the unit's pace."""
    out = []
    years = list(SIGNING_YEARS)
    counts = np.round(np.array([SIGNING_YEARS[y] for y in years]) * total).astype(int)
    counts[-1] += total - counts.sum()
    for year, count in zip(years, counts):
        weights = np.array([p.weight * (paces[p.unit_id] if year == LAST_YEAR else 1.0) for p in profiles.PROFILES])
        per_unit = rng.multinomial(int(count), weights / weights.sum())
        for p, n in zip(profiles.PROFILES, per_unit):
            out += [(year, p.unit_id)] * int(n)
    return out


def draw(total: int, paces: dict[str, float], rng: np.random.Generator) -> list[Life]:
    plan = plan_counts(total, paces, rng)
    lives: list[Life] = []
    serials = rng.choice(np.arange(100_000, 1_000_000), size=len(plan), replace=False)
    # 百亿级 are allotted per signing year (15–20 in the last), over the units by size and, last year, pace.
    mega: set[int] = set()
    for year, (low, high) in MEGA_PER_YEAR.items():
        members = [i for i, (y, _) in enumerate(plan) if y == year]
        count = min(len(members), int(rng.integers(low, high + 1) * total / 1500 + 0.5))
        if not count:
            continue
        weights = np.array([profiles.PROFILE_BY_ID[plan[i][1]].size
                            * (paces[plan[i][1]] ** 2 if year == LAST_YEAR else 1.0) for i in members])
        mega |= set(rng.choice(members, size=count, replace=False, p=weights / weights.sum()).tolist())
    names: set[str] = set()
    by_year: dict[int, list[dt.date]] = {}
    for year in SIGNING_YEARS:
        n = sum(1 for y, _ in plan if y == year)
        by_year[year] = sorted(_signing_dates(rng, n, year))
    cursor = {year: 0 for year in SIGNING_YEARS}
    order = rng.permutation(len(plan))  # signing dates are handed out in random order within a year
    signed: dict[int, dt.date] = {}
    for i in order:
        year = plan[i][0]
        signed[int(i)] = by_year[year][cursor[year]]
        cursor[year] += 1
    for i, (year, unit_id) in enumerate(plan):
        lives.append(_life(rng, unit_id, signed[i], paces[unit_id], int(serials[i]), i in mega, names))
    _boundary_cases(lives)
    return lives


def _life(rng, unit_id: str, signed_on: dt.date, pace: float, serial: int, mega: bool,
          names: set[str]) -> Life:
    p = profiles.PROFILE_BY_ID[unit_id]
    slow = 1.0 / pace
    services = not mega and rng.random() < p.services_share  # 百亿级 are manufacturing bases
    if services:  # logistics where the unit names it among its leading industries (the port, above all)
        weights = {s.name: 3.0 * p.industries.get(s.name, 0) + 1.5 for s in vocabulary.SERVICES}
        industry = vocabulary.SERVICES_BY_NAME[str(_pick(rng, weights))]
    else:
        made = {k: v for k, v in p.industries.items() if k in vocabulary.MANUFACTURING_BY_NAME}
        industry = vocabulary.MANUFACTURING_BY_NAME[str(_pick(rng, made))]
    tier = "mega" if mega else _tier(rng, p.size)
    if services and tier == "5b":
        tier = "1b"
    total = _investment(rng, tier)
    foreign = rng.random() < p.foreign_share * (1.6 if total >= 100_000 else 1.0)
    foreign_amount = float(round(total / USD_CNY * rng.uniform(0.25, 1.0), -1)) if foreign else None
    fortune500 = foreign and rng.random() < (0.25 if total >= 100_000 else 0.05)
    leader = rng.random() < (0.12 if total >= 100_000 else 0.025)
    flags = [bool(rng.random() < chance) for chance in industry.flags]
    zero_land = (services and rng.random() < 0.45) or (not services and total < 50_000 and rng.random() < 0.2)
    # Land grows slower than investment: big projects build denser (1亿: ~25亩, 100亿: ~400亩).
    land_area = None if zero_land else float(round(max(5.0, 25 * (total / 10_000) ** 0.6 * rng.uniform(0.7, 1.3)), 1))

    name = vocabulary.project_name(rng, industry, total, foreign)
    if name in names:
        name = name.replace("项目", "（二期）项目") if name.replace("项目", "（二期）项目") not in names else f"{name[:-2]}（三期）项目"
    names.add(name)

    # Lifecycle: each step after the one before, slower in slower units; some never happen.
    registered = supplied = contract_start = contract_completion = None
    started = completed = production = above_scale = full_capacity = None
    # Projects signed long ago that never registered have left the library; recent ones may still.
    if rng.random() < (0.995 if signed_on.year < LAST_YEAR - 1 else min(0.99, 0.97 - 0.3 * (slow - 1))):
        registered = shift(signed_on, 0.2 + rng.exponential(1.0 * slow))
    contract_known = None
    if registered is not None:
        if zero_land:
            contract_known = shift(registered, rng.uniform(0.2, 1.5))
            contract_start = shift(contract_known, rng.uniform(0.5, 2.5))
        elif rng.random() < (0.99 if signed_on.year < LAST_YEAR - 1 else 0.94):
            supplied = shift(registered, 1.0 + rng.gamma(2.0, 1.5 * slow))
            contract_known = supplied
            contract_start = shift(supplied, rng.uniform(2.0, 6.0))
    if contract_start is not None:
        duration = float(np.clip(9 + 4.5 * np.log10(total / 10_000) + rng.normal(0, 2), 6, 36))
        if services:
            duration *= 0.7
        contract_completion = shift(contract_start, duration)
        roll = rng.random()
        if roll < 0.09 * slow ** 3:  # 蜗牛 of the start: 6 months late or more, many never within the sample
            delay = rng.uniform(6.2, 36)
        elif roll < 0.15:
            delay = rng.uniform(1.5, 6.0)
        else:
            delay = float(np.clip(rng.normal(-0.4, 0.7), -2.0, 1.2))
        started = max(shift(contract_start, delay), shift(contract_known, 0.3))
        roll = rng.random()
        if roll < 0.08 * slow ** 3:  # 蜗牛 of the completion
            factor = 1.0 + rng.uniform(7, 24) / duration
        elif roll < 0.28:
            factor = rng.uniform(1.1, 1.35)
        else:
            factor = rng.uniform(0.8, 1.05)
        completed = shift(started, duration * factor)
        if rng.random() < 0.97:
            production = shift(completed, rng.uniform(0.0, 3.0))
            if rng.random() < (0.88 if not services else 0.55):
                above_scale = shift(production, rng.uniform(1.0, 10.0) * slow)
            if rng.random() < 0.85:
                full_capacity = shift(production, rng.uniform(1.5, 10.0) * slow)

    lon, lat = profiles.point_in_unit(rng, unit_id)
    code_type = "02" if total >= 500_000 or rng.random() < 0.1 else "03"
    row = {
        "project_code": f"{signed_on.year}-{p.region_code}-{industry.division}-{code_type}-{serial:06d}",
        "project_name": name,
        "unit_id": unit_id,
        "category": industry.category,
        "industry": industry.name,
        "total_investment": total,
        "foreign_investment": foreign_amount,
        "is_fortune500": bool(fortune500),
        "is_industry_leader": bool(leader),
        "is_strategic_emerging": flags[0],
        "is_high_tech": flags[1],
        "is_high_end_equipment": flags[2],
        "is_digital_core": flags[3],
        "land_area": land_area,
        "is_zero_land": bool(zero_land),
        "signed_on": signed_on,
        "registered_on": registered,
        "land_supplied_on": supplied,
        "contract_start_on": contract_start,
        "started_on": started,
        "contract_completion_on": contract_completion,
        "completed_on": completed,
        "production_on": production,
        "above_scale_on": above_scale,
        "full_capacity_on": full_capacity,
        "lon": lon,
        "lat": lat,
    }
    plan_start = shift(signed_on, 10.0 + 1.5 * np.log10(max(total, 10_000) / 10_000) + (0 if zero_land else 1.0))
    return Life(row, float(rng.uniform(0.86, 1.02)), contract_known, plan_start,
                _node_dates(rng, row, slow))


def _node_dates(rng, row: dict, slow: float) -> dict[str, dt.date | None]:
    """Eventual 实际完成日期 of the 推进节点: the early ones between signing and 立项 (= 注册), 报建 and 招标
    between 供地 (or 立项) and 开工, the last three the project's own dates."""
    signed, registered = row["signed_on"], row["registered_on"]
    done: dict[str, dt.date | None] = dict.fromkeys(schema.NODE_NAMES)
    if registered is None:
        done["规划"] = shift(signed, rng.uniform(0.3, 1.5) * slow)
        if rng.random() < 0.5:
            done["选址"] = shift(done["规划"], rng.uniform(0.5, 3.0) * slow)
        return done
    span = (registered - signed).days
    for node, share in (("规划", 0.25), ("选址", 0.5), ("可研", 0.8)):
        done[node] = signed + dt.timedelta(days=int(span * share * rng.uniform(0.8, 1.0)))
    done["立项"] = registered
    done["征地"] = row["land_supplied_on"]
    before_start = row["land_supplied_on"] or registered
    if row["started_on"] is not None:
        gap = (row["started_on"] - before_start).days
        done["报建"] = before_start + dt.timedelta(days=int(gap * rng.uniform(0.3, 0.6)))
        done["招标"] = before_start + dt.timedelta(days=int(gap * rng.uniform(0.65, 0.95)))
    elif row["land_supplied_on"] is not None and rng.random() < 0.5:
        done["报建"] = shift(row["land_supplied_on"], rng.uniform(1, 4) * slow)
    done["开工"] = row["started_on"]
    done["竣工"] = row["completed_on"]
    done["投产"] = row["production_on"]
    return done


def _boundary_cases(lives: list[Life]) -> None:
    """A few projects sit exactly on the 蜗牛 boundary (合同开工 + 6 个月 = the snapshot's last day).

    2020-05-31 + 6 months = 2020-11-30: 蜗牛 from the 2020-11 snapshot on, with exactly six months;
    2020-06-01 + 6 months = 2020-12-01: not yet 蜗牛 in 2020-11, 蜗牛 in 2020-12.
    """
    chosen = [life for life in lives
              if life.row["land_supplied_on"] is not None and life.row["total_investment"] >= 10_000
              and dt.date(2019, 12, 1) <= life.row["land_supplied_on"] <= dt.date(2020, 3, 31)]
    for life, contract_start in zip(chosen[:3], (dt.date(2020, 5, 31), dt.date(2020, 5, 30), dt.date(2020, 6, 1))):
        row = life.row
        duration = row["contract_completion_on"] - row["contract_start_on"]
        row["contract_start_on"] = contract_start
        row["contract_completion_on"] = contract_start + duration
        row["started_on"] = add_months(END, 2)  # starts after the sample ends
        row["completed_on"] = row["production_on"] = row["above_scale_on"] = row["full_capacity_on"] = None
        for node in ("报建", "招标", "开工", "竣工", "投产"):
            life.node_done[node] = None
    late = [life for life in lives
            if life.row["started_on"] is not None and life.row["started_on"] <= dt.date(2019, 6, 30)
            and life.row["completed_on"] is not None and life.row["completed_on"] > END
            and life.row["total_investment"] >= 10_000 and life.row["contract_start_on"] < dt.date(2020, 1, 1)]
    for life in late[:2]:
        life.row["contract_completion_on"] = dt.date(2020, 5, 31)  # 竣工滞后 exactly 6 months at 2020-11


def life_frame(lives: list[Life]) -> pl.DataFrame:
    """One row per project: the stored columns with eventual dates, plus what snapshots need."""
    stored = schema.stored_schema(schema.PROJECTS)
    extra = {"realisation": pl.Float64, "contract_known_on": pl.Date}
    rows = []
    for life in lives:
        row = {name: life.row.get(name) for name in stored if name not in ("investment_to_date", "investment_this_year")}
        row.update(realisation=life.realisation, contract_known_on=life.contract_known_on)
        rows.append(row)
    columns = {k: v for k, v in stored.items() if k not in ("investment_to_date", "investment_this_year")}
    return pl.DataFrame(rows, schema={**columns, **extra}, orient="row")


DATE_COLUMNS = ("registered_on", "land_supplied_on", "started_on", "completed_on", "production_on",
                "above_scale_on", "full_capacity_on")


def _spent(day: dt.date) -> pl.Expr:
    """累计完成投资 at the end of `day`: 总投资 × realisation, spent evenly from 开工 to 竣工."""
    elapsed = (pl.lit(day) - pl.col("started_on")).dt.total_days()
    span = (pl.col("completed_on") - pl.col("started_on")).dt.total_days().clip(lower_bound=1)
    share = (elapsed / span).clip(0.0, 1.0)
    return (pl.when(pl.col("started_on") <= day)
            .then(pl.col("total_investment") * pl.col("realisation") * share)
            .otherwise(0.0))


def snapshot(life: pl.DataFrame, month: str) -> pl.DataFrame:
    """The projects table as reported for `month`: signed by its last day, with only the dates reached."""
    day = month_end(month)
    year_start = dt.date(day.year - 1, 12, 31)
    known = pl.col("contract_known_on") <= day
    frame = life.filter(pl.col("signed_on") <= day).with_columns(
        _spent(day).round(0).alias("_to_date"),
        _spent(year_start).round(0).alias("_before_year"),
    ).with_columns(
        [pl.when(pl.col(c) <= day).then(pl.col(c)).alias(c) for c in DATE_COLUMNS]
        + [pl.when(known).then(pl.col(c)).alias(c) for c in ("contract_start_on", "contract_completion_on")]
        + [pl.when(known).then(pl.col("_to_date")).alias("investment_to_date"),
           pl.when(known).then(pl.col("_to_date") - pl.col("_before_year")).alias("investment_this_year")]
    )
    return frame.select(list(schema.stored_schema(schema.PROJECTS))).sort("project_code")
