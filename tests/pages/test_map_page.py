"""The 地图 page under AppTest on the hand-made ledger of tests/test_maps.py."""
from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR
from tests.test_maps import ledger  # noqa: F401  (fixture)


def page(**toggles) -> AppTest:
    at = AppTest.from_file(str(REPO_DIR / "pages" / "map.py"), default_timeout=60)
    at.session_state["filter_month"] = "2020-06"
    at.session_state["filter_unit"] = "city"
    for key, value in toggles.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def deck_spec(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def test_map_shows_the_chosen_metric_and_layers(ledger):  # noqa: F811
    at = page(map_projects=True, map_parcels=True)
    spec = deck_spec(at)
    layer_ids = [layer["id"] for layer in spec["layers"]]
    assert {"units", "projects", "parcels", "zones", "unit_labels", "zone_labels"} <= set(layer_ids)
    nanhu = next(r for r in spec["layers"][0]["data"] if r["unit_id"] == "nanhu")
    assert nanhu["value_text"] == "45.00亿元"
    assert any("大致位置" in c.value for c in at.caption)
    table = at.dataframe[0].value
    assert table.set_index("县级主体").loc["南湖区", "“五未”面积（亩）"] == 25.0

    at.selectbox(key="map_metric").set_value("idle_area").run()
    assert not at.exception
    nanhu = next(r for r in deck_spec(at)["layers"][0]["data"] if r["unit_id"] == "nanhu")
    assert nanhu["value_text"] == "25亩"
