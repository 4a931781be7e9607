"""Exhibits prepared for the bundle: numbered, measured, images encoded once.

Everything that can fail on a user's file fails here, before pages are numbered, so a
bad file is reported and left out without disturbing the page plan.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4

from appealkit.classify import DOC_TYPE_NAMES
from appealkit.errors import InputFileError
from appealkit.images import encode_jpeg, load_upright
from appealkit.model import Document, Skipped
from appealkit.pdfs import open_pdf
from appealkit.readers._tables import table_rows

MAX_TABLE_ROWS = 2000
MAX_TABLE_COLS = 8
TABLE_ROWS_PER_PAGE = 40
_ORDER = {t: i for i, t in enumerate(DOC_TYPE_NAMES)}


@dataclass(frozen=True)
class ImageSetting:
    dpi: int = 200
    quality: int = 85

    def max_side(self, box_w: float, box_h: float) -> int:
        return int(max(box_w, box_h) / 72 * self.dpi)


@dataclass
class Exhibit:
    doc: Document
    pages: int
    pdf: object = None  # pypdf reader for PDF exhibits
    page_sizes: list[tuple[float, float]] = field(default_factory=list)
    jpeg: bytes = b""
    pixel_size: tuple[int, int] = (0, 0)
    rows: list[list[str]] = field(default_factory=list)
    rows_total: int = 0


def exhibit_order(doc: Document) -> tuple:
    return (_ORDER.get(doc.doc_type, len(_ORDER)), doc.doc_date, doc.rel)


def prepare(documents: list[Document], setting: ImageSetting, image_box: tuple[float, float]
            ) -> tuple[list[Exhibit], list[Skipped]]:
    exhibits: list[Exhibit] = []
    skipped: list[Skipped] = []
    for doc in sorted(documents, key=exhibit_order):
        try:
            ex = _prepare_one(doc, setting, image_box)
        except InputFileError as e:
            skipped.append(Skipped(doc.rel, e.message, e.hint))
            continue
        exhibits.append(ex)
    for n, ex in enumerate(exhibits, start=1):
        ex.doc.exhibit_no = n
        ex.doc.pages = ex.pages
    return exhibits, skipped


def _prepare_one(doc: Document, setting: ImageSetting, image_box: tuple[float, float]) -> Exhibit:
    if doc.media == "pdf":
        reader = doc.extra.get("pdf") or open_pdf(doc.path)
        sizes = [_upright_size(p) for p in _pages(reader)]
        return Exhibit(doc, len(sizes), pdf=reader, page_sizes=sizes)
    if doc.media == "image":
        ex = Exhibit(doc, 1)
        reencode(ex, setting, image_box)
        return ex
    rows, total = _table_rows(doc.path)
    pages = max(1, -(-len(rows) // TABLE_ROWS_PER_PAGE))
    return Exhibit(doc, pages, rows=rows, rows_total=total)


def _passthrough(path: Path, max_side: int) -> tuple[int, int] | None:
    """A plain JPEG already small enough, upright and without metadata goes in as it is."""
    try:
        with Image.open(path) as im:
            clean = (im.format == "JPEG" and im.mode in ("RGB", "L") and max(im.size) <= max_side
                     and not im.getexif() and not any(k in im.info for k in ("exif", "xmp", "comment")))
            return im.size if clean else None
    except Exception:
        return None


def reencode(ex: Exhibit, setting: ImageSetting, image_box: tuple[float, float]) -> None:
    max_side = setting.max_side(*image_box)
    if setting.quality >= 85 and (size := _passthrough(ex.doc.path, max_side)) is not None:
        ex.jpeg, ex.pixel_size = ex.doc.path.read_bytes(), size
        return
    im = load_upright(ex.doc.path)
    try:
        ex.jpeg = encode_jpeg(im, max_side, setting.quality)
        ex.pixel_size = im.size
    finally:
        im.close()


def _pages(reader) -> list:
    try:
        return list(reader.pages)
    except Exception as e:  # pypdf raises a variety of errors on a broken page tree
        raise InputFileError(f"PDF 页面结构损坏({type(e).__name__})", "请用阅读器打开后另存为新的 PDF") from e


def _upright_size(page) -> tuple[float, float]:
    try:
        box = page.cropbox
        w, h = float(box.width), float(box.height)
        rotation = int(page.get("/Rotate", 0) or 0) % 360
    except Exception as e:
        raise InputFileError(f"PDF 页面尺寸无法读取({type(e).__name__})", "请另存为新的 PDF") from e
    if not (10 < w < 15000 and 10 < h < 15000):
        w, h = A4
    return (h, w) if rotation in (90, 270) else (w, h)


def _table_rows(path: Path) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    total = 0
    for row in table_rows(path):
        cells = ["" if v is None else str(v) for v in row[:MAX_TABLE_COLS]]
        if not any(c.strip() for c in cells):
            continue
        total += 1
        if len(rows) < MAX_TABLE_ROWS:
            rows.append(cells)
    if not rows:
        raise InputFileError("表格为空")
    return rows, total
