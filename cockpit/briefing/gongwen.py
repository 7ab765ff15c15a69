"""The 通报 as a 公文 (GB/T 9704-2012 党政机关公文格式, as far as a generated document can follow it): the writer
of cockpit.report blocks into a .docx.

Frame: 发文机关标志 (red, 小标宋, fitted to the type area), 文号, the red separator, 标题 (二号小标宋), 主送机关,
body, 附件说明, 落款 (署名 and 成文日期), then each 附件 on a new page, the last one the 口径说明.
Layout: A4, margins 37/35/28/26 mm (top/bottom/left/right), body 仿宋_GB2312 三号 (16 pt) at a fixed 28 pt line,
first-line indent of two characters; 小标宋 一、 in 黑体, （一） in 楷体_GB2312, 1. in 仿宋 bold; page numbers
"— 1 —" (a PAGE field) centred in the footer. Every run names its font for Latin and East Asian text; where a font
is missing Word, WPS and LibreOffice substitute.

In a Para, `{附件:标题}` becomes 附件N, the number of the attachment with that title (sections do not know the
numbering; the writer does).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from xml.sax.saxutils import escape
from dataclasses import dataclass, field

import polars as pl
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips

from cockpit import report

BODY_FONT = "仿宋_GB2312"
HEI = "黑体"
KAI = "楷体_GB2312"
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
TABLE_SIZE = 12  # 小四
WIDE_TABLE_SIZE = 10.5  # 五号, tables of more than WIDE_COLUMNS columns
WIDE_COLUMNS = 6
LINE = 28  # pt, fixed line spacing of the body
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156 mm, the type area's width
RED = RGBColor(0xE6, 0x00, 0x12)
NUMERALS = "一二三四五六七八九十"
ATTACHMENT_TOKEN = re.compile(r"\{附件:([^}]*)\}")
_NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)")


@dataclass(frozen=True)
class Frame:
    """What surrounds the body: who issues it, to whom, when."""
    office: str  # 发文机关标志 and 署名, the document's author
    doc_number: str  # 文号 line, the number left to fill: 嘉双进双产办〔2021〕 号
    title: str
    recipients: str  # 主送机关, without the colon
    intro: str  # the opening paragraph (现将…通报如下)
    date: dt.date  # 成文日期
    created: dt.datetime
    figures: dict[str, bytes] = field(default_factory=dict)  # slide name -> PNG without footer


def date_words(day: dt.date) -> str:
    """成文日期 in Arabic numerals: 2021年1月18日."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (section numbers up to 99)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + ("" if ones == 0 else NUMERALS[ones - 1])


def text_width(text: str) -> float:
    """Width in characters of the body font: CJK and full-width 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


# ---------------------------------------------------------------- low-level formatting

def _name_every_script(r_pr, name: str) -> None:
    """w:rFonts naming the font for ascii, hAnsi, eastAsia and cs: Word picks eastAsia for Chinese."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def set_font(run, name: str, size: float | None = None, bold: bool | None = None, color: RGBColor | None = None):
    """Names the font for every script (ascii, hAnsi, eastAsia, cs): Word picks eastAsia for Chinese."""
    run.font.name = name
    _name_every_script(run._element.get_or_add_rPr(), name)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return run


def set_style_font(style, name: str, size: float) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    _name_every_script(style.element.get_or_add_rPr(), name)


def layout(paragraph, indent_chars: float = 2, align=None, line: float | None = LINE, before: float = 0,
           after: float = 0, page_break: bool = False, keep_next: bool = False):
    """Fixed line spacing (None: single, for pictures and table cells), first-line indent in characters of
    the body size (w:firstLineChars too, so Word keeps two characters whatever the font size)."""
    fmt = paragraph.paragraph_format
    if line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.first_line_indent = Pt(BODY_SIZE * indent_chars) if indent_chars else Pt(0)
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(int(indent_chars * 100)))
    if align is not None:
        paragraph.alignment = align
    if page_break:
        fmt.page_break_before = True
    if keep_next:
        fmt.keep_with_next = True
    fmt.widow_control = True
    return paragraph


def bottom_border(paragraph, color: str = "E60012", size_eighths: int = 12) -> None:
    """The red separator under the 版头 as a paragraph border."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "1"), ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def page_field(paragraph, font: str, size: float) -> None:
    """A PAGE field (Word and LibreOffice fill in the number)."""
    def run_with(element):
        run = set_font(paragraph.add_run(), font, size)
        run._element.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(begin)
    run_with(instr)
    run_with(separate)
    set_font(paragraph.add_run("1"), font, size)
    run_with(end)


# ---------------------------------------------------------------- the writer

class Writer:
    def __init__(self, frame: Frame):
        self.frame = frame
        self.doc = Document()
        self.tables = 0
        self.figures = 0
        self._setup()

    def _setup(self) -> None:
        doc = self.doc
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance = Mm(15)
        section.footer_distance = Mm(21)  # the number's top about 7 mm below the type area
        set_style_font(doc.styles["Normal"], BODY_FONT, BODY_SIZE)
        footer = section.footer.paragraphs[0]
        layout(footer, 0, WD_ALIGN_PARAGRAPH.CENTER, line=None)
        set_font(footer.add_run("— "), PAGE_NUMBER_FONT, 14)
        page_field(footer, PAGE_NUMBER_FONT, 14)
        set_font(footer.add_run(" —"), PAGE_NUMBER_FONT, 14)
        props = doc.core_properties
        props.author = props.last_modified_by = self.frame.office
        props.title = self.frame.title
        props.created = props.modified = self.frame.created
        props.subject = "产业项目“双进双产”工作通报"
        props.comments = ""

    # -- paragraphs

    def para(self, text: str = "", font: str = BODY_FONT, size: float = BODY_SIZE, indent: float = 2,
             align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold: bool = False, color: RGBColor | None = None, **kw):
        p = self.doc.add_paragraph()
        layout(p, indent, align, **kw)
        if text:
            set_font(p.add_run(text), font, size, bold, color)
        return p

    def heading(self, text: str, level: int) -> None:
        font, bold = {1: (HEI, False), 2: (KAI, False)}.get(level, (BODY_FONT, True))
        self.para(text, font=font, bold=bold, keep_next=True)

    def caption(self, text: str, keep_next: bool = False) -> None:
        self.para(text, font=BODY_FONT, size=14, indent=0, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=keep_next)

    # -- frame

    def head(self) -> None:
        f = self.frame
        size = min(30.0, int(TEXT_WIDTH_MM / 0.3528 / max(text_width(f.office), 1) * 2) / 2)  # fits the type area
        self.para(f.office, TITLE_FONT, size, 0, WD_ALIGN_PARAGRAPH.CENTER, color=RED, line=size * 1.5)
        self.para(line=LINE)
        number = self.para(f.doc_number, indent=0, align=WD_ALIGN_PARAGRAPH.CENTER)
        bottom_border(number)
        self.para()
        self.title(f.title)
        self.para()
        self.para(f"{f.recipients}：", indent=0, align=WD_ALIGN_PARAGRAPH.LEFT)
        self.para(f.intro)

    def title(self, text: str) -> None:
        """二号小标宋, centred; a title too wide for one line breaks before its （…） (not inside a word)."""
        p = self.para(indent=0, align=WD_ALIGN_PARAGRAPH.CENTER, line=36)
        head, paren, tail = text.partition("（")
        wide = text_width(text) * TITLE_SIZE * 0.3528 > TEXT_WIDTH_MM
        for i, part in enumerate([head, paren + tail] if wide and paren else [text]):
            run = set_font(p.add_run(part), TITLE_FONT, TITLE_SIZE)
            if i == 0 and wide and paren:
                run.add_break()

    def signature(self, attachments: list[report.Attachment]) -> None:
        f = self.frame
        if attachments:
            self.para(keep_next=True)
            for i, attachment in enumerate(attachments, start=1):
                lead = "附件：" if i == 1 else ""
                p = self.para(f"{lead}{i}. {attachment.title}", indent=0, align=WD_ALIGN_PARAGRAPH.LEFT,
                              keep_next=True)
                p.paragraph_format.left_indent = Pt(BODY_SIZE * (2 if i == 1 else 5))
                p.paragraph_format.first_line_indent = Pt(0)
        self.para(keep_next=True)
        self.para(keep_next=True)
        office_width, date = text_width(f.office), date_words(f.date)
        office = self.para(f.office, indent=0, align=WD_ALIGN_PARAGRAPH.RIGHT, keep_next=True)
        office.paragraph_format.right_indent = Pt(BODY_SIZE * 2)  # 署名右空二字
        signed = self.para(date, indent=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
        # 成文日期 one line below, its first character two characters right of the 署名's first
        signed.paragraph_format.right_indent = Pt(BODY_SIZE * max(2.0, office_width - text_width(date)))

    # -- blocks

    def table(self, frame: pl.DataFrame, widths_mm: list[float] | None = None, size: float | None = None) -> None:
        """A grid table over the type area's width, its header row repeated on every page. Rows are written as
        XML (python-docx's cell API takes seconds for the 附件's thousands of cells)."""
        columns = list(frame.columns)
        size = size or (WIDE_TABLE_SIZE if len(columns) > WIDE_COLUMNS else TABLE_SIZE)
        cells = [[cell_text(v) for v in values] for values in frame.iter_rows()]
        widths = widths_mm or fitted_widths(columns, cells, size)
        scale = TEXT_WIDTH_MM / sum(widths)
        twips = [int(w * scale * 56.6929) for w in widths]  # 1 mm = 56.69 twips
        table = self.doc.add_table(rows=0, cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, twips):  # the grid, which LibreOffice reads
            column.width = Twips(width)
        aligns = [column_align(frame.schema[c].is_numeric(), [row[i] for row in cells])
                  for i, c in enumerate(columns)]
        rows = [_row_xml([str(c) for c in columns], twips, HEI, size, ["center"] * len(columns), header=True)]
        rows += [_row_xml(row, twips, BODY_FONT, size, aligns) for row in cells]
        tbl = table._tbl
        tbl_w = tbl.tblPr.find(qn("w:tblW"))
        if tbl_w is not None:
            tbl_w.set(qn("w:w"), str(sum(twips)))
            tbl_w.set(qn("w:type"), "dxa")
        for xml in rows:
            tbl.append(parse_xml(xml))

    def figure(self, block: report.Figure) -> None:
        png = self.frame.figures.get(block.slide)
        if png is None:
            return
        self.figures += 1
        p = self.para(indent=0, align=WD_ALIGN_PARAGRAPH.CENTER, line=None, keep_next=True, before=6)
        p.add_run().add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM))
        self.caption(f"图{self.figures}　{block.caption}")

    def block(self, block, numbers: dict[str, int]) -> None:
        if isinstance(block, report.Heading):
            self.heading(block.text, block.level)
        elif isinstance(block, report.Para):
            self.para(ATTACHMENT_TOKEN.sub(lambda m: f"附件{numbers.get(m.group(1), '')}", block.text))
        elif isinstance(block, report.Table):
            self.tables += 1
            if block.caption:
                self.caption(f"表{self.tables}　{block.caption}", keep_next=True)
            widths = [w * 10 for w in block.widths_cm] if block.widths_cm else None
            self.table(block.frame, widths)
            if block.note:
                self.para(block.note, size=12, indent=2, line=20, before=3)
        elif isinstance(block, report.Figure):
            self.figure(block)
        else:
            raise TypeError(f"unknown 通报 block {block!r}")

    def attachment(self, number: int, attachment: report.Attachment) -> None:
        self.para(f"附件{number}", HEI, indent=0, align=WD_ALIGN_PARAGRAPH.LEFT, page_break=True)
        self.para()
        self.para(attachment.title, TITLE_FONT, TITLE_SIZE, 0, WD_ALIGN_PARAGRAPH.CENTER, line=36)
        self.para()
        if attachment.frame.width:
            self.table(attachment.frame)
        if attachment.note:
            self.para(attachment.note, size=12, indent=2, line=20, before=3)

    def definitions(self, number: int, texts: list[str]) -> None:
        self.para(f"附件{number}", HEI, indent=0, align=WD_ALIGN_PARAGRAPH.LEFT, page_break=True)
        self.para()
        self.para("口径说明", TITLE_FONT, TITLE_SIZE, 0, WD_ALIGN_PARAGRAPH.CENTER, line=36)
        self.para()
        for i, text in enumerate(texts, start=1):
            self.para(f"{i}. {text}")

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _run_xml(text: str, font: str, size: float) -> str:
    half_points = int(round(size * 2))
    fonts = " ".join(f'w:{a}="{escape(font)}"' for a in ("ascii", "hAnsi", "eastAsia", "cs"))
    return (f'<w:r><w:rPr><w:rFonts {fonts}/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(_INVALID_XML.sub("", text))}</w:t></w:r>')


def _row_xml(texts: list[str], twips: list[int], font: str, size: float, aligns: list[str],
             header: bool = False) -> str:
    """One table row: w:tblHeader on the header (repeated on every page), no row split across pages."""
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    cells = []
    for text, width, align in zip(texts, twips, aligns):
        paragraphs = "".join(
            f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            f'<w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="{align}"/></w:pPr>'
            f'{_run_xml(line, font, size)}</w:p>' for line in text.split("\n"))
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                     f'{paragraphs}</w:tc>')
    return f'<w:tr {nsdecls("w")}><w:trPr>{props}</w:trPr>{"".join(cells)}</w:tr>'


CELL_PADDING_MM = 5.0  # left and right cell margins (1.9 mm each) and borders, with a little slack
SHORT_CHARS = 6  # a column whose longest text is at most this wide never wraps (dates, types, counts)
FLEX_BASE_CHARS = 10  # a longer column gets at least its usual text's width, at most this many characters


def fitted_widths(columns: list[str], cells: list[list[str]], size: float) -> list[float]:
    """Column widths (mm) over the type area. Short columns (dates, counts, types) as wide as their longest text,
    so they do not wrap; the others first get the width of their usual (80th percentile) text, up to
    FLEX_BASE_CHARS, then share what is left by how much longer their longest text is. Header texts may wrap."""
    char_mm = size * 0.3528

    def mm(chars: float) -> float:
        return chars * char_mm + CELL_PADDING_MM

    def width(text: str) -> float:  # digits and Latin are wider than half a character in the CJK fonts
        return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.6 for ch in text)

    longest, usual = [], []
    for i, name in enumerate(columns):
        sizes = sorted(width(line) for row in cells for line in row[i].split("\n")) or [0.0]
        floor = 2.0  # headers may wrap (滞后/月数)
        longest.append(max(sizes[-1], floor))
        usual.append(max(sizes[int(0.8 * (len(sizes) - 1))], floor))
    if sum(mm(c) for c in longest) <= TEXT_WIDTH_MM:
        return [mm(c) for c in longest]
    short = [c <= SHORT_CHARS for c in longest]
    widths = [mm(c) if s else mm(min(max(u, 4.0), FLEX_BASE_CHARS)) for c, u, s in zip(longest, usual, short)]
    left = TEXT_WIDTH_MM - sum(widths)
    if left <= 0:  # the long columns give way (never below three characters); the short ones keep their width
        fixed = sum(w for w, s in zip(widths, short) if s)
        flexible = sum(w for w, s in zip(widths, short) if not s)
        factor = max(TEXT_WIDTH_MM - fixed, 0.0) / flexible if flexible else 1.0
        return [w if s else max(w * factor, mm(3)) for w, s in zip(widths, short)]
    extra = [0.0 if s else mm(c) - w for c, w, s in zip(longest, widths, short)]
    if sum(extra) > 0:
        widths = [w + left * e / sum(extra) for w, e in zip(widths, extra)]
    return widths


def column_align(numeric: bool, texts: list[str]) -> str:
    """Numbers right, short codes and figures (“104.9%\n达序时”) centred, names and reasons left."""
    if numeric:
        return "right"
    longest = max((text_width(line) for t in texts for line in t.split("\n")), default=0)
    return "left" if longest > 6 else "center"


def cell_text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def numbered(text: str, prefix: str) -> str:
    """The heading with its number, unless the section wrote one itself."""
    return text if _NUMBERED.match(text) else f"{prefix}{text}"


DEFINITIONS_TITLE = "口径说明"


def write(frame: Frame, sections: list[report.Section]) -> bytes:
    """The 通报: the frame around the sections' blocks, the 附件 of all sections, the 口径 as the last 附件."""
    attachments = sorted((a for s in sections for a in s.attachments), key=lambda a: a.rank)  # stable: section order
    definitions = list(dict.fromkeys(d for s in sections for d in s.definitions))
    listed = [*attachments, *([report.Attachment(DEFINITIONS_TITLE, pl.DataFrame())] if definitions else [])]
    numbers = {a.title: i for i, a in enumerate(listed, start=1)}
    w = Writer(frame)
    w.head()
    for number, section in enumerate(sections, start=1):
        w.heading(numbered(section.title, f"{chinese_number(number)}、"), 1)
        sub = 0
        for block in section.blocks:
            if isinstance(block, report.Heading) and block.level == 2:
                sub += 1
                block = report.Heading(numbered(block.text, f"（{chinese_number(sub)}）"), 2)
            w.block(block, numbers)
    w.signature(listed)
    for i, attachment in enumerate(attachments, start=1):
        w.attachment(i, attachment)
    if definitions:
        w.definitions(len(listed), definitions)
    return w.save()


__all__ = ["Frame", "date_words", "write"]
