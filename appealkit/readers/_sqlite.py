"""Open a phone's SQLite database strictly read-only: no journal, no WAL, no writes."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from appealkit.errors import InputFileError

MAGIC = b"SQLite format 3\x00"


@contextmanager
def open_readonly(path: Path):
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as e:
        raise InputFileError(f"无法打开数据库:{e}") from e
    con.text_factory = _text  # a damaged name must not cost the whole file (found by hypothesis)
    try:
        yield con
    except (sqlite3.DatabaseError, UnicodeDecodeError) as e:  # a damaged schema can break SQLite's own message
        why = e if isinstance(e, sqlite3.DatabaseError) else "表结构中有无法解码的字节"
        raise InputFileError(f"数据库已损坏或不完整:{why}", "请重新从手机导出") from e
    finally:
        con.close()


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def tables(path: Path) -> set[str]:
    try:
        with open_readonly(path) as con:
            return {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    except InputFileError:
        return set()
