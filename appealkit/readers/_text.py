"""Text-encoding detection for files users export from Chinese carriers and phones.

Never guesses silently: a BOM decides; otherwise strict UTF-8 must hold for the sample,
else charset-normalizer must name a Chinese or Unicode encoding. Anything else is
reported, and a decode error later in the file is reported with the file, not hidden.
"""
from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer

from appealkit.errors import InputFileError

SAMPLE_BYTES = 256 * 1024
CJK_CHECK_CHARS = 32 * 1024  # enough text to judge; a character loop over the whole sample costs 40 ms
_ACCEPTED = {"utf_8", "gb18030", "gbk", "gb2312", "big5", "utf_16", "utf_16_le", "utf_16_be", "hz", "ascii"}
_HINT = "请在 Excel 或记事本中另存为 UTF-8 编码的 CSV 后重新放入"


def detect_encoding(path: Path, sample: bytes | None = None) -> str:
    if sample is None:
        with path.open("rb") as f:
            sample = f.read(SAMPLE_BYTES)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _looks_utf16(sample):
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    if _strict_ok(sample, "utf-8"):
        return "utf-8"
    if _strict_ok(sample, "gb18030") and _mostly_cjk_text(sample.decode("gb18030", "ignore")):
        return "gb18030"  # a superset of GBK and GB2312: the carriers' usual encoding
    best = charset_normalizer.from_bytes(sample).best()
    if best is not None and best.encoding in _ACCEPTED:
        return "gb18030" if best.encoding in ("gbk", "gb2312") else best.encoding
    found = best.encoding if best is not None else "未知"
    raise InputFileError(f"无法确定文本编码(疑似 {found})", _HINT)


def _looks_utf16(sample: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII text is NUL."""
    head = sample[:2000]
    if len(head) < 4:
        return False
    zeros_odd = head[1::2].count(0)
    zeros_even = head[0::2].count(0)
    half = len(head) // 2
    return zeros_odd > half * 0.3 or zeros_even > half * 0.3


def _strict_ok(sample: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        decoder.decode(sample, final=False)  # a multi-byte char cut at the sample's end is fine
    except UnicodeDecodeError:
        return False
    return True


def _mostly_cjk_text(text: str) -> bool:
    """GB18030 decodes nearly any bytes; demand that the result reads as Chinese text."""
    text = text[:CJK_CHECK_CHARS]
    if not text:
        return False
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    odd = sum(1 for ch in text if not (ch.isprintable() or ch in "\r\n\t") or "\ue000" <= ch <= "\uf8ff")
    return cjk > 0 and odd <= len(text) * 0.01
