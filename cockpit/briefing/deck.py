"""The 例会 slides as an editable .pptx (python-pptx): one slide each, the slide's title as its title placeholder
(with the subtitle beside it), the figure below as a full-width image, the 口径 and the data date in the notes."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from cockpit.charts import theme

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 16:9, 13.333 × 7.5 in
BAND_PX, BODY_BOTTOM_PX, CANVAS_H_PX = 130, 1010, 1080  # the slide's title band and the content's lower edge
TITLE_ONLY = 5  # layout of the default template
FONT = "黑体"
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class DeckSlide:
    title: str
    subtitle: str
    image: bytes  # PNG of the content area (below the band, above the footer)
    notes: str


def plain(text: str) -> str:
    """An annotation's text without plotly's HTML (the slides escape data with plot_text)."""
    import html

    return html.unescape(_TAG.sub("", text or ""))


def title_and_subtitle(fig: go.Figure, band_y: float) -> tuple[str, str]:
    """The texts drawn in the title band: the left-anchored one is the title, the right-anchored the subtitle."""
    title = subtitle = ""
    for annotation in fig.layout.annotations:
        if annotation.yref == "paper" and annotation.y is not None and abs(annotation.y - band_y) < 1e-6:
            if annotation.xanchor == "right":
                subtitle = plain(annotation.text)
            else:
                title = title or plain(annotation.text)
    return title, subtitle


def _hex(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#")[:6].upper())


def write(slides: list[DeckSlide], author: str, title: str, created) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    deck.core_properties.author = author
    deck.core_properties.title = title
    deck.core_properties.created = created
    band = int(SLIDE_H * BAND_PX / CANVAS_H_PX)
    for item in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = 0, 0, SLIDE_W, band
        shape.fill.solid()
        shape.fill.fore_color.rgb = _hex(theme.COLORS["primary"])
        frame = shape.text_frame
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.margin_left = Emu(int(SLIDE_W * 60 / 1920))
        frame.text = item.title
        for paragraph in frame.paragraphs:
            paragraph.alignment = PP_ALIGN.LEFT
            for run in paragraph.runs:
                run.font.size, run.font.bold, run.font.name = Pt(26), True, FONT
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        if item.subtitle:
            box = slide.shapes.add_textbox(int(SLIDE_W * 0.55), 0, int(SLIDE_W * 0.42), band)
            box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            box.text_frame.text = item.subtitle
            for paragraph in box.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.RIGHT
                for run in paragraph.runs:
                    run.font.size, run.font.name = Pt(18), FONT
                    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        slide.shapes.add_picture(io.BytesIO(item.image), 0, band, width=SLIDE_W)
        slide.notes_slide.notes_text_frame.text = item.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
