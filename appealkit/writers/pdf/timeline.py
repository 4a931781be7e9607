"""Timeline pages, drawn straight on the canvas (platypus tables are ~10x slower and
grow worse than linearly); pagination is computed first so page numbers are known."""
from __future__ import annotations

from datetime import date

from appealkit.model import Call
from appealkit.present import yes_no
from appealkit.timeparse import format_duration
from appealkit.writers.pdf.draw import BOTTOM, CONTENT_W, GREY, LIGHT, MARGIN, TOP, Pen, heading

ROW_H = 13.0
FONT_SIZE = 8.5
_TITLE_SPACE = 44
ROWS_PER_PAGE = int((TOP - _TITLE_SPACE - BOTTOM) // ROW_H) - 1  # minus the column header
_WEEKDAYS = "一二三四五六日"

Line = tuple  # ("day", date, continued) or ("call", Call)


def columns(multi_own: bool) -> list[tuple[str, float]]:
    cols = [("时间", 52), ("方向", 30), ("接通", 28), ("对方号码", 86), ("联系人", 78), ("关系", 150), ("时长", 60)]
    if multi_own:
        cols.insert(1, ("本机号码", 80))
        cols[6] = ("关系", 70)
    scale = CONTENT_W / sum(w for _, w in cols)
    return [(name, w * scale) for name, w in cols]


def paginate(calls: list[Call], rows_per_page: int = ROWS_PER_PAGE) -> list[list[Line]]:
    """Pages of lines; each page opens with its day's header, a day header never ends a page."""
    pages: list[list[Line]] = []
    page: list[Line] = []
    current: date | None = None
    for call in calls:
        day = call.start.date()
        if not page:
            page.append(("day", day, day == current))
        elif day != current:
            if len(page) + 2 > rows_per_page:
                pages.append(page)
                page = [("day", day, False)]
            else:
                page.append(("day", day, False))
        current = day
        page.append(("call", call))
        if len(page) >= rows_per_page:
            pages.append(page)
            page = []
    if page:
        pages.append(page)
    return pages


class TimelineDrawer:
    """Draws timeline pages; all per-row strings come from small caches."""

    def __init__(self, pen: Pen, number, relation_of, multi_own: bool, day_counts: dict[date, int]) -> None:
        self.pen = pen
        self.number = number
        self.relation_of = relation_of
        self.multi_own = multi_own
        self.cols = columns(multi_own)
        self.day_counts = day_counts
        self._durations: dict[int, str] = {}

    def draw_page(self, c, lines: list[Line], first_page: bool) -> None:
        pen = self.pen
        y = heading(c, pen, "通话时间线" + ("" if first_page else "(续)"), TOP - 10)
        c.setFont(pen.font, FONT_SIZE)
        c.setFillColor(GREY)
        x = MARGIN
        xs = []
        for name, w in self.cols:
            c.drawString(x + 2, y, name)
            xs.append((x + 2, w - 4))
            x += w
        c.setFillColorRGB(0, 0, 0)
        y -= ROW_H
        fit, font, size = pen.fit, pen.font, FONT_SIZE
        draw = c.drawString
        for line in lines:
            if line[0] == "day":
                self._day_line(c, line[1], line[2], y)
                c.setFont(font, size)
            else:
                for (cx, cw), text in zip(xs, self._cells(line[1])):
                    if text:
                        draw(cx, y, fit(text, cw, size))
            y -= ROW_H

    def _day_line(self, c, day: date, continued: bool, y: float) -> None:
        c.setFillColor(LIGHT)
        c.rect(MARGIN, y - 3, CONTENT_W, ROW_H, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(self.pen.font, FONT_SIZE + 0.5)
        label = f"{day:%Y年%m月%d日} 星期{_WEEKDAYS[day.weekday()]}  共 {self.day_counts.get(day, 0)} 次通话"
        c.drawString(MARGIN + 4, y, label + ("(续)" if continued else ""))

    def _cells(self, call: Call) -> list[str]:
        rel = self.relation_of(call.other)
        dur = self._durations.get(call.duration)
        if dur is None:
            dur = self._durations[call.duration] = format_duration(call.duration)
        cells = [f"{call.start:%H:%M:%S}", call.direction, yes_no(call.answered), self.number(call.other),
                 rel.name or call.name, rel.label, dur]
        if self.multi_own:
            cells.insert(1, self.number(call.own) if call.own else "")
        return cells


