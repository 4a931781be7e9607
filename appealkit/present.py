"""How numbers and calls are shown to people, shared by every writer."""
from __future__ import annotations

from appealkit import numbers


class NumberView:
    """Numbers under appeal are shown whole; third parties' are masked unless told not to."""

    def __init__(self, own_numbers: list[str], mask: bool) -> None:
        self._own = set(own_numbers)
        self._mask = mask
        self._cache: dict[str, str] = {}

    def __call__(self, canon: str) -> str:
        hit = self._cache.get(canon)
        if hit is None:
            if canon in self._own or not self._mask:
                hit = numbers.display(canon)
            else:
                hit = numbers.mask(canon)
            if len(self._cache) < 500_000:
                self._cache[canon] = hit
        return hit


def yes_no(value: bool | None) -> str:
    return "是" if value else "否"
