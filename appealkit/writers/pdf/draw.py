"""Drawing primitives on a reportlab canvas: wrapped CJK text, truncation, footers, stamps."""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

PAGE_W, PAGE_H = A4
MARGIN = 48
CONTENT_W = PAGE_W - 2 * MARGIN
TOP = PAGE_H - MARGIN
BOTTOM = MARGIN + 18  # room for the footer
STAMP_RED = HexColor("#C00000")
GREY = HexColor("#666666")
LIGHT = HexColor("#DDDDDD")
BLUE = HexColor("#1F4E79")
_ENDORSE = Color(0.75, 0.1, 0.1, alpha=0.28)
_BREAKABLE_AFTER = set(",。;、:)》」!?,.;:)]!? ")


@dataclass
class Pen:
    """A font and the widths it measures, cached because the timeline asks millions of times."""

    font: str
    _widths: dict = field(default_factory=dict)
    _fits: dict = field(default_factory=dict)

    def width(self, text: str, size: float) -> float:
        key = (text, size)
        w = self._widths.get(key)
        if w is None:
            w = stringWidth(text, self.font, size)
            if len(self._widths) < 100_000:
                self._widths[key] = w
        return w

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Lines of at most `width` points; CJK breaks anywhere, Latin words stay whole when they can."""
        lines: list[str] = []
        for para in text.split("\n"):
            line, line_w = "", 0.0
            for ch in para:
                cw = self.width(ch, size)
                if line and line_w + cw > width:
                    cut = _latin_break(line)
                    lines.append(line[:cut])
                    line = line[cut:]
                    line_w = self.width(line, size)
                line += ch
                line_w += cw
            lines.append(line)
        return lines

    def fit(self, text: str, width: float, size: float) -> str:
        """`text` cut with … to fit `width`."""
        key = (text, width, size)
        hit = self._fits.get(key)
        if hit is not None:
            return hit
        out = text
        if self.width(text, size) > width:
            out = text
            while out and self.width(out + "…", size) > width:
                out = out[:-1]
            out += "…"
        if len(self._fits) < 100_000:
            self._fits[key] = out
        return out


def _latin_break(line: str) -> int:
    """Where to break so a Latin word or number is not split, if a space is near."""
    if not line or not line[-1].isascii() or not line[-1].isalnum():
        return len(line)
    for i in range(len(line) - 1, max(len(line) - 20, 0), -1):
        if line[i] in _BREAKABLE_AFTER or not line[i].isascii():
            return i + 1
    return len(line)


def footer(c, pen: Pen, page_no: int, total: int, stamp: str = "", page_w: float = PAGE_W,
           boxed: bool = False) -> None:
    text = f"第 {page_no} 页 / 共 {total} 页"
    size = 9
    w = pen.width(text, size)
    x = (page_w - w) / 2
    if boxed:  # on a user's PDF page: a white box keeps it readable over their content
        c.setFillColor(white)
        c.rect(x - 4, 14, w + 8, 14, stroke=0, fill=1)
    c.setFillColor(GREY)
    c.setFont(pen.font, size)
    c.drawString(x, 18, text)
    if stamp:
        sw = pen.width(stamp, 10)
        if boxed:
            c.setFillColor(white)
            c.rect(page_w - MARGIN - sw - 4, 14, sw + 8, 16, stroke=0, fill=1)
        c.setFillColor(STAMP_RED)
        c.setFont(pen.font, 10)
        c.drawString(page_w - MARGIN - sw, 18, stamp)
    c.setFillColorRGB(0, 0, 0)


def endorsement(c, pen: Pen, text: str, x: float, y: float, w: float, h: float) -> None:
    """A translucent diagonal line of text across an identity document, repeated, never opaque."""
    size = max(10.0, min(22.0, w / 18))
    c.saveState()
    c.setFillColor(_ENDORSE)
    c.setFont(pen.font, size)
    c.translate(x + w / 2, y + h / 2)
    c.rotate(30)
    tw = pen.width(text, size)
    for dy in (-h / 4, 0, h / 4):
        c.drawString(-tw / 2, dy, text)
    c.restoreState()


def heading(c, pen: Pen, text: str, y: float, size: float = 16) -> float:
    c.setFont(pen.font, size)
    c.setFillColor(BLUE)
    c.drawString(MARGIN, y, text)
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColor(LIGHT)
    c.line(MARGIN, y - 6, PAGE_W - MARGIN, y - 6)
    return y - size - 14
