"""Generators for the hostile corpus: every file is made here, nothing large is committed."""
from __future__ import annotations

import io
import os
import random
import struct
import zlib
from pathlib import Path

from openpyxl import Workbook
from PIL import Image
from pypdf import PdfWriter

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a size but carries almost no data: a decompression bomb's header."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def jpeg_with_orientation(value: int) -> bytes:
    im = Image.new("RGB", (60, 40), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = value
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def jpeg_with_broken_exif() -> bytes:
    """A decodable JPEG whose APP1 segment keeps its length but holds a garbled TIFF block."""
    data = bytearray(jpeg_with_orientation(6))
    i = data.find(b"Exif\x00\x00") + 6
    data[i:i + 20] = b"MM\x00*\xff\xff\xff\xf0" + b"\x13" * 12
    return bytes(data)


def xlsx_bomb(path: Path) -> None:
    """A valid small xlsx whose central directory declares a 5 GB sheet."""
    wb = Workbook()
    wb.active.append(["起始时间", "对方号码", "通话时长"])
    wb.save(path)
    raw = bytearray(path.read_bytes())
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos)) >= 0:  # central directory entries
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        name = bytes(raw[pos + 46:pos + 46 + name_len])
        if name.endswith(b"sheet1.xml"):
            struct.pack_into("<I", raw, pos + 24, 0xFFFFFFF0)
        pos += 4
    path.write_bytes(bytes(raw))


def xlsx_with_formulas(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["号码", "姓名", "关系", "事由"])
    for i, text in enumerate(FORMULAS):
        cell_row = [f"1391234560{i}", text, text, text]
        ws.append(cell_row)
        for cell in ws[ws.max_row]:
            cell.data_type = "s"  # stored as text in the input, as an attacker would
    wb.save(path)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>
<calls count="1"><call number="&lol9;" duration="1" date="1764000000000" type="1" /></calls>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE calls [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<calls count="1"><call number="&xxe;" duration="1" date="1764000000000" type="1" /></calls>
"""


def encrypted_pdf() -> bytes:
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("secret")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def cyclic_page_tree_pdf() -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>"]
    return _pdf(objs)


def endless_xref_pdf() -> bytes:
    """A trailer whose /Prev points back at its own xref section."""
    body = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    start = body.rfind(b"startxref")
    xref_at = int(body[start + 10:].split()[0])
    return body.replace(b"/Root 1 0 R", f"/Root 1 0 R /Prev {xref_at}".encode())


def _pdf(objs: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def vcard_with_many_tels(n: int) -> str:
    tels = "".join(f"TEL;TYPE=CELL:139{i:08d}\r\n" for i in range(n))
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:很多号码\r\n{tels}END:VCARD\r\n"


def random_bytes(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


def make_hostile_case(case: Path, golden: Path, outside: Path) -> dict[str, str]:
    """Fill `case` with the corpus; returns {relative path: what the report must say}."""
    expect: dict[str, str] = {}

    def put(rel: str, data: bytes | str, reason: str | None) -> None:
        p = case / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if reason is not None:
            expect[rel] = reason

    for ext in ("csv", "xlsx", "xml", "vcf", "pdf", "png", "jpg", "db"):
        put(f"空文件/empty.{ext}", b"", "空文件")
        put(f"随机/random.{ext}", random_bytes(5000, hash(ext) & 0xFFFF), "")
    put("截断/详单.csv", (golden / "bill_utf8.csv").read_bytes()[:300], None)  # half a bill still imports
    put("截断/calls-half.xml", (golden / "calls-20261204.xml").read_bytes()[:500], "XML 格式错误")
    put("截断/calllog.db", (golden / "calllog.db").read_bytes()[:2000], "")
    put("截断/合同.pdf", _pdf([b"<< /Type /Catalog /Pages 2 0 R >>"])[:80], "")
    put("截断/截图.png", png_header_only(100, 100)[:40], "图片已损坏")
    put("错扩展名/详单.pdf", (golden / "bill_gbk.csv").read_bytes(), None)  # a bill named .pdf: read as a bill
    put("错扩展名/营业执照.csv", jpeg_with_orientation(1), None)  # a photo named .csv: an exhibit
    put("超长行/详单.csv", "起始时间,对方号码,通话时长\n" + "9" * 3_000_000 + "\n", "超过")
    put("超宽/详单.csv", "起始时间,对方号码,通话时长\n" + "," * 10_000_000 + "\n", "超过")
    put("编码/calls.csv", "start_time,number,duration\n2026-11-20 10:00:00,13912345678,60\n".encode("cp037"), "")
    put("编码/日文.csv", ("開始時間,相手番号,通話時間\n" + "テスト,データ,です\n" * 200).encode("shift_jis"), "")
    (case / "通讯录").mkdir(exist_ok=True)
    (case / "炸弹").mkdir(exist_ok=True)
    xlsx_with_formulas(case / "通讯录" / "公式客户.xlsx")
    xlsx_bomb(case / "炸弹" / "详单.xlsx")
    expect["炸弹/详单.xlsx"] = "压缩炸弹"
    put("xml/billion.xml", BILLION_LAUGHS, "DTD")
    put("xml/xxe.xml", EXTERNAL_ENTITY, "DTD")
    put("图片/巨图.png", png_header_only(40000, 40000), "1 亿像素")
    put("图片/坏EXIF截图.jpg", jpeg_with_broken_exif(), None)
    for v in range(1, 9):
        put(f"图片/方向{v}截图.jpg", jpeg_with_orientation(v), None)
    put("pdf/加密合同.pdf", encrypted_pdf(), "加密")
    put("pdf/循环合同.pdf", cyclic_page_tree_pdf(), "")
    put("pdf/死循环xref合同.pdf", endless_xref_pdf(), "")
    put("通讯录/十万号码.vcf", vcard_with_many_tels(100_000), None)
    for name in ("..合同..pdf", "CON.pdf", "合\u202efdp.exe同.pdf", "合同. .pdf", "协" * 80 + ".pdf"):
        put(f"名字/{name}", (golden.parent.parent.parent / "samples" / "company" / "合同" / "培训服务合同-20261015.pdf").read_bytes(), None)
    outside.write_bytes(b"secret outside the case")
    os.symlink(outside, case / "外部链接.csv")
    expect["外部链接.csv"] = "符号链接"
    return expect
