"""Plain records that flow from readers to writers. No I/O, no format knowledge."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

OUT = "呼出"
IN = "呼入"
UNKNOWN_DIRECTION = "未知"


class Call(NamedTuple):
    """One call, as read from one source (or merged from several).

    `start` is naive China time. `other` is the canonical counterpart number, `other_raw`
    how the source wrote it when that differs. A tuple, not a dataclass: a million of them
    are built per large bill, and the hot path builds them with `new_call` in C.
    """

    start: datetime
    own: str
    other: str
    direction: str
    answered: bool | None
    duration: int
    source: str
    line: int
    other_raw: str = ""
    name: str = ""
    note: str = ""  # e.g. "未知类型 100": kept and flagged, never dropped
    sources: tuple[str, ...] = ()

    def all_sources(self) -> tuple[str, ...]:
        return self.sources or (self.source,)


def new_call(fields: tuple) -> Call:
    """A Call from all twelve fields in order, without Python-level argument handling."""
    return _tuple_new(Call, fields)


_tuple_new = tuple.__new__


@dataclass(slots=True)
class Contact:
    """A counterpart the user registered: contact book, vCard, contract or appointment."""

    number: str
    name: str = ""
    relation: str = ""
    purpose: str = ""
    basis: str = ""  # the file that says so
    source_kind: str = "通讯录"  # 通讯录 / 合同 / 预约记录

    @property
    def label(self) -> str:
        if self.relation and self.purpose:
            return f"{self.relation}-{self.purpose}"
        return self.relation or self.purpose


@dataclass(slots=True)
class Skipped:
    """An input (or part of one) left out, with why and what to do."""

    path: str
    reason: str
    hint: str = ""
    line: int | None = None

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}" + (f"({self.hint})" if self.hint else "")


@dataclass(slots=True)
class Document:
    """A proof the user dropped in: becomes an exhibit and a renamed archive copy."""

    path: Path  # absolute
    rel: str  # relative to the case folder, for people
    doc_type: str
    doc_date: date  # from the file name or photo EXIF, else the appeal date
    media: str  # pdf, image, table
    exhibit_no: int = 0
    pages: int = 0
    archive_name: str = ""
    extra: dict = field(default_factory=dict)
