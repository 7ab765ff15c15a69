"""The 统筹 cases the sample carries (issue 19 §4), made from existing sample projects with as few changes as possible:

- three possible duplicate pairs: a 2020 亿元以上 project of one unit and one of another unit signed within six months
  with 总投资 within 5%, same 所属产业: the second is renamed after the first, in one of the spellings the normaliser must see
  through (a 嘉兴 prefix; another unit's name and another capacity; “（一期）”). Only names change.
- one move (横向转移): a 2019 亿元以上 project that never starts in the sample and has no parcel reports under a
  neighbouring unit from MOVE_FROM on (its 项目代码 keeps the old region code, as real codes do; it is placed at the
  new unit's centre). Its figures stay; only which unit counts it changes, and only from MOVE_FROM.
- one disappearance: a 2019 亿元以下 project not yet in production and without a parcel leaves the 项目库 (and its
  推进节点 the nodes file) from GONE_FROM on.
Chosen by rule (first by 项目代码), not by chance, so the other parts' draws are unchanged.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import polars as pl

from cockpit import units
from cockpit.sample import profiles
from cockpit.sample.timeline import END

MOVE_FROM = "2020-07"
GONE_FROM = "2020-09"
PAIRS = 3
MOVE_TO = {"nanhu": "xiuzhou", "xiuzhou": "nanhu", "jiashan": "pinghu", "haiyan": "haining", "haining": "haiyan",
           "pinghu": "jiashan", "tongxiang": "haining", "jingkai": "nanhu", "gangqu": "pinghu"}


@dataclass(frozen=True)
class Cases:
    renames: dict[str, str] = field(default_factory=dict)  # 项目代码 -> the name it is reported under
    move: tuple[str, str, float, float] | None = None  # 项目代码, new unit, lon, lat
    gone: str | None = None  # 项目代码 that leaves the library from GONE_FROM


def _variant(name: str, unit_id: str, index: int) -> str:
    if index == 0:
        return f"嘉兴{name}"
    if index == 1:
        more = re.sub(r"年产(\d+)", lambda m: f"年产{int(m.group(1)) + 10}", name, count=1)
        return f"{units.unit_name(unit_id)}{more}"
    return f"{name.removesuffix('项目')}（一期）项目"


def plan(life: pl.DataFrame, parcels: pl.DataFrame) -> Cases:
    with_land = set(parcels["project_code"].drop_nulls().to_list())
    rows = life.sort("project_code").to_dicts()
    candidates = [r for r in rows if dt.date(2020, 1, 1) <= r["signed_on"] <= dt.date(2020, 10, 31)
                  and r["total_investment"] >= 10_000 and not (r["foreign_investment"] or 0)]
    renames: dict[str, str] = {}
    used: set[str] = set()
    busy_units: set[str] = set()  # each pair in two units no other pair uses
    for a in candidates:
        if len(renames) == PAIRS:
            break
        if a["project_code"] in used or a["unit_id"] in busy_units:
            continue
        for b in candidates:
            if (b["project_code"] in used or b["unit_id"] in busy_units or b["unit_id"] == a["unit_id"]
                    or b["industry"] != a["industry"]
                    or abs((b["signed_on"] - a["signed_on"]).days) > 180
                    or abs(a["total_investment"] - b["total_investment"])
                    > 0.05 * max(a["total_investment"], b["total_investment"])):
                continue
            renames[b["project_code"]] = _variant(a["project_name"], b["unit_id"], len(renames))
            used.update((a["project_code"], b["project_code"]))
            busy_units.update((a["unit_id"], b["unit_id"]))
            break
    quiet = [r for r in rows if r["project_code"] not in used and r["project_code"] not in with_land
             and r["signed_on"].year == 2019]
    move = next((r for r in quiet if r["total_investment"] >= 10_000
                 and (r["started_on"] is None or r["started_on"] > END)), None)
    gone = next((r for r in quiet if r["total_investment"] < 10_000 and r is not move
                 and (r["production_on"] is None or r["production_on"] > dt.date(2020, 9, 30))), None)
    moved = None
    if move is not None:
        to = MOVE_TO[move["unit_id"]]
        p = profiles.PROFILE_BY_ID[to]
        moved = (move["project_code"], to, p.lon, p.lat)
    return Cases(renames, moved, gone["project_code"] if gone else None)


def projects(frame: pl.DataFrame, month: str, cases: Cases) -> pl.DataFrame:
    """The month's 项目库 rows with the cases applied."""
    if cases.renames:
        frame = frame.with_columns(pl.col("project_code").replace_strict(cases.renames, default=pl.col("project_name"))
                                   .alias("project_name"))
    if cases.move and month >= MOVE_FROM:
        code, unit_id, lon, lat = cases.move
        hit = pl.col("project_code") == code
        frame = frame.with_columns(pl.when(hit).then(pl.lit(unit_id)).otherwise(pl.col("unit_id")).alias("unit_id"),
                                   pl.when(hit).then(pl.lit(lon)).otherwise(pl.col("lon")).alias("lon"),
                                   pl.when(hit).then(pl.lit(lat)).otherwise(pl.col("lat")).alias("lat"))
    if cases.gone and month >= GONE_FROM:
        frame = frame.filter(pl.col("project_code") != cases.gone)
    return frame


def nodes(frame: pl.DataFrame, month: str, cases: Cases) -> pl.DataFrame:
    if cases.gone and month >= GONE_FROM:
        return frame.filter(pl.col("project_code") != cases.gone)
    return frame
