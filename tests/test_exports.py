"""PNG export (kaleido + system Chromium, offline) and formula-safe .xlsx export (cockpit/exports.py)."""
from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import struct
import zlib
from pathlib import Path

import openpyxl
import plotly.graph_objects as go
import polars as pl
import pytest

from cockpit import exports
from cockpit.charts import theme

needs_chromium = pytest.mark.skipif(exports.browser_path() is None, reason="no system chromium")


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which follows the 8-byte signature and its length/type."""
    assert png[:8] == exports.PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", png[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", png[16:24])


def png_chunks_valid(png: bytes) -> bool:
    """Every chunk's CRC matches and the file ends with IEND."""
    pos, kinds = 8, []
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + data) != crc:
            return False
        kinds.append(kind)
        pos += 12 + length
    return kinds[-1] == b"IEND"


def sample_figure() -> go.Figure:
    """A chart like the pages draw: Chinese category labels, status colours, a pace line."""
    fig = go.Figure(go.Bar(x=["南湖", "秀洲", "嘉兴经济技术开发区"], y=[45.0, 40.0, 20.0],
                           marker_color=[theme.STATUS_COLORS["落后"], theme.STATUS_COLORS["落后"],
                                         theme.STATUS_COLORS["严重落后"]], text=["45.0%", "40.0%", "20.0%"],
                           textposition="outside"))
    fig.add_hline(y=50, line_dash="dash", annotation_text="序时进度 50.0%")
    fig.update_layout(yaxis_title="完成率（%）")
    return fig


@pytest.fixture(scope="module")
def exported_png() -> bytes:
    if exports.browser_path() is None:
        pytest.skip("no system chromium")
    return exports.figure_png(sample_figure(), "各县级主体工业投资完成率", "2020年6月")


@needs_chromium
def test_png_is_1920x1080_at_scale_2(exported_png):
    assert exported_png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png_size(exported_png) == (3840, 2160)
    assert png_chunks_valid(exported_png)


@needs_chromium
def test_png_has_title_and_our_colours(exported_png):
    from PIL import Image  # installed with streamlit

    image = Image.open(io.BytesIO(exported_png)).convert("RGB")
    assert image.size == (3840, 2160)
    # not blank: many colours, and the title band (top 7%, left half) holds dark text pixels
    assert len(image.getcolors(maxcolors=1 << 20) or []) > 50
    title = image.crop((0, 0, 1920, 150))
    dark = sum(1 for r, g, b in title.getdata() if r + g + b < 200)
    assert dark > 2000
    # the subtitle line (data date) is there too, below the title
    subtitle = image.crop((0, 150, 1920, 280))
    assert sum(1 for r, g, b in subtitle.getdata() if r + g + b < 500) > 500
    # the bars are drawn in the theme's status colours (not Streamlit's placeholder template)
    colours = {c for _n, c in image.getcolors(maxcolors=1 << 20)}
    assert tuple(theme.hex_to_rgb(theme.STATUS_COLORS["落后"])) in colours
    assert tuple(theme.hex_to_rgb(theme.STATUS_COLORS["严重落后"])) in colours


@needs_chromium
def test_server_stays_up_for_a_second_render(exported_png):
    # The server stays up between renders; a second figure renders fast and right.
    png = exports.figure_png(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2], name="本年累计")), "月度走势")
    assert png_size(png) == (3840, 2160)
    assert exports._server_alive()


def test_export_layout_sets_title_date_and_print_sizes():
    export = exports.export_figure(sample_figure(), "各县级主体工业投资完成率", "2020年6月")
    assert export.layout.title.text == "各县级主体工业投资完成率"
    assert export.layout.title.subtitle.text == "数据截至2020年6月"
    assert export.layout.font.family == theme.FONT_FAMILY and "Noto Sans CJK SC" in theme.FONT_FAMILY
    assert export.layout.font.size == theme.EXPORT_FONT_SIZE
    assert (export.layout.width, export.layout.height) == (1920, 1080)


def test_kaleido_server_is_offline_by_configuration():
    options = exports.server_options()
    assert options["mathjax"] is False
    assert Path(options["plotlyjs"]).is_file() and options["plotlyjs"].endswith("plotly.min.js")
    assert options["proxy_server"].startswith("http://127.0.0.1:")
    assert options["enable_extensions"] is False
    from kaleido import PageGenerator

    page = PageGenerator(plotly=options["plotlyjs"], mathjax=options["mathjax"]).generate_index()
    scripts = [line.split('src="')[1].split('"')[0] for line in page.splitlines() if "<script src=" in line]
    assert len(scripts) == 2 and all(not s.startswith("http") for s in scripts), scripts


@needs_chromium
def test_kaleido_page_loads_only_local_files_and_chromium_connects_nowhere(tmp_path):
    """Render in a second kaleido with the same options: record every request of the page over the DevTools
    protocol, and Chromium's own net log (DNS and connections of the whole browser)."""
    import kaleido

    netlog = tmp_path / "netlog.json"
    base = exports.server_options()["browser_cls"]

    class Logged(base):
        def get_cli(self):
            cli = super().get_cli()
            return [*cli[:-1], f"--log-net-log={netlog}", cli[-1]]  # keep about:blank last

    requested: list[str] = []

    async def render() -> bytes:
        async with kaleido.Kaleido(**{**exports.server_options(), "browser_cls": Logged}) as k:
            for tab in list(k.tabs.values()):
                await tab.send_command("Network.enable")

                async def record(message):
                    requested.append(message["params"]["request"]["url"])

                tab.subscribe("Network.requestWillBeSent", record, repeating=True)
            png = b""
            for _ in range(2):  # the second render runs on the reloaded page, with the recorder attached
                png = await k.calc_fig(exports.export_figure(sample_figure(), "测试"),
                                       opts={"format": "png", "width": 800, "height": 450})
            await asyncio.sleep(1.0)
            return png

    png = asyncio.run(render())
    assert png.startswith(exports.PNG_SIGNATURE)
    assert requested and all(u.startswith(("file://", "blob:file://", "data:", "about:")) for u in requested), \
        requested
    assert any(u.endswith("plotly/package_data/plotly.min.js") for u in requested)
    log = json.loads(netlog.read_text())
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    events = [(names[e["type"]], e.get("params") or {}) for e in log["events"]]
    # no DNS query was made, and no TCP connection was attempted to anything but loopback
    assert not [n for n, _p in events if n.startswith(("DNS_TRANSACTION", "HOST_RESOLVER_SYSTEM_TASK"))]
    tcp = [p.get("address", "") for n, p in events if n == "TCP_CONNECT_ATTEMPT"]
    assert all(a.startswith(("127.0.0.1", "[::1]")) for a in tcp), tcp


def test_xlsx_headers_formulas_and_numbers():
    frame = pl.DataFrame({
        "县级主体": ["南湖区", "=1+1", "+SUM(A1:A2)", "-2", "@cmd", "正常文本"],
        "差序时（亿元）": [-6.5, 1.25, None, -0.0, 3.0, float("nan")],
        "个数": [1, -2, 3, None, 5, 6],
        "签约日期": [dt.date(2020, 1, 10), None, dt.date(2020, 6, 30), None, None, None],
        "是否达标": [True, False, None, True, False, True],
    })
    data = exports.table_xlsx(frame, "目标进度/全市[2020-06]")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert sheet.title == "目标进度_全市_2020-06_"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("县级主体", "差序时（亿元）", "个数", "签约日期", "是否达标")
    texts = [r[0] for r in rows[1:]]
    assert texts == ["南湖区", "'=1+1", "'+SUM(A1:A2)", "'-2", "'@cmd", "正常文本"]
    for row in sheet.iter_rows(min_row=2):
        for c in row:
            assert c.data_type != "f", (c.coordinate, c.value)  # no formula anywhere
    # numbers stay numbers, negative ones included; NaN and null become empty cells
    assert [r[1] for r in rows[1:]] == [-6.5, 1.25, None, 0, 3, None]
    assert sheet["B2"].data_type == "n" and sheet["C3"].value == -2 and sheet["C3"].data_type == "n"
    assert sheet["D2"].value == dt.datetime(2020, 1, 10) and sheet["D2"].is_date
    assert [r[4] for r in rows[1:]] == ["是", "否", None, "是", "否", "是"]


def test_xlsx_of_a_page_table_keeps_chinese_headers(data_root):
    from cockpit import queries
    from cockpit.views import target_progress as progress
    from tests.test_progress_queries import build_ledger

    build_ledger(data_root)
    rows = queries.run("progress__by_metric", month="2020-06", **progress.status_params())
    table = progress.table(progress.month_view(rows, "2020-06", "nanhu"))
    sheet = openpyxl.load_workbook(io.BytesIO(exports.table_xlsx(table, "目标进度"))).active
    header = [c.value for c in sheet[1]]
    assert header == table.columns and header[:4] == ["分组", "指标", "单位", "完成值"]
    values = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["工业投资"][3] == 54.0 and values["工业投资"][4] == 120.0


def test_empty_table_still_exports():
    data = exports.table_xlsx(pl.DataFrame(schema={"县级主体": pl.String, "得分": pl.Float64}))
    assert list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)) == [("县级主体", "得分")]


def test_safe_cell():
    assert exports.safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert exports.safe_cell("\t=1") == "'\t=1"
    assert exports.safe_cell(-5) == -5 and exports.safe_cell("南湖") == "南湖"
