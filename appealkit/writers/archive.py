"""Renamed copies of every proof, `{short_name}_{证件类型}_{YYYYMMDD}.ext`, for cloud archiving.

Copies are byte-for-byte except images, whose EXIF (GPS, device) is stripped because
they leave the machine; the manifest records both the source's and the copy's hash.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from appealkit.images import header_exif, load_upright
from appealkit.model import Document
from appealkit.outputs import Staging, safe_name, unique

ARCHIVE_DIR = "归档"
_KEEP_IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def archive_name(short_name: str, doc: Document, taken: set[str]) -> str:
    ext = doc.path.suffix.lower() if doc.media != "image" else _image_ext(doc.path)
    if doc.media == "pdf":
        ext = ".pdf"
    base = safe_name(f"{short_name}_{doc.doc_type}_{doc.doc_date:%Y%m%d}{ext}")
    return unique(base, taken)


def _image_ext(path: Path) -> str:
    try:
        with Image.open(path) as im:
            return _KEEP_IMAGE_FORMATS.get(im.format or "", ".png")
    except Exception:
        return path.suffix.lower() or ".jpg"


def write_archive(documents: list[Document], short_name: str, staging: Staging) -> list[tuple[Document, str]]:
    taken: set[str] = set()
    written = []
    for doc in documents:
        name = archive_name(short_name, doc, taken)
        rel = f"{ARCHIVE_DIR}/{name}"
        target = staging.path(rel)
        if doc.media == "image":
            _copy_image_without_exif(doc.path, target)
        else:
            shutil.copyfile(doc.path, target)
        doc.archive_name = rel
        written.append((doc, rel))
    return written


_HARMLESS_INFO = {"dpi", "gamma", "transparency", "srgb", "aspect", "chromaticity", "interlace", "progression",
                  "progressive", "jfif", "jfif_version", "jfif_unit", "jfif_density", "adobe", "adobe_transform",
                  "loop", "duration", "background", "compression", "version", "icc_profile", "photometric_interpretation"}


def _has_metadata(src: Path) -> bool:
    """EXIF, XMP or text chunks that could carry GPS, device or names (read from the header only)."""
    try:
        with Image.open(src) as im:
            return bool(header_exif(im)) or any(k not in _HARMLESS_INFO for k in im.info)
    except Exception:
        return True  # when in doubt, re-encode


def _copy_image_without_exif(src: Path, target: Path) -> None:
    if target.suffix.lower() == src.suffix.lower() and not _has_metadata(src):
        shutil.copyfile(src, target)  # nothing to strip: keep the original bytes, lossless and fast
        return
    im = load_upright(src)
    try:
        suffix = target.suffix.lower()
        if suffix in (".jpg", ".jpeg"):
            (im if im.mode == "RGB" else im.convert("RGB")).save(target, "JPEG", quality=92)
        elif suffix == ".webp":
            im.save(target, "WEBP", quality=92)
        else:
            im.save(target, "PNG")
    finally:
        im.close()
