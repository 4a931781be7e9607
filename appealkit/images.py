"""Images from untrusted files: bounded before decoding, upright, stripped of EXIF.

Pillow reads only the header on open; the pixel count is checked before any decode,
so a PNG that declares 40000x40000 is refused without allocating it.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from appealkit.errors import InputFileError

MAX_PIXELS = 100_000_000  # far more than a page at 300 dpi could ever need
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own guard, as a second line
_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003
_DATETIME = 0x0132


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int
    taken: datetime | None


def looks_like_image(head: bytes) -> bool:
    return head.startswith(_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _open(path: Path) -> Image.Image:
    """Image.open with Pillow's own bomb guard turned into our message."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on odd EXIF; the image itself may be fine
            return Image.open(path)
    except Image.DecompressionBombError as e:
        raise InputFileError("图片尺寸异常(超过 1 亿像素上限),拒绝解码", "请缩小图片或重新拍摄后放入") from e


def image_info(path: Path, head: bytes) -> ImageInfo | None:
    """Header facts of an image file; None if it is not one; InputFileError if it is broken."""
    if not looks_like_image(head):
        return None
    try:
        with _open(path) as im:
            w, h = im.size
            check_pixels(w, h)
            return ImageInfo(im.format or "", w, h, _taken(im))
    except InputFileError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
        raise InputFileError("图片已损坏或格式无法识别", "请重新导出或截图后放入") from e


def check_pixels(w: int, h: int) -> None:
    if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
        raise InputFileError(f"图片尺寸异常({w}×{h} 像素,超过 1 亿像素上限),拒绝解码",
                             "请缩小图片或重新拍摄后放入")


def header_exif(im: Image.Image) -> Image.Exif | None:
    """EXIF without decoding pixels: for PNG, Pillow's getexif() decodes the whole image to
    look for a trailing eXIf chunk, so only the chunk seen in the header counts there."""
    if im.format == "PNG":
        raw = im.info.get("exif")
        if not raw:
            return None
        exif = Image.Exif()
        exif.load(raw)
        return exif
    return im.getexif()


def _taken(im: Image.Image) -> datetime | None:
    try:
        warnings.simplefilter("ignore")
        exif = header_exif(im)
        if not exif:
            return None
        raw = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
        if isinstance(raw, bytes):
            raw = raw.decode("ascii", "ignore")
        return datetime.strptime(str(raw).strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S") if raw else None
    except Exception:  # a broken EXIF block must not cost the image: the date is optional
        return None


def load_upright(path: Path) -> Image.Image:
    """Decoded, EXIF-rotated image, with no metadata carried along."""
    try:
        with _open(path) as im, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            check_pixels(*im.size)
            im.load()
            try:
                upright = ImageOps.exif_transpose(im)
            except Exception:  # broken EXIF orientation: keep the pixels as stored
                upright = im.copy()
    except InputFileError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
        raise InputFileError("图片已损坏或不完整,无法解码", "请重新导出或截图后放入") from e
    upright.info.pop("exif", None)
    return upright


def encode_jpeg(im: Image.Image, max_side: int, quality: int) -> bytes:
    """Downscaled (never up), flattened onto white, baseline JPEG without EXIF or GPS."""
    if im.mode in ("RGBA", "LA", "P"):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        im = flat
    elif im.mode != "RGB":
        im = im.convert("RGB")
    if max(im.size) > max_side:
        im = im.copy()
        im.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, optimize=True)
    return buf.getvalue()
