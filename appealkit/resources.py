"""Where the shipped templates are: inside the installed package, or beside it in a checkout."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def templates_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "platforms").is_dir():
            return candidate
    raise FileNotFoundError("找不到 templates 目录:安装不完整,请重新安装 appealkit")
