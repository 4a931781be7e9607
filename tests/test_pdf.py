"""The bundle as a reader sees it: upright images, fonts, size limits, skipped material."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from appealkit.writers.pdf import fonts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:reportlab")


def _page_of(pdf: PdfReader, words: str) -> int:
    for i, page in enumerate(pdf.pages):
        text = page.extract_text()
        if words in text and re.search(r"-附件\d+-1", text):  # the exhibit's own first page, not the index
            return i
    raise AssertionError(words)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_exif_rotated_photo_is_upright_in_the_rendered_page(freelancer_case: Path, run) -> None:
    assert run("build", freelancer_case).code == 0
    bundle = next((freelancer_case / "out").glob("*_申诉证据包_*.pdf"))
    page = _page_of(PdfReader(bundle), "资格证书 2025-06-18")
    png = subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", str(page + 1), "-l", str(page + 1), str(bundle)],
                         capture_output=True, check=True).stdout
    im = Image.open(io.BytesIO(png)).convert("RGB")
    blue = [(x, y) for y in range(im.height) for x in range(im.width)
            if (lambda p: p[2] > 120 and p[0] < 60 and p[1] < 100)(im.getpixel((x, y)))]
    assert blue, "the blue bar at the bottom of the certificate is not on the page"
    xs, ys = [p[0] for p in blue], [p[1] for p in blue]
    assert max(xs) - min(xs) > 3 * (max(ys) - min(ys)), "the bar is vertical: the photo was not turned upright"
    assert min(ys) > im.height * 0.4, "the bar is at the top: the photo is upside down"


def test_exif_is_stripped_from_archived_photos(freelancer_case: Path, run) -> None:
    assert run("build", freelancer_case).code == 0
    copy = freelancer_case / "out" / "归档" / "李安宁_资格证书_20250618.jpg"
    with Image.open(copy) as im:
        assert not im.getexif()
        assert im.size == (600, 900)  # stored upright


def test_max_size_is_met_with_large_photos(company_case: Path, run) -> None:
    import random
    rng = random.Random(7)
    for i in range(4):  # noisy 12-megapixel photos compress badly: about 4 MB each as JPEG
        im = Image.frombytes("RGB", (4000, 3000), rng.randbytes(4000 * 3000 * 3))
        im.save(company_case / "截图" / f"客户评价截图{i}.jpg", quality=95)
    big_out = company_case.parent / "big"
    assert run("build", company_case, "--out", big_out).code == 0
    big = next(big_out.glob("*.pdf")).stat().st_size
    r = run("build", company_case, "--max-size", "3MB")
    assert r.code == 0, r.err
    small = next((company_case / "out").glob("*.pdf"))
    assert small.stat().st_size <= 3_000_000 < big
    assert len(PdfReader(small).pages) == len(PdfReader(next(big_out.glob("*.pdf"))).pages)


def test_impossible_max_size_says_by_how_much(company_case: Path, run) -> None:
    r = run("build", company_case, "--max-size", "20KB")
    assert r.code == 0
    assert "超出上限" in r.err and "最大的附件" in r.err


def test_builtin_font_fallback_still_gives_extractable_text(company_case: Path, run, monkeypatch) -> None:
    monkeypatch.setattr(fonts, "_registered", {})
    monkeypatch.setattr(fonts, "_fontconfig_candidates", lambda: [])
    monkeypatch.setattr(fonts, "_KNOWN_PATHS", ())
    r = run("build", company_case)
    assert r.code == 0
    assert "STSong-Light" in r.err and "fonts-wqy-zenhei" in r.err
    pdf = PdfReader(next((company_case / "out").glob("*.pdf")))
    assert "广州启明教育科技有限公司" in pdf.pages[0].extract_text()
    assert "申诉函" in "".join(p.extract_text() for p in pdf.pages[2:6])


def test_embedded_font_when_one_is_installed(company_case: Path, run) -> None:
    if fonts.choose_font().name == fonts.FALLBACK:
        pytest.skip("no CJK TrueType font on this machine (CI installs fonts-wqy-zenhei)")
    assert run("build", company_case).code == 0
    pdf = PdfReader(next((company_case / "out").glob("*.pdf")))
    font = pdf.pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object()["/FontDescriptor"] for f in font.values() if "/FontDescriptor" in f.get_object()]
    assert any("/FontFile2" in d.get_object() for d in descriptors)


def test_unreadable_material_is_listed_on_the_last_page(company_case: Path, run) -> None:
    from pypdf import PdfWriter
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("secret")
    with open(company_case / "合同" / "加密合同.pdf", "wb") as f:
        w.write(f)
    (company_case / "截图" / "损坏截图.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    r = run("build", company_case)
    assert r.code == 3
    pdf = PdfReader(next((company_case / "out").glob("*.pdf")))
    last = pdf.pages[-1].extract_text()
    assert "未能纳入的材料" in last and "加密合同.pdf" in last and "损坏截图.png" in last
    manifest = json.loads((company_case / "out" / "manifest.json").read_text("utf-8"))
    reasons = {s["path"]: s["reason"] for s in manifest["skipped"]}
    assert "加密" in reasons["合同/加密合同.pdf"] and "损坏" in reasons["截图/损坏截图.png"]


def test_per_platform_bundles_carry_their_own_endorsement(company_case: Path, run) -> None:
    r = run("build", company_case, "--per-platform")
    assert r.code == 0, r.err
    out = company_case / "out"
    for name in ("360手机卫士", "腾讯手机管家", "百度"):
        bundle = out / f"启明教育_申诉证据包_{name}_20261204.pdf"
        text = "".join(p.extract_text() for p in PdfReader(bundle).pages)
        assert f"仅供{name}号码申诉使用,他用无效" in text
        assert f"致{name}" in text or (name == "百度" and "致百度号码申诉" in text)


def test_above_timeline_pdf_rows_the_pdf_summarises_and_points_to_the_workbook(company_case: Path, run) -> None:
    toml = company_case / "case.toml"
    toml.write_text(toml.read_text("utf-8").replace("appeal_date = 2026-12-04", "appeal_date = 2026-12-04\ntimeline_pdf_rows = 10"), "utf-8")
    assert run("build", company_case).code == 0
    pdf = PdfReader(next((company_case / "out").glob("*.pdf")))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "通话时间线(汇总)" in text and "超过 PDF 逐条列出的上限 10 条" in text and "工作簿" in text
    assert "按日汇总" in text and "按通话对象汇总" in text and "2026-11-05" in text
    assert "通话时间线(续)" not in text


def test_every_character_we_draw_has_a_glyph(company_case: Path, run) -> None:
    choice = fonts.choose_font()
    if choice.name == fonts.FALLBACK:
        pytest.skip("no CJK TrueType font on this machine (CI installs fonts-wqy-zenhei)")
    from reportlab.pdfbase import pdfmetrics
    glyphs = pdfmetrics.getFont(choice.name).face.charToGlyph
    assert run("build", company_case).code == 0
    pdf = PdfReader(next((company_case / "out").glob("*.pdf")))
    own_pages = "".join(p.extract_text() for p in pdf.pages[:13])  # cover to timeline: all drawn by appealkit
    missing = {ch for ch in own_pages if not ch.isspace() and ord(ch) not in glyphs}
    assert not missing, f"drawn without a glyph (prints blank): {sorted(missing)}"


def test_png_screenshot_with_exif_is_archived_without_it(company_case: Path, run) -> None:
    im = Image.new("RGB", (300, 600), (240, 240, 240))
    exif = Image.Exif()
    exif[0x010F] = "SomePhoneMaker"  # Make
    exif[0x8825] = {2: (23.0, 7.0, 30.0)}  # GPS latitude
    im.save(company_case / "截图" / "带定位的截图.png", exif=exif)
    plain = company_case / "截图" / "客户评价截图.png"
    assert run("build", company_case).code == 0
    archived = sorted((company_case / "out" / "归档").glob("启明教育_客户评价截图_*.png"))
    assert len(archived) == 2
    for copy in archived:
        with Image.open(copy) as got:
            assert "exif" not in got.info and not got.getexif()
    assert any(copy.read_bytes() == plain.read_bytes() for copy in archived)  # no metadata: copied as is
