"""The registry of input formats.

Each reader module declares NAME, KIND ("calls" or "contacts"), DESCRIPTION,
`sniff(path, head) -> bool` (by content) and `parse(path, ctx) -> Iterator[Call|Contact]`.
Readers yield plain records; they know nothing of workbooks or PDFs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType

from appealkit import numbers
from appealkit.model import Skipped
from appealkit.readers import android_db, android_xml, call_table, contact_table, ios_db, vcard

REGISTRY: tuple[ModuleType, ...] = (android_xml, android_db, ios_db, vcard, call_table, contact_table)
LISTED_ROW_ERRORS = 20


@dataclass
class ReadContext:
    """What a reader needs to know of the case, and where it reports bad rows."""

    rel: str
    own_numbers: tuple[str, ...]
    year_for: date
    head: bytes = b""
    rows_rejected: int = 0
    row_errors: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def reject(self, line: int | None, reason: str) -> None:
        self.rows_rejected += 1
        if len(self.row_errors) < LISTED_ROW_ERRORS:
            self.row_errors.append(Skipped(self.rel, reason, line=line))

    def own_named_in(self, *texts: str) -> str | None:
        """The first number under appeal written in these texts: a bill's title line, the file's name."""
        for text in texts:
            for number in numbers.numbers_in_text(text):
                if number in self.own_numbers:
                    return number
        return None

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def detect(path: Path, head: bytes) -> ModuleType | None:
    """The first reader that recognises the file by its content."""
    for reader in REGISTRY:
        if reader.sniff(path, head):
            return reader
    return None


def read_file(path: Path, own_numbers: tuple[str, ...], year_for: date) -> tuple[ModuleType | None, list, ReadContext]:
    """Recognise and read one file on its own (for scripts, tests and debugging)."""
    with path.open("rb") as f:
        head = f.read(8192)
    ctx = ReadContext(path.name, own_numbers, year_for, head=head)
    reader = detect(path, head)
    if reader is None:
        return None, [], ctx
    return reader, list(reader.parse(path, ctx)), ctx
