"""Walk a case folder and sort every file into call logs, contact books, proofs or skipped.

Inputs are opened read-only; nothing under the output folder is read; symlinks that
lead outside the case are not followed; every file ends up somewhere, never dropped.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType

from appealkit import classify, readers
from appealkit.errors import InputFileError
from appealkit.images import image_info
from appealkit.model import Document, Skipped
from appealkit.readers._sqlite import MAGIC as SQLITE_MAGIC
from appealkit.readers._tables import table_kind

HEAD_BYTES = 8192
MAX_INPUT_BYTES = 2_000_000_000
PDF_MAGIC = b"%PDF-"
_IGNORED_NAMES = {"case.toml", "thumbs.db", "desktop.ini", ".ds_store"}
_IGNORED_DIRS = {"__macosx", ".git", ".svn", "__pycache__"}
_UNSUPPORTED = {
    ".doc": "Word 文档暂不支持,请另存为 PDF 后放入",
    ".docx": "Word 文档暂不支持,请另存为 PDF 后放入",
    ".wps": "WPS 文档暂不支持,请另存为 PDF 后放入",
    ".heic": "HEIC 图片暂不支持,请在手机上导出为 JPG 或截图后放入",
    ".heif": "HEIF 图片暂不支持,请导出为 JPG 后放入",
    ".zip": "压缩包不会自动解压,请解压后放入",
    ".rar": "压缩包不会自动解压,请解压后放入",
    ".7z": "压缩包不会自动解压,请解压后放入",
    ".ofd": "OFD 文件暂不支持,请用数科阅读器另存为 PDF",
}


@dataclass
class Source:
    """A call log or contact book and the reader that recognised it."""

    path: Path
    rel: str
    reader: ModuleType
    head: bytes


@dataclass
class Inventory:
    call_logs: list[Source] = field(default_factory=list)
    contact_books: list[Source] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    seal: Path | None = None
    seal_rel: str = ""
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def discover(case_dir: Path, out_dir: Path, appeal_date: date) -> Inventory:
    inv = Inventory()
    root = case_dir.resolve()
    for path, rel in _walk(root, out_dir.resolve(), inv):
        try:
            _sort_file(path, rel, appeal_date, inv)
        except InputFileError as e:
            inv.skipped.append(Skipped(rel, e.message, e.hint))
        except OSError as e:
            inv.skipped.append(Skipped(rel, f"无法读取文件:{e.strerror or e}", "检查文件权限后重试"))
    return inv


def _walk(root: Path, out_dir: Path, inv: Inventory):
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            full = here / d
            if full.is_symlink():
                inv.skipped.append(Skipped(_rel(full, root), "符号链接目录,未跟随", "请把文件直接复制进案件文件夹"))
            elif full.resolve() == out_dir or d.lower() in _IGNORED_DIRS or d.startswith("."):
                continue
            elif is_output_folder(full):
                inv.notes.append(f"已忽略 {_rel(full, root)}/:这是之前生成的输出文件夹,不作为材料读取")
            else:
                keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            full = here / name
            if _ignored(name) or (here == root and name == "case.toml"):
                continue
            rel = _rel(full, root)
            if full.is_symlink():
                target = full.resolve()
                if not target.is_relative_to(root) or target.is_relative_to(out_dir):
                    inv.skipped.append(Skipped(rel, "符号链接指向案件文件夹之外,未读取",
                                               "请把文件本身复制进案件文件夹"))
                    continue
            yield full, rel


def is_output_folder(folder: Path) -> bool:
    """A package an earlier build wrote (perhaps with --out) must never become input."""
    try:
        with (folder / "manifest.json").open("rb") as f:
            return b'"generator": "appealkit' in f.read(200)
    except OSError:
        return False


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _ignored(name: str) -> bool:
    low = name.lower()
    return low in _IGNORED_NAMES or name.startswith((".", "~$")) or low.endswith((".tmp", ".part", ".crdownload"))


def _sort_file(path: Path, rel: str, appeal_date: date, inv: Inventory) -> None:
    size = path.stat().st_size
    if size == 0:
        inv.skipped.append(Skipped(rel, "空文件", "文件可能没有复制完整,请重新放入"))
        return
    if size > MAX_INPUT_BYTES:
        inv.skipped.append(Skipped(rel, f"文件过大({size / 1e9:.1f} GB)", "请拆分后放入"))
        return
    with path.open("rb") as f:
        head = f.read(HEAD_BYTES)
    parts = tuple(Path(rel).parts)
    doc_type = classify.doc_type_of(parts)

    if PDF_MAGIC in head[:1024]:  # readers accept junk before the header; so do we
        inv.documents.append(_document(path, rel, doc_type or classify.OTHER, "pdf", appeal_date))
        return
    info = image_info(path, head)
    if info is not None:
        if doc_type == classify.SEAL:
            if inv.seal is None:
                inv.seal, inv.seal_rel = path, rel
            else:
                inv.skipped.append(Skipped(rel, "已有一个公章图片,此文件未使用", f"使用的是 {inv.seal_rel}"))
            return
        taken = info.taken.date() if info.taken else None
        inv.documents.append(_document(path, rel, doc_type or classify.OTHER, "image", appeal_date, taken))
        return

    reader = readers.detect(path, head)
    if reader is not None:
        source = Source(path, rel, reader, head)
        if reader.KIND == "calls":
            inv.call_logs.append(source)
        elif doc_type in classify.CONTRACT_TYPES:
            # An appointment record or customer list that is also a proof: an exhibit, whose
            # numbers label their counterparts through doctext like a contract's.
            inv.documents.append(_document(path, rel, doc_type, "table", appeal_date))
        else:
            inv.contact_books.append(source)
        return
    if table_kind(path, head) is not None and doc_type not in (None, classify.SEAL):
        inv.documents.append(_document(path, rel, doc_type, "table", appeal_date))
        return
    inv.skipped.append(_unrecognised(path, rel, parts, head))


def _unrecognised(path: Path, rel: str, parts: tuple[str, ...], head: bytes) -> Skipped:
    hint = _UNSUPPORTED.get(path.suffix.lower())
    if head.startswith(SQLITE_MAGIC):
        return Skipped(rel, "SQLite 数据库已损坏,或不是手机通话记录数据库(没有 calls / ZCALLRECORD 表)",
                       "请从手机重新导出 calllog.db 或 iPhone 备份中的 CallHistory.storedata")
    if hint:
        return Skipped(rel, f"不支持的文件类型 {path.suffix}", hint)
    if classify.in_folder(parts, classify.CALL_LOG_FOLDERS) or path.suffix.lower() in (".csv", ".xlsx", ".xls"):
        return Skipped(rel, "无法识别的表格:找不到时间列和号码列的表头",
                       "表头应包含如 起始时间、对方号码、通话时长 的列名")
    return Skipped(rel, "无法识别的文件:不是 PDF、图片、通话记录或通讯录", "如是证明材料,请转为 PDF 或 JPG")


def _document(path: Path, rel: str, doc_type: str, media: str, appeal_date: date,
              taken: date | None = None) -> Document:
    found = classify.date_in_name(path.name) or taken
    return Document(path=path, rel=rel, doc_type=doc_type, doc_date=found or appeal_date, media=media)

