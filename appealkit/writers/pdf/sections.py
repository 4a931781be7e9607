"""Pages appealkit writes itself: cover, index, checklist, letter, summary, lists, exhibits."""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader

from appealkit.classify import IDENTITY_TYPES
from appealkit.evidence import Evidence
from appealkit.timeparse import format_duration
from appealkit.writers.pdf.draw import (BLUE, BOTTOM, CONTENT_W, GREY, LIGHT, MARGIN, PAGE_H, PAGE_W, STAMP_RED, TOP,
                                        Pen, endorsement, heading)
from appealkit.writers.pdf.exhibits import TABLE_ROWS_PER_PAGE, Exhibit

INDEX_ROWS_PER_PAGE = 32
INDEX_ROW_H = 20
BODY_SIZE = 11.5
BODY_LEADING = 19
LIST_ROW_H = 15
LIST_ROWS_PER_PAGE = int((TOP - 50 - BOTTOM) // LIST_ROW_H)
LABEL_SPACE = 26
IMAGE_BOX = (CONTENT_W, TOP - LABEL_SPACE - BOTTOM)
_OK = HexColor("#2E7D32")


@dataclass
class IndexEntry:
    title: str
    first: int  # 0-based page index
    last: int
    level: int = 0


def draw_cover(c, pen: Pen, ev: Evidence, total_pages: int, platform_names: str) -> None:
    case = ev.case
    c.setFont(pen.font, 26)
    c.setFillColor(BLUE)
    title = "号码误标申诉材料"
    c.drawString((PAGE_W - pen.width(title, 26)) / 2, PAGE_H - 170, title)
    c.setFillColorRGB(0, 0, 0)
    a = case.applicant
    rows = [
        ("申诉主体", case.company),
        ("统一社会信用代码", case.credit_code or "(个人,无)"),
        ("申诉号码", "、".join(ev.number(n) for n in case.numbers)),
        ("申诉平台", platform_names),
        ("错误标记", case.mark),
        ("申诉类型", case.appeal_type),
        ("申请人 / 联系方式", " ".join(x for x in (a.name, a.role and f"({a.role})", a.phone) if x) or "(未填写)"),
        ("申诉日期", f"{case.appeal_date:%Y年%m月%d日}"),
        ("材料页数", f"共 {total_pages} 页,附件 {len(ev.documents)} 份"),
    ]
    y = PAGE_H - 260
    for label, value in rows:
        c.setFont(pen.font, 12)
        c.setFillColor(GREY)
        c.drawString(MARGIN + 40, y, label)
        c.setFillColorRGB(0, 0, 0)
        lines = pen.wrap(value, CONTENT_W - 200, 13)
        for i, line in enumerate(lines[:3]):
            c.setFont(pen.font, 13)
            c.drawString(MARGIN + 180, y - i * 18, line)
        c.setStrokeColor(LIGHT)
        last_baseline = y - 18 * (max(1, min(len(lines), 3)) - 1)
        c.line(MARGIN + 40, last_baseline - 9, PAGE_W - MARGIN - 40, last_baseline - 9)
        y = last_baseline - 30


def index_pages(n_entries: int) -> int:
    return max(1, -(-n_entries // INDEX_ROWS_PER_PAGE))


def draw_index(c, pen: Pen, entries: list[IndexEntry], page_in_part: int, links: list, page_index: int) -> None:
    """One page of the index; each row's link rectangle is recorded as the row is drawn."""
    y = heading(c, pen, "目  录" if page_in_part == 0 else "目  录(续)", TOP - 10)
    rows = entries[page_in_part * INDEX_ROWS_PER_PAGE:(page_in_part + 1) * INDEX_ROWS_PER_PAGE]
    for e in rows:
        indent = 18 * e.level
        size = 11.5
        pages = f"第 {e.first + 1} 页" if e.first == e.last else f"第 {e.first + 1}-{e.last + 1} 页"
        title = pen.fit(e.title, CONTENT_W - indent - 90, size)
        c.setFont(pen.font, size)
        c.setFillColor(BLUE)
        c.drawString(MARGIN + indent, y, title)
        c.setFillColorRGB(0, 0, 0)
        pw = pen.width(pages, size)
        c.drawString(PAGE_W - MARGIN - pw, y, pages)
        tw = pen.width(title, size)
        c.setDash(1, 2)
        c.setStrokeColor(GREY)
        c.line(MARGIN + indent + tw + 6, y + 2, PAGE_W - MARGIN - pw - 6, y + 2)
        c.setDash()
        links.append((page_index, (MARGIN, y - 5, PAGE_W - MARGIN, y + size + 2), e.first))
        y -= INDEX_ROW_H


def checklist_pages(items: list) -> int:
    return max(1, -(-len(items) // (LIST_ROWS_PER_PAGE // 2))) if items else 0


def draw_checklist(c, pen: Pen, items: list, page_in_part: int) -> None:
    y = heading(c, pen, "材料清单(提交前自查)", TOP - 10)
    per = LIST_ROWS_PER_PAGE // 2
    for item in items[page_in_part * per:(page_in_part + 1) * per]:
        # plain words: CJK fonts often lack ✔ ✘ glyphs, which would print as blanks
        mark, color = ("已具备", _OK) if item.found else (("缺少", STAMP_RED) if item.required else ("建议补充", GREY))
        c.setFont(pen.font, 10.5)
        c.setFillColor(color)
        c.drawString(MARGIN, y, mark)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(MARGIN + 70, y, pen.fit(item.name + ("(必需)" if item.required else "(建议)"), 150, 10.5))
        c.setFont(pen.font, 9)
        c.setFillColor(GREY)
        c.drawString(MARGIN + 225, y, pen.fit(item.detail, CONTENT_W - 225, 9))
        c.setFillColorRGB(0, 0, 0)
        y -= 2 * LIST_ROW_H


def letter_lines(pen: Pen, paragraphs: list[str]) -> list[str]:
    lines: list[str] = []
    for para in paragraphs:
        for i, raw in enumerate(para.split("\n")):
            indent = "" if (raw.startswith(("致", "关于", "申诉", "日期")) or raw[:1].isdigit() or i) else "\u3000\u3000"
            lines += pen.wrap(indent + raw, CONTENT_W, BODY_SIZE)
        lines.append("")
    return lines


LETTER_LINES_PER_PAGE = int((TOP - 40 - BOTTOM) // BODY_LEADING)
SEAL_LINES = 2  # the seal sits over the signature block; it needs only a little room below it


def letter_pages(lines: list[str]) -> int:
    while lines and not lines[-1]:
        lines = lines[:-1]
    return max(1, -(-(len(lines) + SEAL_LINES) // LETTER_LINES_PER_PAGE))


def draw_letter(c, pen: Pen, lines: list[str], page_in_part: int, pages: int, seal, company: bool) -> None:
    per = LETTER_LINES_PER_PAGE
    y = heading(c, pen, "申诉函" if page_in_part == 0 else "申诉函(续)", TOP - 10)
    chunk = lines[page_in_part * per:(page_in_part + 1) * per]
    signature_y = None
    for line in chunk:
        if line.startswith("关于号码"):
            c.setFont(pen.font, 13)
            c.drawString((PAGE_W - pen.width(line, 13)) / 2, y, line)
        else:
            c.setFont(pen.font, BODY_SIZE)
            c.drawString(MARGIN, y, line)
        if line.startswith(("申诉单位", "申诉人")):
            signature_y = y
        y -= BODY_LEADING
    if page_in_part == pages - 1:
        _seal_place(c, pen, seal, signature_y if signature_y is not None else y + BODY_LEADING, company)


def _seal_place(c, pen: Pen, seal, signature_y: float, company: bool) -> None:
    """The seal over the signature line, as a company stamps a letter; else a marked place for it."""
    x, size = MARGIN + 150, 110
    y0 = min(max(BOTTOM + 4, signature_y - size / 2 - BODY_LEADING / 2), TOP - 40 - size)
    if seal is not None:
        c.drawImage(seal, x, y0, size, size, mask="auto", preserveAspectRatio=True, anchor="c")
        return
    c.setStrokeColor(STAMP_RED)
    c.setDash(3, 3)
    c.circle(x + size / 2, y0 + size / 2, size / 2 - 4)
    c.setDash()
    label = "(此处加盖公章)" if company else "(此处签名)"
    c.setFont(pen.font, 10)
    c.setFillColor(STAMP_RED)
    c.drawString(x + (size - pen.width(label, 10)) / 2, y0 + size / 2 - 4, label)
    c.setFillColorRGB(0, 0, 0)


SUMMARY_PAGES = 2


def draw_summary(c, pen: Pen, ev: Evidence, page_in_part: int, window: str) -> None:
    s = ev.stats
    if page_in_part == 0:
        y = heading(c, pen, "通话统计摘要", TOP - 10)
        c.setFont(pen.font, 10)
        c.setFillColor(GREY)
        c.drawString(MARGIN, y, f"统计窗口:{window}(北京时间);数据来源:{len(ev.sources)} 个通话记录文件")
        c.setFillColorRGB(0, 0, 0)
        y -= 22
        for f in s.figures:
            c.setFont(pen.font, 10)
            c.drawString(MARGIN, y, pen.fit(f.label, 120, 10))
            c.drawString(MARGIN + 125, y, pen.fit(f.value, 90, 10))
            c.setFillColor(STAMP_RED if f.flag else _OK)
            c.drawString(MARGIN + 220, y, pen.fit(("【注意】" if f.flag else "") + f.verdict, CONTENT_W - 220, 9.5))
            c.setFillColorRGB(0, 0, 0)
            y -= 17
        y -= 16
        values = [d.total for d in s.days]
        labels = [f"{d.day:%m-%d}" for d in s.days]
        _bar_chart(c, pen, "每日通话量", values, labels, MARGIN, BOTTOM + 20, CONTENT_W, max(120, y - BOTTOM - 50))
        return
    y = heading(c, pen, "通话统计摘要(续)", TOP - 10)
    _bar_chart(c, pen, "各时段通话量(小时)", s.hours, [str(h) for h in range(24)], MARGIN, y - 200, CONTENT_W, 170)
    y -= 240
    c.setFont(pen.font, 12)
    c.drawString(MARGIN, y, "主要通话对象")
    y -= 18
    heads = (("对方号码", 0), ("联系人", 95), ("关系", 185), ("呼出/呼入", 330), ("总时长", 410))
    c.setFont(pen.font, 9.5)
    c.setFillColor(GREY)
    for name, dx in heads:
        c.drawString(MARGIN + dx, y, name)
    c.setFillColorRGB(0, 0, 0)
    y -= 15
    for p in [p for p in s.parties][:int((y - BOTTOM) // 15)]:
        cells = (ev.number(p.number), p.relation.name, p.relation.label, f"{p.outgoing}/{p.incoming}",
                 format_duration(p.seconds))
        for (name, dx), text, width in zip(heads, cells, (92, 88, 142, 78, 90)):
            c.drawString(MARGIN + dx, y, pen.fit(text, width, 9.5))
        y -= 15


def _bar_chart(c, pen: Pen, title: str, values: list[int], labels: list[str], x: float, y: float, w: float,
               h: float) -> None:
    c.setFont(pen.font, 11)
    c.drawString(x, y + h + 8, title)
    top = max(values) if values and max(values) > 0 else 1
    n = max(len(values), 1)
    bw = w / n
    c.setStrokeColor(LIGHT)
    c.line(x, y, x + w, y)
    step = max(1, n // 12)
    for i, v in enumerate(values):
        bh = (h - 20) * v / top
        c.setFillColor(BLUE)
        c.rect(x + i * bw + bw * 0.15, y, bw * 0.7, bh, stroke=0, fill=1)
        if i % step == 0:
            c.setFillColor(GREY)
            c.setFont(pen.font, 7)
            c.drawString(x + i * bw, y - 10, labels[i])
    c.setFillColor(GREY)
    c.setFont(pen.font, 7)
    c.drawString(x, y + h - 12, f"最大 {top}")
    c.setFillColorRGB(0, 0, 0)


OVERVIEW_PARTIES = 300  # a reviewer reads the top of the list; the workbook has every counterpart


def overview_lines(ev: Evidence) -> list[tuple[str, ...]]:
    """For a window with more calls than the PDF shows: by day, then by counterpart."""
    lines: list[tuple[str, ...]] = [("note", f"窗口内共 {len(ev.calls)} 次通话,超过 PDF 逐条列出的上限 "
                                             f"{ev.case.timeline_pdf_rows} 条;逐条记录见通话时间线工作簿(.xlsx)。"),
                                    ("head", "按日汇总", "呼出", "呼入", "接通", "总时长")]
    for d in ev.stats.days:
        lines.append(("row", f"{d.day:%Y-%m-%d}", str(d.outgoing), str(d.incoming), str(d.answered),
                      format_duration(d.seconds)))
    parties = ev.stats.parties
    shown = parties[:OVERVIEW_PARTIES]
    title = "按通话对象汇总" + (f"(通话最多的 {len(shown)} 个,共 {len(parties)} 个)" if len(parties) > len(shown) else "")
    lines.append(("head", title, "呼出", "呼入", "关系", "总时长"))
    for p in shown:
        lines.append(("row", ev.number(p.number), str(p.outgoing), str(p.incoming), p.relation.label,
                      format_duration(p.seconds)))
    if len(parties) > len(shown):
        lines.append(("note", f"其余 {len(parties) - len(shown)} 个通话对象见通话时间线工作簿的「联系人关系」表。"))
    return lines


def list_pages(n_lines: int) -> int:
    return max(1, -(-n_lines // LIST_ROWS_PER_PAGE))


def draw_overview(c, pen: Pen, lines: list[tuple[str, ...]], page_in_part: int) -> None:
    y = heading(c, pen, "通话时间线(汇总)", TOP - 10)
    xs = (0, 170, 230, 290, 400)
    for line in lines[page_in_part * LIST_ROWS_PER_PAGE:(page_in_part + 1) * LIST_ROWS_PER_PAGE]:
        if line[0] == "note":
            c.setFont(pen.font, 9.5)
            c.drawString(MARGIN, y, pen.fit(line[1], CONTENT_W, 9.5))
        else:
            c.setFont(pen.font, 9.5)
            c.setFillColor(BLUE if line[0] == "head" else HexColor("#000000"))
            for dx, text in zip(xs, line[1:]):
                c.drawString(MARGIN + dx, y, pen.fit(text, 160 if dx == 0 else 100, 9.5))
            c.setFillColorRGB(0, 0, 0)
        y -= LIST_ROW_H


def skipped_lines(pen: Pen, skipped: list) -> list[str]:
    lines = ["以下材料未能纳入本证据包,请按提示处理后重新生成:", ""]
    for s in skipped:
        lines += pen.wrap(f"• {s.describe()}", CONTENT_W, 10)
    return lines


def draw_text_list(c, pen: Pen, title: str, lines: list[str], page_in_part: int) -> None:
    y = heading(c, pen, title if page_in_part == 0 else f"{title}(续)", TOP - 10)
    c.setFont(pen.font, 10)
    for line in lines[page_in_part * LIST_ROWS_PER_PAGE:(page_in_part + 1) * LIST_ROWS_PER_PAGE]:
        c.drawString(MARGIN, y, line)
        y -= LIST_ROW_H


def exhibit_label(ex: Exhibit) -> str:
    d = ex.doc
    return f"附件{d.exhibit_no} {d.doc_type} {d.doc_date:%Y-%m-%d}({d.path.name})"


def draw_exhibit_label(c, pen: Pen, ex: Exhibit, page_w: float, page_h: float, boxed: bool) -> None:
    text = pen.fit(exhibit_label(ex), page_w - 2 * 24, 10)
    y = page_h - 20
    if boxed:
        c.setFillColorRGB(1, 1, 1)
        c.rect(20, y - 4, pen.width(text, 10) + 8, 15, stroke=0, fill=1)
    c.setFillColor(STAMP_RED)
    c.setFont(pen.font, 10)
    c.drawString(24, y, text)
    c.setFillColorRGB(0, 0, 0)


def draw_image_exhibit(c, pen: Pen, ex: Exhibit, endorse: str) -> None:
    draw_exhibit_label(c, pen, ex, PAGE_W, PAGE_H, boxed=False)
    box_w, box_h = IMAGE_BOX
    pw, ph = ex.pixel_size
    scale = min(box_w / pw, box_h / ph)
    w, h = pw * scale, ph * scale
    x = MARGIN + (box_w - w) / 2
    y = BOTTOM + (box_h - h)
    c.drawImage(ImageReader(io.BytesIO(ex.jpeg)), x, y, w, h)
    if endorse and ex.doc.doc_type in IDENTITY_TYPES:
        endorsement(c, pen, endorse, x, y, w, h)


def draw_pdf_overlay(c, pen: Pen, ex: Exhibit, page_no_in_ex: int, endorse: str) -> None:
    """What goes over a user's PDF page: label on its first page, endorsement on ID pages."""
    w, h = ex.page_sizes[page_no_in_ex]
    if page_no_in_ex == 0:
        draw_exhibit_label(c, pen, ex, w, h, boxed=True)
    if endorse and ex.doc.doc_type in IDENTITY_TYPES:
        endorsement(c, pen, endorse, 0, 0, w, h)


def draw_table_exhibit(c, pen: Pen, ex: Exhibit, page_in_ex: int) -> None:
    if page_in_ex == 0:
        draw_exhibit_label(c, pen, ex, PAGE_W, PAGE_H, boxed=False)
    y = TOP - 30
    rows = ex.rows[page_in_ex * TABLE_ROWS_PER_PAGE:(page_in_ex + 1) * TABLE_ROWS_PER_PAGE]
    ncols = max(len(r) for r in ex.rows)
    colw = CONTENT_W / max(ncols, 1)
    c.setFont(pen.font, 8.5)
    for r in rows:
        for i, text in enumerate(r):
            c.drawString(MARGIN + i * colw + 2, y, pen.fit(text, colw - 4, 8.5))
        c.setStrokeColor(LIGHT)
        c.line(MARGIN, y - 4, MARGIN + CONTENT_W, y - 4)
        y -= 16
    if page_in_ex == ex.pages - 1 and ex.rows_total > len(ex.rows):
        c.setFillColor(GREY)
        c.drawString(MARGIN, y - 6, f"(共 {ex.rows_total} 行,此处列出前 {len(ex.rows)} 行;完整内容见归档副本)")
        c.setFillColorRGB(0, 0, 0)
