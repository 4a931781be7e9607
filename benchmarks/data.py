"""Synthetic inputs for the benchmarks: deterministic, generated into a temporary folder."""
from __future__ import annotations

import csv
import random
from datetime import datetime, timedelta
from pathlib import Path

OWN = "13800138000"
APPEAL = datetime(2026, 12, 4)
CASE_TOML = """company = "基准测试科技有限公司"
short_name = "基准测试"
credit_code = "91350100M000100Y43"
numbers = ["13800138000"]
platforms = ["360"]
mark = "骚扰电话"
appeal_date = 2026-12-04
timeline_pdf_rows = {pdf_rows}
"""


def calls(n: int, seed: int = 1, parties: int = 20_000):
    """n calls spread over the 30-day window: (start, other, outgoing, seconds)."""
    rng = random.Random(seed)
    first = APPEAL - timedelta(days=29)
    span = 30 * 86400
    numbers = [f"1{rng.randint(3, 9)}{rng.randint(0, 999_999_999):09d}" for _ in range(parties)]
    step = span / max(n, 1)
    for i in range(n):
        t = first + timedelta(seconds=int(i * step))
        yield t, numbers[rng.randrange(parties)], rng.random() < 0.6, int(rng.expovariate(1 / 90))


def carrier_csv(path: Path, n: int, seed: int = 1, encoding: str = "gbk") -> None:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(["中国移动通信 客户通话详单"])
        w.writerow([f"手机号码:{OWN}", "查询周期:2026-11-05至2026-12-04"])
        w.writerow(["起始时间", "通信地点", "通信方式", "对方号码", "通信时长", "通信类型", "费用(元)"])
        for t, other, out, secs in calls(n, seed):
            m, s = divmod(secs, 60)
            w.writerow([t.strftime("%Y-%m-%d %H:%M:%S"), "广州", "主叫" if out else "被叫", other,
                        f"{m}分{s:02d}秒" if m else f"{s}秒", "本地", "0.00"])
        w.writerow(["合计", "", "", "", "", "", "0.00"])


def android_xml(path: Path, n: int, seed: int = 1) -> None:
    """The same calls as carrier_csv(seed) seen by the phone, clocks a second apart."""
    with path.open("w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n<calls count="%d">\n' % n)
        for t, other, out, secs in calls(n, seed):
            ms = int((t - timedelta(hours=8) - datetime(1970, 1, 1)).total_seconds() * 1000) + 1000
            f.write(f'  <call number="+86{other}" duration="{secs}" date="{ms}" type="{2 if out else 1}" '
                    f'presentation="1" contact_name="(Unknown)" />\n')
        f.write("</calls>\n")


def cdr_csv(path: Path, n: int, seed: int = 1) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["caller", "callee", "start_time", "duration", "status"])
        for t, other, out, secs in calls(n, seed):
            a, b = (OWN, other) if out else (other, OWN)
            w.writerow([a, b, t.strftime("%Y/%m/%d %H:%M:%S"), secs, "ANSWERED" if secs else "NO ANSWER"])


def screenshot(path: Path, i: int) -> None:
    from PIL import Image, ImageDraw
    im = Image.new("RGB", (1080, 2400), (245, 245, 245))
    d = ImageDraw.Draw(im)
    for k in range(12):
        d.rectangle([40, 200 + k * 180, 1040, 340 + k * 180], fill=(255, 255, 255), outline=(200, 200, 200))
        d.text((80, 240 + k * 180), f"review {i}-{k}: good service, thank you", fill=(30, 30, 30))
    im.save(path)


def five_page_pdf(path: Path, i: int) -> None:
    from reportlab.pdfgen.canvas import Canvas
    c = Canvas(str(path), invariant=1)
    for p in range(5):
        c.drawString(72, 750, f"Contract {i} page {p + 1}; customer 139{i:04d}{p:04d}")
        for k in range(40):
            c.drawString(72, 720 - k * 16, "Lorem ipsum dolor sit amet, consectetur adipiscing elit." * 1)
        c.showPage()
    c.save()


def big_case(root: Path, n_calls: int, screenshots: int, pdfs: int, pdf_rows: int = 3000) -> Path:
    """A case with n_calls from three overlapping sources, screenshots and 5-page PDFs."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "case.toml").write_text(CASE_TOML.format(pdf_rows=pdf_rows), "utf-8")
    (root / "通话记录").mkdir(exist_ok=True)
    carrier_csv(root / "通话记录" / "详单.csv", n_calls, seed=1)
    android_xml(root / "通话记录" / "calls-13800138000.xml", n_calls, seed=1)
    cdr_csv(root / "通话记录" / "外呼话单.csv", n_calls // 3, seed=2)
    (root / "截图").mkdir(exist_ok=True)
    for i in range(screenshots):
        screenshot(root / "截图" / f"客户评价截图{i:03d}.png", i)
    (root / "合同").mkdir(exist_ok=True)
    for i in range(pdfs):
        five_page_pdf(root / "合同" / f"服务合同{i:02d}.pdf", i)
    return root
