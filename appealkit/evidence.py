"""Everything the writers need about a case, in one format-free bundle of records."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from appealkit.calls import SourceSummary
from appealkit.config import CaseConfig
from appealkit.model import Call, Document, Skipped
from appealkit.present import NumberView
from appealkit.relations import Relation
from appealkit.stats import Stats


@dataclass
class Evidence:
    case: CaseConfig
    calls: list[Call]
    relations: dict[str, Relation]
    stats: Stats
    sources: list[SourceSummary] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checklist: list = field(default_factory=list)  # readiness items, see appealkit.check
    seal: Path | None = None

    def __post_init__(self) -> None:
        self.number = NumberView(self.case.numbers, self.case.mask_numbers)

    def relation(self, number: str) -> Relation:
        return self.relations.get(number) or Relation("未登记")
