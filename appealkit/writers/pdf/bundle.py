"""Plan, draw and assemble the evidence bundle.

1. Plan: every part's page count is known before anything is drawn (exhibits were
   measured, our own pages are laid out), so the footer can say 第 X 页 / 共 Y 页 and
   the index can give page ranges.
2. Draw: one reportlab canvas draws our pages, and for each page of a user's PDF an
   overlay of the same size (label, stamp, footer, endorsement). Index links are
   recorded as the index rows are drawn.
3. Assemble: pypdf lays each overlay over its original page, adds the outline, the
   links and page labels, and writes the file. Output is deterministic.
"""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.constants import PageLabelStyle
from pypdf.generic import Fit
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from appealkit.calls import window_label
from appealkit.errors import OutputError
from appealkit.evidence import Evidence
from appealkit.images import load_upright
from appealkit.letter import render_letter
from appealkit.model import Skipped
from appealkit.profiles import names
from appealkit.writers.pdf import sections as S
from appealkit.writers.pdf.draw import PAGE_H, PAGE_W, Pen, footer
from appealkit.writers.pdf.exhibits import Exhibit, ImageSetting, prepare, reencode
from appealkit.writers.pdf.fonts import choose_font
from appealkit.writers.pdf.timeline import TimelineDrawer, paginate

# Steps tried, in order, to make a bundle fit --max-size: lower resolution, then quality.
SIZE_STEPS = (ImageSetting(200, 85), ImageSetting(200, 70), ImageSetting(150, 65), ImageSetting(120, 55),
              ImageSetting(96, 45), ImageSetting(72, 35))


@dataclass
class BundleOptions:
    platform_ids: list[str]
    max_bytes: int | None = None


@dataclass
class Part:
    key: str
    title: str
    pages: int
    first: int = 0
    exhibit: Exhibit | None = None

    @property
    def last(self) -> int:
        return self.first + self.pages - 1


@dataclass
class BundleResult:
    pages: int
    parts: list[Part]
    size: int
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    letter_template: str = ""
    font: str = ""
    image_setting: ImageSetting = SIZE_STEPS[0]


def endorsement_text(platform_ids: list[str]) -> str:
    return f"仅供{names(platform_ids)}号码申诉使用,他用无效"


def write_bundle(ev: Evidence, path: Path, options: BundleOptions, progress=None) -> BundleResult:
    font = choose_font(ev.case.font)
    pen = Pen(font.name)
    exhibits, skipped = prepare(ev.documents, SIZE_STEPS[0], S.IMAGE_BOX)
    ev.documents = [ex.doc for ex in exhibits]
    data, result = _render(ev, exhibits, skipped, pen, options)
    if options.max_bytes is not None and len(data) > options.max_bytes:
        data, result = _fit(ev, exhibits, skipped, pen, options, data, result, progress)
    if font.warning:
        result.warnings.append(font.warning)
    result.font = font.path or font.name
    if options.max_bytes is not None and result.size > options.max_bytes:
        result.warnings.append(_too_big(result.size, options.max_bytes, exhibits))
    try:
        path.write_bytes(data)
    except OSError as e:
        raise OutputError(f"无法写入 {path.name}:{e.strerror or e}") from e
    return result


def _images_bytes(exhibits: list[Exhibit]) -> int:
    return sum(len(ex.jpeg) for ex in exhibits if ex.jpeg)


def _fit(ev, exhibits, skipped, pen, options, data, result, progress):
    """Re-encode images step by step; render again only when the images alone say it may fit.

    Everything but the images is the same at every step, so its size is known from the
    first render: the timeline and the merged PDFs are not drawn again for steps that
    cannot fit.
    """
    fixed = len(data) - _images_bytes(exhibits)
    for step in SIZE_STEPS[1:]:
        if progress:
            progress("bundle-size", len(data))
        for ex in exhibits:
            if ex.jpeg:
                reencode(ex, step, S.IMAGE_BOX)
        if fixed + _images_bytes(exhibits) > options.max_bytes and step is not SIZE_STEPS[-1]:
            continue
        data, result = _render(ev, exhibits, skipped, pen, options)
        result.image_setting = step
        if len(data) <= options.max_bytes:
            break
    return data, result


def _too_big(size: int, limit: int, exhibits: list[Exhibit]) -> str:
    largest = sorted(exhibits, key=lambda ex: -_exhibit_bytes(ex))[:3]
    names = "、".join(f"附件{ex.doc.exhibit_no} {ex.doc.path.name}({_exhibit_bytes(ex) / 1e6:.1f} MB)" for ex in largest)
    return (f"证据包压缩后仍为 {size / 1e6:.1f} MB,超出上限 {limit / 1e6:.1f} MB 约 {(size - limit) / 1e6:.1f} MB;"
            f"最大的附件:{names}。可拆分或压缩这些 PDF 后重试")


def _exhibit_bytes(ex: Exhibit) -> int:
    return len(ex.jpeg) if ex.jpeg else ex.doc.path.stat().st_size


def _render(ev: Evidence, exhibits: list[Exhibit], skipped: list[Skipped], pen: Pen,
            options: BundleOptions) -> tuple[bytes, BundleResult]:
    case = ev.case
    template, paragraphs = render_letter(case, options.platform_ids, ev.stats, ev.documents)
    letter = S.letter_lines(pen, paragraphs)
    in_pdf = len(ev.calls) <= case.timeline_pdf_rows
    timeline_pages = paginate(ev.calls) if in_pdf else []
    overview = [] if in_pdf else S.overview_lines(ev)
    all_skipped = list(ev.skipped) + skipped
    skipped_text = S.skipped_lines(pen, all_skipped) if all_skipped else []

    parts = [Part("cover", "封面", 1), Part("index", "目录", 1)]
    if ev.checklist:
        parts.append(Part("checklist", "材料清单", S.checklist_pages(ev.checklist)))
    parts += [Part("letter", "申诉函", S.letter_pages(letter)), Part("summary", "通话统计摘要", S.SUMMARY_PAGES)]
    if in_pdf:
        parts.append(Part("timeline", "通话时间线", max(1, len(timeline_pages))))
    else:
        parts.append(Part("overview", "通话时间线(汇总)", S.list_pages(len(overview))))
    for ex in exhibits:
        parts.append(Part("exhibit", S.exhibit_label(ex), ex.pages, exhibit=ex))
    if skipped_text:
        parts.append(Part("skipped", "未能纳入的材料", S.list_pages(len(skipped_text))))
    n_entries = len(parts) + (1 if exhibits else 0)
    parts[1].pages = S.index_pages(n_entries)
    first = 0
    for part in parts:
        part.first, first = first, first + part.pages
    total = first
    entries = _index_entries(parts)

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    c.setTitle(f"{case.short_name} 号码误标申诉材料")
    c.setAuthor(case.company)
    c.setCreator("appealkit")
    links: list = []
    endorse = endorsement_text(options.platform_ids)
    platform_names = names(options.platform_ids)
    seal = _seal_image(ev)
    day_counts = Counter(call.start.date() for call in ev.calls) if in_pdf else {}
    drawer = TimelineDrawer(pen, ev.number, ev.relation, len(case.numbers) > 1, day_counts)
    window = window_label(case.window_start, case.window_end)
    for part in parts:
        for k in range(part.pages):
            page_index = part.first + k
            ex = part.exhibit
            size = ex.page_sizes[k] if ex is not None and ex.pdf is not None else (PAGE_W, PAGE_H)
            c.setPageSize(size)
            _draw_part_page(c, pen, ev, part, k, page_index, total, entries, links, letter, timeline_pages,
                            overview, skipped_text, drawer, seal, endorse, platform_names, window)
            stamp = f"{case.short_name}-附件{ex.doc.exhibit_no}-{k + 1}" if ex is not None else ""
            footer(c, pen, page_index + 1, total, stamp, page_w=size[0], boxed=ex is not None and ex.pdf is not None)
            c.showPage()
    c.save()
    warnings: list[str] = []
    data = _assemble(buf.getvalue(), parts, links, case, total, warnings)
    result = BundleResult(total, parts, len(data), skipped=skipped, letter_template=template, warnings=warnings)
    return data, result


def _draw_part_page(c, pen, ev, part, k, page_index, total, entries, links, letter, timeline_pages, overview,
                    skipped_text, drawer, seal, endorse, platform_names, window) -> None:
    key = part.key
    if key == "cover":
        S.draw_cover(c, pen, ev, total, platform_names)
    elif key == "index":
        S.draw_index(c, pen, entries, k, links, page_index)
    elif key == "checklist":
        S.draw_checklist(c, pen, ev.checklist, k)
    elif key == "letter":
        S.draw_letter(c, pen, letter, k, part.pages, seal, ev.case.is_company)
    elif key == "summary":
        S.draw_summary(c, pen, ev, k, window)
    elif key == "timeline":
        if timeline_pages:
            drawer.draw_page(c, timeline_pages[k], k == 0)
        else:
            S.draw_text_list(c, pen, "通话时间线", ["窗口内没有导入任何通话记录。"], 0)
    elif key == "overview":
        S.draw_overview(c, pen, overview, k)
    elif key == "skipped":
        S.draw_text_list(c, pen, "未能纳入的材料", skipped_text, k)
    elif key == "exhibit":
        ex = part.exhibit
        if ex.pdf is not None:
            S.draw_pdf_overlay(c, pen, ex, k, endorse)
        elif ex.jpeg:
            S.draw_image_exhibit(c, pen, ex, endorse)
        else:
            S.draw_table_exhibit(c, pen, ex, k)


def _index_entries(parts: list[Part]) -> list[S.IndexEntry]:
    entries = []
    exhibits = [p for p in parts if p.key == "exhibit"]
    for p in parts:
        if p.key == "exhibit" and p is exhibits[0]:
            entries.append(S.IndexEntry("附件", exhibits[0].first, exhibits[-1].last))
        entries.append(S.IndexEntry(p.title, p.first, p.last, level=1 if p.key == "exhibit" else 0))
    return entries


def _seal_image(ev: Evidence):
    seal_path = getattr(ev, "seal", None)
    if seal_path is None:
        return None
    try:
        im = load_upright(seal_path)
    except Exception:  # a broken seal image leaves the marked place, it does not stop the bundle
        return None
    im = im.convert("RGBA")
    im.thumbnail((600, 600))
    return ImageReader(im)


def _assemble(drawn: bytes, parts: list[Part], links: list, case, total: int, warnings: list[str]) -> bytes:
    ours = PdfReader(io.BytesIO(drawn))
    writer = PdfWriter()
    for part in parts:
        ex = part.exhibit
        for k in range(part.pages):
            overlay = ours.pages[part.first + k]
            if ex is not None and ex.pdf is not None:
                if not _merge_exhibit_page(writer, ex, k, overlay):
                    warnings.append(f"附件{ex.doc.exhibit_no}({ex.doc.rel})第 {k + 1} 页的内容无法叠加页码与编号,"
                                    "已原样收录该页;如需编号,请把该 PDF 打印为新的 PDF 后重试")
            else:
                writer.add_page(overlay)
    for page_index, rect, target in links:
        writer.add_annotation(page_index, Link(rect=rect, target_page_index=target, fit=Fit.fit()))
    _outline(writer, parts)
    writer.set_page_label(0, total - 1, PageLabelStyle.DECIMAL)
    stamp = f"D:{case.appeal_date:%Y%m%d}000000+08'00'"
    writer.add_metadata({"/Title": f"{case.short_name} 号码误标申诉材料", "/Author": case.company,
                         "/Creator": "appealkit", "/Producer": "appealkit", "/CreationDate": stamp,
                         "/ModDate": stamp})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _merge_exhibit_page(writer: PdfWriter, ex: Exhibit, k: int, overlay) -> bool:
    """The user's page with our overlay on top; False when only the page could be kept."""
    page = writer.add_page(ex.pdf.pages[k])
    try:
        page.transfer_rotation_to_content()
        box = page.cropbox
        page.merge_translated_page(overlay, float(box.left), float(box.bottom))
    except Exception:  # pypdf raises many kinds on odd content streams: keep the page, report it
        return False
    return True


def _outline(writer: PdfWriter, parts: list[Part]) -> None:
    exhibits_parent = None
    for p in parts:
        title = f"{p.title}(第 {p.first + 1} 页)"
        if p.key == "exhibit":
            if exhibits_parent is None:
                exhibits_parent = writer.add_outline_item(title=f"附件(第 {p.first + 1} 页)", page_number=p.first)
            writer.add_outline_item(title=title, page_number=p.first, parent=exhibits_parent)
        else:
            writer.add_outline_item(title=title, page_number=p.first)
