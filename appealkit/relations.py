"""Who each counterpart is: contact books, contracts and appointment records, case rules."""
from __future__ import annotations

from dataclasses import dataclass

from appealkit import numbers
from appealkit.classify import CONTRACT_TYPES
from appealkit.config import CaseConfig
from appealkit.model import Call, Contact, Document

UNREGISTERED = "未登记"
OWN_LINE = "本单位号码"


@dataclass(frozen=True, slots=True)
class Relation:
    label: str
    name: str = ""
    basis: str = ""

    @property
    def registered(self) -> bool:
        return self.label != UNREGISTERED


def contacts_from_document(doc: Document, text_of) -> list[Contact]:
    """A contract's or appointment record's numbers as registered customers."""
    label = CONTRACT_TYPES.get(doc.doc_type)
    if label is None:
        return []
    relation, purpose = label.split("-", 1)
    text = text_of(doc)
    return [Contact(n, "", relation, purpose, doc.rel, doc.doc_type) for n in numbers.numbers_in_text(text)]


class Directory:
    """Looks numbers up in the order the case's evidence deserves."""

    def __init__(self, case: CaseConfig, books: list[Contact], documents: list[Contact]) -> None:
        self._own = set(case.numbers)
        self._books: dict[str, Contact] = {}
        for c in books:
            known = self._books.get(c.number)
            if known is None or (not known.label and c.label):
                self._books[c.number] = c
        self._docs: dict[str, Contact] = {}
        for c in documents:
            self._docs.setdefault(c.number, c)
        self._rules = case.relationships.rules
        self._default = case.relationships.default

    def lookup(self, number: str, cached_name: str = "") -> Relation:
        if number in self._own:
            return Relation(OWN_LINE, "", "申诉号码")
        book = self._books.get(number)
        if book is not None:
            return Relation(book.label or "通讯录联系人", book.name or cached_name, book.basis)
        doc = self._docs.get(number)
        if doc is not None:
            return Relation(doc.label, cached_name, doc.basis)
        for rule in self._rules:
            if number in rule.numbers or (rule.prefix and number.startswith(rule.prefix)):
                return Relation(rule.label, cached_name, "case.toml 规则")
        if self._default:
            return Relation(self._default, cached_name, "case.toml 默认关系")
        return Relation(UNREGISTERED, cached_name, "")


def annotate(calls: list[Call], directory: Directory) -> dict[str, Relation]:
    """One relation per counterpart; a name cached by the phone fills 联系人 only."""
    names: dict[str, str] = {}
    for call in calls:
        if call.name and call.other not in names:
            names[call.other] = call.name
    return {number: directory.lookup(number, names.get(number, "")) for number in
            dict.fromkeys(c.other for c in calls)}
