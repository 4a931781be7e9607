"""Platform profiles: data in templates/platforms/*.toml, not code."""
from __future__ import annotations

import tomllib
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from appealkit.resources import templates_dir


class PlatformProfile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    aliases: list[str]
    entry: str
    typical_days: tuple[int, int]
    typical_time: str
    letter: str = "generic"
    required: list[str] = []
    recommended: list[str] = []
    upload_limit_mb: float = 0  # 0: no published limit known
    statement_limit_chars: int = 0
    notes: str = ""
    labels: dict[str, str] = {}
    unverified: list[str] = []


@lru_cache(maxsize=1)
def platforms() -> dict[str, PlatformProfile]:
    found = {}
    for path in sorted((templates_dir() / "platforms").glob("*.toml")):
        with path.open("rb") as f:
            profile = PlatformProfile(**tomllib.load(f))
        found[profile.id] = profile
    return found


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index = {}
    for profile in platforms().values():
        for alias in (profile.id, profile.name, *profile.aliases):
            index[alias.casefold()] = profile.id
    return index


def names(platform_ids: list[str]) -> str:
    """Display names joined as Chinese lists are: 360手机卫士、腾讯手机管家."""
    return "、".join(platforms()[p].name for p in platform_ids)


def resolve_platform(text: str) -> PlatformProfile:
    """The profile for a platform name as a user writes it; ValueError (Chinese) if unknown."""
    key = text.strip().casefold()
    pid = _alias_index().get(key)
    if pid is None:
        # "360手机卫士申诉" or "腾讯手机管家App": accept a known alias inside the text.
        hits = {p for alias, p in _alias_index().items() if len(alias) >= 2 and alias in key}
        if len(hits) == 1:
            pid = hits.pop()
    if pid is None:
        known = "、".join(p.name for p in platforms().values())
        raise ValueError(f"未知平台 {text!r},可用:{known}")
    return platforms()[pid]
