"""Rows of tabular files (csv / tsv / txt / xlsx / xls) as lists of cell values.

The readers that interpret headers (call logs, contact books) share this. Limits are
checked before anything large is read: line length, declared sizes inside an xlsx,
the size of a legacy .xls that xlrd must load whole.
"""
from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

from appealkit.errors import InputFileError
from appealkit.readers._text import SAMPLE_BYTES, detect_encoding

MAX_LINE_CHARS = 1_000_000
MAX_COLUMNS = 2_000
MAX_XLSX_UNCOMPRESSED = 1_500_000_000  # declared, summed over entries
MAX_XLSX_RATIO = 200  # a real sheet compresses ~10x; bombs compress 1000x
MAX_XLS_BYTES = 100_000_000
DELIMITERS = (",", "\t", ";", "|")
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

csv.field_size_limit(MAX_LINE_CHARS)


def table_kind(path: Path, head: bytes) -> str | None:
    """xlsx, xls, text or None, by content; the extension only breaks ties."""
    if head.startswith(XLSX_MAGIC):
        return "xlsx" if b"[Content_Types].xml" in head or path.suffix.lower() in (".xlsx", ".xlsm") else None
    if head.startswith(XLS_MAGIC):
        return "xls"
    if path.suffix.lower() in (".csv", ".tsv", ".txt", ".tab", ".xls", ".xlsx") and _texty(head):
        return "text"  # .xls that is really CSV or HTML-less text happens with carrier exports
    if _texty(head) and any(d.encode() in head for d in DELIMITERS) and b"<" not in head[:200]:
        return "text"
    return None


def _texty(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = head[:4096]
    if b"\x00" in sample:
        # UTF-16 text without a BOM is NUL-heavy in a regular pattern.
        return sample[1::2].count(0) > len(sample) * 0.4 or sample[0::2].count(0) > len(sample) * 0.4
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls < len(sample) * 0.01


def iter_rows(path: Path, kind: str, *, delimiter: str | None = None,
              encoding: str | None = None) -> Iterator[tuple[int, list]]:
    """(row number as a person counts it, cells) for every row, streaming."""
    if kind == "xlsx":
        yield from _xlsx_rows(path)
    elif kind == "xls":
        yield from _xls_rows(path)
    else:
        enc = encoding or detect_encoding(path)
        yield from _text_rows(path, enc, delimiter or sniff_delimiter(path, enc))


def sniff_delimiter(path: Path, encoding: str) -> str:
    with path.open("r", encoding=encoding, errors="replace", newline="") as f:
        sample = f.read(SAMPLE_BYTES // 4)
    lines = [ln for ln in sample.splitlines()[:40] if ln.strip()]
    best, best_score = ",", -1
    for d in DELIMITERS:
        counts = sorted((ln.count(d) for ln in lines), reverse=True)
        # The header and data rows share the delimiter; title lines do not.
        score = counts[len(counts) // 2] if counts else 0
        if score > best_score:
            best, best_score = d, score
    return best


def _text_rows(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list]]:
    check_line_lengths(path)
    try:
        with path.open("r", encoding=encoding, newline="") as f:
            reader = csv.reader(f, delimiter=delimiter)
            for row in reader:
                if len(row) > MAX_COLUMNS:
                    raise InputFileError(f"第 {reader.line_num} 行有 {len(row):,} 列,超出上限 {MAX_COLUMNS}")
                yield reader.line_num, row
    except UnicodeDecodeError as e:
        raise InputFileError(f"文件中途出现无法按 {encoding} 解码的字节(位置 {e.start})",
                             "文件可能混用了编码或已损坏;请另存为 UTF-8 后重新放入") from e
    except csv.Error as e:
        raise InputFileError(f"CSV 格式错误:{e}", "请用 Excel 打开后另存为 CSV") from e


def check_zip(path: Path) -> None:
    """Refuse an xlsx whose declared sizes say it would explode when read."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise InputFileError("xlsx 文件已损坏或不完整", "请用 Excel 重新打开并另存") from e
    total = sum(i.file_size for i in infos)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise InputFileError(f"xlsx 解压后声明大小 {total / 1e9:.1f} GB,超出上限,疑似压缩炸弹")
    for i in infos:
        if i.file_size > 50_000_000 and i.file_size > MAX_XLSX_RATIO * max(i.compress_size, 1):
            raise InputFileError(f"xlsx 内部文件 {i.filename} 压缩比异常({i.file_size // max(i.compress_size, 1)}:1),疑似压缩炸弹")


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list]]:
    import openpyxl  # imported here: only readers of xlsx pay for it

    check_zip(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a broken file
        raise InputFileError(f"无法打开 xlsx:{type(e).__name__}", "请用 Excel 打开后重新保存") from e
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()  # a forged dimension must not make rows huge
            for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if len(row) > MAX_COLUMNS:
                    row = row[:MAX_COLUMNS]
                yield n, list(row)
            break  # the first sheet holds the data in every export we know
    except InputFileError:
        raise
    except Exception as e:
        raise InputFileError(f"读取 xlsx 出错:{type(e).__name__}", "请用 Excel 打开后重新保存") from e
    finally:
        wb.close()


def _xls_rows(path: Path) -> Iterator[tuple[int, list]]:
    import xlrd

    if path.stat().st_size > MAX_XLS_BYTES:
        raise InputFileError("旧版 .xls 文件超过 100 MB", "请在 Excel 中另存为 .xlsx 或 CSV")
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
        sheet = book.sheet_by_index(0)
    except Exception as e:
        raise InputFileError(f"无法打开 .xls:{type(e).__name__}", "请用 Excel 打开后另存为 .xlsx") from e
    try:
        for r in range(min(sheet.nrows, 1_100_000)):
            cells = []
            for c in sheet.row(r)[:MAX_COLUMNS]:
                if c.ctype == xlrd.XL_CELL_DATE:
                    cells.append(xlrd.xldate.xldate_as_datetime(c.value, book.datemode))
                else:
                    cells.append(c.value)
            yield r + 1, cells
    finally:
        book.release_resources()


class TableHead:
    """What the first rows of a table say: its kind, columns, header line, title lines."""

    __slots__ = ("kind", "cols", "line", "titles", "encoding", "delimiter")

    def __init__(self, kind, cols, line, titles, encoding=None, delimiter=None):
        self.kind, self.cols, self.line, self.titles = kind, cols, line, titles
        self.encoding, self.delimiter = encoding, delimiter


_head_cache: dict[tuple, TableHead | None] = {}


def table_head(path: Path, head: bytes) -> TableHead | None:
    """Header analysis of a table file, cached so that several readers can ask cheaply."""
    from appealkit.readers._headers import find_header, is_call_header, is_contact_header

    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key in _head_cache:
        return _head_cache[key]
    kind = table_kind(path, head)
    result = None
    if kind is not None:
        encoding = delimiter = None
        if kind == "text":
            encoding = detect_encoding(path)
            delimiter = sniff_delimiter(path, encoding)
        rows = iter_rows(path, kind, delimiter=delimiter, encoding=encoding)
        try:
            cols, line, titles = find_header(rows, lambda c: is_call_header(c) or is_contact_header(c))
        finally:
            rows.close()
        result = TableHead(kind, cols, line, titles, encoding, delimiter)
    if len(_head_cache) > 256:
        _head_cache.clear()
    _head_cache[key] = result
    return result


def table_rows(path: Path) -> Iterator[list]:
    """Every row of a table file, titles and header included (a table shown as an exhibit, or
    searched for numbers), read with the encoding and delimiter table_head() found once."""
    with path.open("rb") as f:
        th = table_head(path, f.read(8192))
    if th is None:
        raise InputFileError("无法读取表格内容", "请另存为 xlsx 或 CSV")
    for _line, row in iter_rows(path, th.kind, delimiter=th.delimiter, encoding=th.encoding):
        yield row


class RowSource:
    """Rows after a table's header, streamed; `line_num` is the current row's number.

    Text tables hand out the csv reader itself, which is what keeps a million-row bill
    close to the speed of the bare csv module. Errors of the underlying decoder surface
    from iteration; `translate` turns them into InputFileError for the caller.
    """

    def __init__(self, path: Path, th: "TableHead") -> None:
        self.path, self.th = path, th
        self.line_num = 0
        self._file = None

    def __enter__(self) -> Iterator[list]:
        th = self.th
        if th.kind != "text":
            self._counting = self._count(iter_rows(self.path, th.kind))
            self._rows = self._counting
            return self
        # table_head() read the header through iter_rows(), which checked line lengths already
        self._file = self.path.open("r", encoding=th.encoding, newline="")
        reader = csv.reader(self._file, delimiter=th.delimiter)
        while reader.line_num < th.line:
            if next(reader, None) is None:
                break
        self._rows = self._reader = reader
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            self._file.close()
        elif getattr(self, "_counting", None) is not None:
            self._counting.close()

    def __iter__(self) -> Iterator[list]:
        return iter(self._rows)

    def batches(self, size: int) -> Iterator[tuple[Sequence[int], list[list]]]:
        """(start lines, rows) for up to `size` rows at a time, read in C for text. A batch cut
        short by an error in the file is still handed over before the error is raised."""
        text = self._file is not None
        source = self._reader if text else ((self.line_num, row) for row in self._rows)
        while True:
            before = self._reader.line_num if text else 0
            batch: list = []
            try:
                batch.extend(islice(source, size))  # extend keeps what was read if the file breaks
            except Exception:
                if batch:
                    yield self._lines_and_rows(batch, before)
                raise
            if not batch:
                return
            yield self._lines_and_rows(batch, before)

    def _lines_and_rows(self, batch: list, before: int) -> tuple[Sequence[int], list[list]]:
        if self._file is None:
            return [line for line, _ in batch], [row for _, row in batch]
        if self._reader.line_num - before == len(batch):  # one line per row: the usual case
            return range(before + 1, before + 1 + len(batch)), batch
        return start_lines(before, batch), batch

    @property
    def current_line(self) -> int:
        return self._reader.line_num if self._file is not None else self.line_num

    def _count(self, rows: Iterator[tuple[int, list]]) -> Iterator[list]:
        for self.line_num, row in rows:
            if self.line_num > self.th.line:
                yield row

    def translate(self, e: Exception) -> InputFileError:
        if isinstance(e, UnicodeDecodeError):
            return InputFileError(f"第 {self.current_line + 1} 行附近出现无法按 {self.th.encoding} 解码的字节",
                                  "文件可能被截断、混用了编码或已损坏;已读取此前的记录,请重新导出或另存为 UTF-8")
        return InputFileError(f"CSV 格式错误(第 {self.current_line} 行附近):{e}", "请用 Excel 打开后另存为 CSV")


def start_lines(before: int, rows: list[list]) -> Sequence[int]:
    """The line each row starts on, `before` lines having been read. One line per row unless a
    quoted cell holds line breaks (\\n, \\r\\n or \\r, as the text layer splits lines)."""
    breaks = [sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in row) for row in rows]
    lines, line = [], before + 1
    for extra in breaks:
        lines.append(line)
        line += 1 + extra
    return lines


def check_line_lengths(path: Path, block: int = MAX_LINE_CHARS) -> None:
    """Refuse a text file with a line of a megabyte or more, before csv builds a row from it.

    A line of 2 blocks or more must contain a whole aligned block without a newline, so one
    pass of memchr over blocks bounds every line to under 2 MB at the cost of a read.
    """
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if st.st_size <= block or key in _lines_checked:
        return  # a file read several times (header, rows, exhibit) is scanned once
    with path.open("rb") as f:
        while chunk := f.read(block):
            if len(chunk) == block and b"\n" not in chunk and b"\r" not in chunk:
                raise InputFileError(f"有一行超过 {block:,} 个字符,不像通话记录", "请检查文件是否损坏")
    if len(_lines_checked) > 256:
        _lines_checked.clear()
    _lines_checked.add(key)


_lines_checked: set[tuple] = set()
