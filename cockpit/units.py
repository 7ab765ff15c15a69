"""The nine county-level units (县级主体): stable ids, names, codes and name matching."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    short: str
    code: str | None  # statutory code; the two functional zones have none
    aliases: tuple[str, ...] = ()

    @property
    def is_zone(self) -> bool:
        return self.code is None


UNITS: tuple[Unit, ...] = (
    Unit("nanhu", "南湖区", "南湖", "330402"),
    Unit("xiuzhou", "秀洲区", "秀洲", "330411"),
    Unit("jiashan", "嘉善县", "嘉善", "330421"),
    Unit("haiyan", "海盐县", "海盐", "330424"),
    Unit("haining", "海宁市", "海宁", "330481"),
    Unit("pinghu", "平湖市", "平湖", "330482"),
    Unit("tongxiang", "桐乡市", "桐乡", "330483"),
    Unit("jingkai", "嘉兴经济技术开发区", "经开区",
         None, ("嘉兴经开区", "经济技术开发区", "嘉兴经济开发区", "经济开发区", "嘉兴开发区", "开发区")),
    Unit("gangqu", "嘉兴港区", "港区", None, ("乍浦港区", "嘉兴港")),
)
UNIT_BY_ID = {u.id: u for u in UNITS}
CITY_ID = "city"
CITY_NAME = "全市"

_PREFIXES = ("浙江省", "嘉兴市", "嘉兴")


def _normalise(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", str(text)).replace("（", "(").replace("）", ")")


def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for u in UNITS:
        for form in (u.name, u.short, *u.aliases, *( [u.code] if u.code else [] )):
            table[_normalise(form)] = u.id
    return table


_LOOKUP = _lookup()


def match_unit(text: object, allow_city: bool = False) -> str | None:
    """Unit id for a name as real exports write it (南湖, 南湖区, 嘉兴市南湖区, 330402, 经开区 …)."""
    if text is None:
        return None
    key = _normalise(str(text))
    if key.endswith(".0") and key[:-2].isdigit():  # codes read from Excel as numbers
        key = key[:-2]
    if allow_city and key in (CITY_NAME, "嘉兴市", "合计", "全市合计"):
        return CITY_ID
    while key:
        if key in _LOOKUP:
            return _LOOKUP[key]
        prefix = next((p for p in _PREFIXES if key.startswith(p) and len(key) > len(p)), None)
        if prefix is None:
            return None
        key = key[len(prefix):]
    return None


def unit_name(unit_id: str) -> str:
    return CITY_NAME if unit_id == CITY_ID else UNIT_BY_ID[unit_id].name


def unit_short(unit_id: str) -> str:
    return CITY_NAME if unit_id == CITY_ID else UNIT_BY_ID[unit_id].short
