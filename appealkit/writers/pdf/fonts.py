"""A CJK font that embeds: the case's `font`, else one found on the system, else a
built-in CID font (readable, not embedded) with a warning that says how to embed one."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FALLBACK = "STSong-Light"
_KNOWN_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
)
_TEST_TEXT = "申诉函号码"


@dataclass(frozen=True)
class FontChoice:
    name: str
    path: str  # "" for the built-in fallback
    embedded: bool
    warning: str = ""


_registered: dict[str, FontChoice] = {}


def choose_font(requested: str | None = None) -> FontChoice:
    key = requested or ""
    if key in _registered:
        return _registered[key]
    warning = ""
    candidates: list[str] = []
    if requested:
        candidates.append(requested)
    candidates += _fontconfig_candidates() + [p for p in _KNOWN_PATHS if Path(p).is_file()]
    for path in candidates:
        choice = _try_ttf(path)
        if choice is not None:
            break
        if path == requested:
            warning = f"case.toml 指定的字体 {requested} 无法嵌入(需 TrueType 轮廓的 .ttf/.ttc),已改用系统字体。"
    else:
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
        choice = FontChoice(FALLBACK, "", False,
                            "未找到可嵌入的中文 TrueType 字体,PDF 使用内置 STSong-Light(未嵌入,个别阅读器可能显示异常)。"
                            "安装 fonts-wqy-zenhei(Debian/Ubuntu)或在 case.toml 中用 font = \"字体路径\" 指定 .ttf/.ttc 即可嵌入。")
    if warning and not choice.warning:
        choice = FontChoice(choice.name, choice.path, choice.embedded, warning)
    _registered[key] = choice
    return choice


def _fontconfig_candidates() -> list[str]:
    if not shutil.which("fc-match"):
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
    return [f for f in files if f.lower().endswith((".ttf", ".ttc"))]


def _try_ttf(path: str) -> FontChoice | None:
    name = "CJK-" + Path(path).stem
    try:
        if name not in pdfmetrics.getRegisteredFontNames():
            font = TTFont(name, path, subfontIndex=0) if path.lower().endswith(".ttc") else TTFont(name, path)
            if not all(ord(ch) in font.face.charToGlyph for ch in _TEST_TEXT):
                return None
            pdfmetrics.registerFont(font)
    except (TTFError, OSError, KeyError, ValueError, AssertionError):
        return None
    return FontChoice(name, path, True)
