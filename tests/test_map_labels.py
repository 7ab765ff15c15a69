"""County map labels are readable: white on dark fills, dark on light ones, and the zones' labels (and their leader
lines) clear of every unit's label at the 例会 slide's size."""
from __future__ import annotations

import polars as pl
import shapely

from cockpit import geo
from cockpit.charts import theme
from cockpit.views import map as maps
from cockpit.views import meeting

UNITS = ["nanhu", "xiuzhou", "jiashan", "haiyan", "haining", "pinghu", "tongxiang", "jingkai", "gangqu"]
LINE_HEIGHT = 1.3  # of the font size, per text line


def test_label_colour_follows_the_fill():
    dark = theme.COLORS["text"]
    assert maps.label_color("#FFFFFF") == dark
    assert maps.label_color(theme.COLORS["no_data"]) == dark
    assert maps.label_color("#000000") == "white"
    for higher_is_worse in (False, True):
        colours = maps.sequential_colors(higher_is_worse)
        assert maps.label_color(colours[0]) == dark  # the lightest class
        assert maps.label_color(colours[-1]) == "white"  # the darkest: 秀洲区's 114.7% on the sample's slide


def test_unit_labels_take_the_colour_of_their_fill():
    values = pl.DataFrame({"unit_id": UNITS, "value": [10.0, 70.0, 40.0, 60.0, 20.0, 30.0, 50.0, 5.0, None]})
    fig = maps.county_choropleth_figure(values, "工业投资完成率", "%")
    labels = next(t for t in fig.data if t.mode == "text")
    colour = dict(zip([t.split("<br>")[0] for t in labels.text], labels.textfont.color))
    assert colour["秀洲区"] == "white"  # 70: the darkest class
    assert colour["南湖区"] == theme.COLORS["text"]  # 10: the lightest class
    polygons = {t.name: t.fillcolor for t in fig.data if t.fill == "toself"}
    assert all(colour[name] == maps.label_color(fill) for name, fill in polygons.items())


def _slide_boxes():
    """Unit label boxes, zone label boxes and leader lines in slide pixels (the map as the 例会 slide places it:
    x 60–1120, y 185–990, equal-aspect with the latitude stretch; every text at meeting.TEXT_SIZE)."""
    values = pl.DataFrame({"unit_id": UNITS, "value": [100.9, 114.7, 90.0, 110.1, 102.1, 92.5, 103.6, 80.4, 91.1]})
    fig = maps.county_choropleth_figure(values, "工业投资完成率", "%")
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    ratio = fig.layout.yaxis.scaleratio
    left, right, top, bottom = meeting.LEFT, 1120, meeting.TOP + 10, meeting.BOTTOM - 10
    per_degree = min((right - left) / (x1 - x0), (bottom - top) / ((y1 - y0) * ratio))

    def px(lon: float, lat: float) -> tuple[float, float]:
        return ((left + right) / 2 + (lon - (x0 + x1) / 2) * per_degree,
                (top + bottom) / 2 - (lat - (y0 + y1) / 2) * per_degree * ratio)

    def box(lon: float, lat: float, text: str):
        lines = text.split("<br>")
        width = max(meeting.text_width(line, meeting.TEXT_SIZE) for line in lines)
        height = len(lines) * meeting.TEXT_SIZE * LINE_HEIGHT
        x, y = px(lon, lat)
        return shapely.box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    labels = next(t for t in fig.data if t.mode == "text")
    units = {t.split("<br>")[0]: box(x, y, t) for x, y, t in zip(labels.x, labels.y, labels.text)}
    zones, leaders = {}, {}
    for zone, note in zip(geo.ZONE_POINTS, fig.layout.annotations):
        zones[zone.unit_id] = box(note.ax, note.ay, note.text)
        leaders[zone.unit_id] = shapely.LineString([px(zone.lon, zone.lat), px(note.ax, note.ay)]).difference(
            zones[zone.unit_id])
    return units, zones, leaders


def test_zone_labels_and_leaders_clear_of_unit_labels():
    units, zones, leaders = _slide_boxes()
    assert set(units) == {"南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"}
    for zone in zones:
        for name, unit_box in units.items():
            # a clear gap between the texts (经开区's sat 11 px from 嘉善县's), and the leader line passes no unit's
            # label (it ran 8 px from 嘉善县's; it starts at the marker, which sits 14 px from 南湖区's)
            assert zones[zone].distance(unit_box) >= 40, (zone, name, zones[zone].distance(unit_box))
            assert leaders[zone].distance(unit_box) >= 12, (zone, name, leaders[zone].distance(unit_box))
    assert zones["jingkai"].distance(zones["gangqu"]) >= 10
