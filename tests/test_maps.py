"""The county map on a hand-made ledger: the query's figures, the deck's layers and the plotly county figure."""
from __future__ import annotations

import json

import polars as pl
import pytest

from cockpit import queries
from cockpit.views import map as maps
from tests.helpers import project, write

MONTH = "2020-06"
INDICATORS = [
    {"month": MONTH, "unit_id": "nanhu", "indicator": "工业投资", "value_ytd": 450000.0, "measure_unit": "万元"},
    {"month": MONTH, "unit_id": "jingkai", "indicator": "工业投资", "value_ytd": 120000.0, "measure_unit": "万元"},
]
TARGETS = [
    {"year": 2020, "unit_id": "nanhu", "target": "工业投资", "target_value": 900000.0, "measure_unit": "万元"},
    {"year": 2020, "unit_id": "jingkai", "target": "工业投资", "target_value": 300000.0, "measure_unit": "万元"},
]
LAND = [
    # 南湖 P1 批而未供 10亩; P2 用而未尽 20 − 5 = 15亩; P3 reached 达规: not idle. 秀洲 P4 供而未用 7.5亩.
    {"parcel_id": "P1", "unit_id": "nanhu", "land_use": "工业", "area": 10.0, "approved_on": "2020-01-05",
     "lon": 120.80, "lat": 30.70},
    {"parcel_id": "P2", "unit_id": "nanhu", "land_use": "工业", "area": 20.0, "approved_on": "2019-01-05",
     "supplied_on": "2019-03-01", "started_on": "2019-06-01", "developed_area": 5.0, "lon": 120.82, "lat": 30.72},
    {"parcel_id": "P3", "unit_id": "nanhu", "land_use": "工业", "area": 30.0, "approved_on": "2018-01-05",
     "supplied_on": "2018-03-01", "started_on": "2018-06-01", "developed_area": 30.0, "completed_on": "2019-01-01",
     "production_on": "2019-03-01", "above_scale_on": "2019-12-01", "lon": 120.83, "lat": 30.73},
    {"parcel_id": "P4", "unit_id": "xiuzhou", "land_use": "工业", "area": 7.5, "approved_on": "2020-01-05",
     "supplied_on": "2020-02-01"},
]
PROJECTS = [
    # 南湖: 2 projects, 2亿 + 3亿 = 5亿; project 1 not started 6 months after 2019-10-01 → 蜗牛 at 2020-06-30.
    project(1, "nanhu", project_name="南湖甲项目", total_investment=20000.0, contract_start_on="2019-10-01",
            lon=120.75, lat=30.76),
    project(2, "nanhu", total_investment=30000.0, started_on="2020-02-01"),  # no location: not on the map
    project(3, "jingkai", project_name="经开乙项目", total_investment=5000.0, registered_on="2020-02-01",
            lon=120.77, lat=30.74),
]


@pytest.fixture
def ledger(data_root):
    write(data_root, MONTH, indicators=INDICATORS, land=LAND, projects=PROJECTS)
    write(data_root, "2020", targets=TARGETS)
    return data_root


def test_unit_metrics_query(ledger):
    frame = queries.run("map__unit_metrics", month=MONTH)
    assert frame["unit_id"].to_list() == ["nanhu", "xiuzhou", "jiashan", "haiyan", "haining", "pinghu",
                                          "tongxiang", "jingkai", "gangqu"]
    rows = {r["unit_id"]: r for r in frame.iter_rows(named=True)}
    nanhu, jingkai, xiuzhou, haining = rows["nanhu"], rows["jingkai"], rows["xiuzhou"], rows["haining"]
    assert nanhu["industrial_investment"] == 45.0 and nanhu["investment_target"] == 90.0
    assert nanhu["investment_rate"] == 0.5            # 450000 / 900000
    assert jingkai["investment_rate"] == pytest.approx(0.4)  # 120000 / 300000
    assert (nanhu["idle_area"], nanhu["idle_parcels"]) == (25.0, 2)   # P1 10 + P2 15
    assert (xiuzhou["idle_area"], xiuzhou["idle_parcels"]) == (7.5, 1)
    assert (nanhu["projects"], nanhu["snail_projects"], nanhu["total_investment"]) == (2, 1, 5.0)
    assert (jingkai["projects"], jingkai["snail_projects"], jingkai["total_investment"]) == (1, 0, 0.5)
    assert haining["industrial_investment"] is None and haining["investment_rate"] is None
    assert (haining["idle_area"], haining["projects"]) == (0.0, 0)


def _layer(deck_json: dict, layer_id: str) -> dict:
    return next(layer for layer in deck_json["layers"] if layer["id"] == layer_id)


def test_deck_layers_carry_the_query_figures(ledger):
    unit_metrics = queries.run("map__unit_metrics", month=MONTH)
    projects = queries.run("map__projects", month=MONTH, unit="city", limit=100)
    parcels = queries.run("map__parcels", month=MONTH, unit="city", limit=100)
    deck = json.loads(maps.county_deck(unit_metrics, "industrial_investment", projects, parcels).to_json())
    assert "mapProvider" not in deck and deck["mapStyle"] == maps.NO_BASEMAP_STYLE  # no basemap is fetched

    units_layer = _layer(deck, "units")
    by_unit = {}
    for record in units_layer["data"]:
        by_unit.setdefault(record["unit_id"], record)
    assert set(by_unit) == {"nanhu", "xiuzhou", "jiashan", "haiyan", "haining", "pinghu", "tongxiang"}
    assert by_unit["nanhu"]["value"] == 45.0 and by_unit["nanhu"]["value_text"] == "45.00亿元"
    assert by_unit["haining"]["value"] is None and by_unit["haining"]["value_text"] == "—"
    assert by_unit["nanhu"]["tooltip"].split("\n") == [
        "南湖区", "工业投资（本年累计）：45.00亿元", "工业投资完成率：50.0%", "“五未”面积：25亩",
        "蜗牛项目数：1个", "在库项目数：2个", "在库项目总投资：5.00亿元"]

    zones = {z["unit_id"]: z for z in _layer(deck, "zones")["data"]}
    assert zones["jingkai"]["value"] == 12.0
    assert zones["jingkai"]["label"] == "经开区（大致位置）\n12.00亿元"
    assert zones["gangqu"]["label"] == "港区（大致位置）\n—"

    shown = [(p["name"], p["stage"], p["total_investment"]) for p in _layer(deck, "projects")["data"]]
    assert shown == [("南湖甲项目", "签约", 2.0), ("经开乙项目", "注册", 0.5)]  # project 2 has no location
    assert [(p["parcel_id"], p["category"], p["idle_area"]) for p in _layer(deck, "parcels")["data"]] == [
        ("P1", "批而未供", 10.0), ("P2", "用而未尽", 15.0)]  # P4 has no location, P3 is not idle

    labels = _layer(deck, "unit_labels")
    assert labels["characterSet"] == "auto" and "Noto Sans CJK SC" in labels["fontFamily"]


def test_rate_metric_in_percent_and_colour_order(ledger):
    unit_metrics = queries.run("map__unit_metrics", month=MONTH)
    values = maps.metric_values(unit_metrics, "investment_rate")
    assert dict(values.iter_rows())["nanhu"] == 50.0
    records, scale = maps.unit_records(unit_metrics, "investment_rate")
    # 50% is the top of the range (40%..50%): the darkest class; units without a figure are grey
    assert scale.edges[0] == pytest.approx(40.0) and scale.edges[-1] == pytest.approx(50.0)
    nanhu = next(r for r in records if r["unit_id"] == "nanhu")
    assert nanhu["fill"][:3] == maps.theme.hex_to_rgb(scale.colors[-1])
    haining = next(r for r in records if r["unit_id"] == "haining")
    assert haining["fill"][:3] == maps.theme.hex_to_rgb(maps.theme.COLORS["no_data"])


def test_plotly_county_figure():
    values = pl.DataFrame({"unit_id": ["nanhu", "xiuzhou", "jiashan", "haiyan", "haining", "pinghu", "tongxiang",
                                       "jingkai", "gangqu"],
                           "value": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 5.0, None]})
    fig = maps.county_choropleth_figure(values, "工业投资（本年累计）", "亿元")
    polygons = [t for t in fig.data if t.fill == "toself"]
    assert [t.name for t in polygons] == ["南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"]
    assert all(t.line.color == "white" for t in polygons)
    assert polygons[0].fillcolor != polygons[-1].fillcolor  # 10 and 70 fall in different classes
    labels = next(t for t in fig.data if t.mode == "text")
    assert "南湖区<br>10.00亿元" in labels.text
    zones = next(t for t in fig.data if t.name == "功能区（大致位置）")
    assert list(zones.x) == [120.77, 121.08] and "嘉兴经济技术开发区（大致位置）<br>5.00亿元" in zones.text
    assert [a.text for a in fig.layout.annotations] == ["经开区（大致位置）<br>5.00亿元", "港区（大致位置）<br>—"]
    colourbar = next(t for t in fig.data if t.marker and t.marker.showscale)
    assert "工业投资（本年累计）" in colourbar.marker.colorbar.title.text
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == pytest.approx(1.1632, abs=1e-3)
    assert not any(t.type in ("choropleth", "scattergeo", "choroplethmap") for t in fig.data)
