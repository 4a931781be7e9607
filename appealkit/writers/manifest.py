"""manifest.json: every output with its sources, type, date, size and SHA-256; every
skipped input with the reason. Sorted and free of timestamps, so it is deterministic."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from appealkit import __version__

CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def output_entry(rel: str, staged: Path, kind: str, sources: list[dict], doc_type: str = "", doc_date: str = "") -> dict:
    entry = {"path": rel, "kind": kind, "size": staged.stat().st_size, "sha256": sha256_of(staged),
             "sources": sources}
    if doc_type:
        entry["doc_type"] = doc_type
    if doc_date:
        entry["date"] = doc_date
    return entry


def source_entry(rel: str, path: Path) -> dict:
    return {"path": rel, "size": path.stat().st_size, "sha256": sha256_of(path)}


def write_manifest(path: Path, body: dict) -> None:
    body = {"generator": f"appealkit {__version__}", **body}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2, sort_keys=False) + "\n", "utf-8")
