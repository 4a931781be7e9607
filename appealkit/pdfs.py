"""Reading untrusted PDFs with pypdf: encrypted and malformed files become our errors."""
from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

from appealkit.errors import InputFileError

MAX_PAGES = 2000
logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd files are ours to report


def open_pdf(path: Path) -> PdfReader:
    """A reader whose page count is known; raises InputFileError for bad files."""
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            # An empty user password (owner-only protection) still lets us read it.
            if not reader.decrypt(""):
                raise InputFileError("PDF 已加密,无法读取", "请去掉密码后重新导出(打印为 PDF 即可)")
        count = len(reader.pages)
    except InputFileError:
        raise
    except FileNotDecryptedError as e:
        raise InputFileError("PDF 已加密,无法读取", "请去掉密码后重新导出(打印为 PDF 即可)") from e
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError,
            IndexError, OSError, AssertionError) as e:
        raise InputFileError(f"PDF 已损坏或不完整({type(e).__name__})", "请用阅读器打开确认,并重新导出") from e
    except NotImplementedError as e:
        raise InputFileError(f"PDF 使用了不支持的加密或编码:{e}", "请打印为新的 PDF 后放入") from e
    if count == 0:
        raise InputFileError("PDF 没有任何页面", "请重新导出")
    if count > MAX_PAGES:
        raise InputFileError(f"PDF 有 {count} 页,超出上限 {MAX_PAGES}", "请只放入需要的页面")
    return reader
