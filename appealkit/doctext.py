"""Text of a proof document (a contract's PDF text, an appointment table's rows), to find
the customers' numbers in it. Best effort: a file that cannot be read yields no text here
and is reported by the exhibit step."""
from __future__ import annotations

from itertools import islice

from appealkit.errors import InputFileError
from appealkit.model import Document
from appealkit.pdfs import open_pdf
from appealkit.readers._tables import table_rows

MAX_PAGES = 30
MAX_ROWS = 20_000


def document_text(doc: Document) -> str:
    """Text of a contract or appointment record, to find its customers' numbers."""
    try:
        if doc.media == "pdf":
            reader = doc.extra.get("pdf") or open_pdf(doc.path)
            doc.extra["pdf"] = reader  # the bundle reuses it: one parse per file
            return "\n".join(_page_text(p) for p in reader.pages[:MAX_PAGES])
        if doc.media == "table":
            rows = islice(table_rows(doc.path), MAX_ROWS)
            return "\n".join(" ".join("" if v is None else str(v) for v in row) for row in rows)
    except InputFileError:
        return ""  # the exhibit step reports the file; here it only yields no numbers
    return ""


def _page_text(page) -> str:
    try:
        return page.extract_text() or ""
    except Exception:  # text extraction is best-effort on users' PDFs
        return ""


