"""Regenerate the bundled sample cases (synthetic: no real person or company is in them).

    python samples/generate.py

Deterministic: a fixed seed and fixed dates, so the files only change when this script does.
Needs a CJK TrueType font for the images' Chinese text (fonts-wqy-zenhei on Debian).
"""
from __future__ import annotations

import csv
import io
import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
APPEAL = datetime(2026, 12, 4)
FIRST = APPEAL - timedelta(days=29)


def font(size: int):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default()


def pdf_font() -> str:
    try:
        pdfmetrics.registerFont(TTFont("Sample", FONT, subfontIndex=0))
        return "Sample"
    except Exception:
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"


def card_image(path: Path, title: str, lines: list[str], size=(900, 560), color=(236, 242, 250), exif=None) -> None:
    im = Image.new("RGB", size, color)
    d = ImageDraw.Draw(im)
    d.rectangle([10, 10, size[0] - 10, size[1] - 10], outline=(120, 120, 160), width=4)
    d.text((40, 30), title, fill=(150, 20, 20), font=font(44))
    for i, line in enumerate(lines):
        d.text((40, 110 + i * 46), line, fill=(20, 20, 20), font=font(30))
    if path.suffix == ".jpg":
        kwargs = {"quality": 80}
        if exif is not None:
            kwargs["exif"] = exif
        im.save(path, "JPEG", **kwargs)
    else:
        im.save(path, optimize=True)


def screenshot(path: Path, lines: list[str]) -> None:
    im = Image.new("RGB", (1080, 2400), (245, 245, 245))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, 1080, 160], fill=(7, 193, 96))
    d.text((40, 60), "客户评价", fill="white", font=font(56))
    for i, line in enumerate(lines):
        y = 240 + i * 220
        d.rounded_rectangle([40, y, 1040, y + 180], 24, fill="white")
        d.text((80, y + 40), line, fill=(30, 30, 30), font=font(40))
        d.text((80, y + 110), "★★★★★", fill=(240, 160, 0), font=font(36))
    im.save(path, optimize=True)


def seal(path: Path, text: str) -> None:
    im = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse([10, 10, 390, 390], outline=(210, 20, 20, 230), width=14)
    d.text((200, 200), "★", fill=(210, 20, 20, 230), font=font(90), anchor="mm")
    d.text((200, 300), text, fill=(210, 20, 20, 230), font=font(34), anchor="mm")
    im.save(path)


def text_pdf(path: Path, title: str, paragraphs: list[str], pages: int = 1) -> None:
    name = pdf_font()
    c = Canvas(str(path), pagesize=A4, invariant=1)
    for p in range(pages):
        c.setFont(name, 20)
        c.drawString(72, 770, title + (f"(第{p + 1}页)" if pages > 1 else ""))
        c.setFont(name, 12)
        y = 730
        for para in paragraphs:
            for k in range(0, len(para), 38):
                c.drawString(72, y, para[k:k + 38])
                y -= 20
            y -= 8
        c.showPage()
    c.save()


def customers(rng: random.Random, n: int, prefix: str) -> list[str]:
    """Random 11-digit numbers: mobiles (13x, 15x, 18x) or Guangzhou landlines (020 + 8 digits)."""
    rest = 11 - len(prefix)
    return [f"{prefix}{rng.randint(10 ** (rest - 1), 10 ** rest - 1)}" for _ in range(n)]


def business_calls(rng: random.Random, parties: list[str], per_day: tuple[int, int], own: str):
    calls = []
    for day in range(30):
        base = FIRST + timedelta(days=day)
        if base.weekday() == 6:
            continue
        for _ in range(rng.randint(*per_day)):
            t = base + timedelta(hours=rng.randint(9, 17), minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
            other = rng.choice(parties)
            out = rng.random() < 0.6
            answered = rng.random() < 0.88
            dur = int(rng.lognormvariate(4.6, 0.7)) if answered else 0
            calls.append((t, own, other, out, answered, dur))
    calls.sort()
    return calls


def fmt_cn_duration(s: int) -> str:
    m, sec = divmod(s, 60)
    return f"{m}分{sec:02d}秒" if m else f"{sec}秒"


def company_case(rng: random.Random) -> None:
    root = HERE / "company"
    shutil.rmtree(root, ignore_errors=True)
    for sub in ("通话记录", "手机备份", "外呼系统", "通讯录", "证照", "合同", "截图"):
        (root / sub).mkdir(parents=True)
    mobile, landline = "13800138000", "02087654321"
    clients = customers(rng, 28, "13") + customers(rng, 4, "0203")
    contract_only = ["13912345678"]
    strangers = customers(rng, 3, "15")
    (root / "case.toml").write_text('''# 示例案件:虚构的企业,号码与人员均为随机生成
company = "广州启明教育科技有限公司"
short_name = "启明教育"
credit_code = "91440101MA5CXXXX3H"
numbers = ["020-87654321", "138 0013 8000"]
platforms = ["360", "腾讯手机管家", "百度"]
mark = "骚扰电话"
appeal_date = 2026-12-04
industry = "教育培训(课程咨询与学员回访)"
license_expiry = 2036-05-31
mark_since = 2026-11-20
recycled_number = false
statement = "我司为已报名学员及其家长提供课程安排通知、学习回访和续费咨询,所有通话对象均为已签约学员或主动咨询的家长。"

[applicant]
name = "王启明"
role = "法定代表人"
phone = "13800138000"

[[campaigns]]
date = 2026-12-20
name = "寒假课程招生回访"
calls = 600

[roi]
answer_rate_before = 35
answer_rate_after = 62
daily_outbound = 120
conversion = 5
order_value = 800
''', "utf-8")
    mob = business_calls(rng, clients + contract_only + strangers, (6, 12), mobile)
    # Carrier bill (中国移动, GBK, title lines and a footer), all mobile calls.
    with open(root / "通话记录" / "中国移动通话详单_202611-202612.csv", "w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(["中国移动通信 客户通话详单"])
        w.writerow([f"手机号码:{mobile}", "查询周期:2026-11-05至2026-12-04"])
        w.writerow(["起始时间", "通信地点", "通信方式", "对方号码", "通信时长", "通信类型", "费用(元)"])
        for t, _own, other, out, answered, dur in mob:
            if not answered and not out:
                continue  # carriers list connected calls and outgoing attempts
            w.writerow([t.strftime("%Y-%m-%d %H:%M:%S"), "广州", "主叫" if out else "被叫", other,
                        fmt_cn_duration(dur), "本地", "0.00"])
        w.writerow(["合计", "", "", "", "", "", "0.00"])
    # Android backup of the same phone for the last 12 days, clocks 1-2 s apart.
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>']
    recent = [c for c in mob if c[0] >= APPEAL - timedelta(days=11)]
    lines.append(f'<calls count="{len(recent)}" backup_set="sample" backup_date="1764806400000" type="full">')
    for t, _own, other, out, answered, dur in recent:
        ms = int((t - timedelta(hours=8) - datetime(1970, 1, 1)).total_seconds() * 1000) + rng.choice((-1000, 1000, 2000))
        ctype = 2 if out else (1 if answered else 3)
        lines.append(f'  <call number="+86{other}" duration="{dur}" date="{ms}" type="{ctype}" presentation="1" '
                     f'subscription_id="1" post_dial_digits="" contact_name="(Unknown)" readable_date="" />')
    lines.append("</calls>")
    (root / "手机备份" / "calls-20261204.xml").write_text("\n".join(lines) + "\n", "utf-8")
    # Call-centre CDR for the landline.
    wb = Workbook()
    ws = wb.active
    ws.title = "话单"
    ws.append(["主叫号码", "被叫号码", "开始时间", "结束时间", "通话时长", "呼叫结果", "坐席"])
    for t, _own, other, out, answered, dur in business_calls(rng, clients, (3, 6), landline):
        a, b = ("020-87654321", other) if out else (other, "020-87654321")
        ws.append([a, b, t.strftime("%Y/%m/%d %H:%M:%S"), (t + timedelta(seconds=dur)).strftime("%Y/%m/%d %H:%M:%S"),
                   dur, "接通" if answered else "未接通", f"A0{rng.randint(1, 4)}"])
    wb.save(root / "外呼系统" / "外呼话单_202611.xlsx")
    # Contact book: most clients, with relationships.
    wb = Workbook()
    ws = wb.active
    ws.append(["号码", "姓名", "关系", "事由"])
    purposes = ["课程安排", "学习回访", "续费咨询", "项目沟通"]
    for i, n in enumerate(clients[:24]):
        ws.append([n, f"学员家长{i + 1:02d}", "客户", rng.choice(purposes)])
    wb.save(root / "通讯录" / "客户名单.xlsx")
    vcf = []
    for i, n in enumerate(clients[24:28]):
        vcf += ["BEGIN:VCARD", "VERSION:3.0", f"FN:合作老师{i + 1}", f"TEL;TYPE=CELL:{n[:3]}-{n[3:7]}-{n[7:]}",
                "CATEGORIES:合作方", "NOTE:教研合作", "END:VCARD"]
    (root / "通讯录" / "contacts.vcf").write_text("\r\n".join(vcf) + "\r\n", "utf-8")
    card_image(root / "证照" / "营业执照.png", "营业执照(示例)",
               ["名称:广州启明教育科技有限公司", "统一社会信用代码:91440101MA5CXXXX3H", "类型:有限责任公司",
                "法定代表人:王启明", "营业期限:2016-06-01 至 2036-05-31", "(虚构示例,非真实证照)"])
    card_image(root / "证照" / "法人身份证.png", "居民身份证(示例)",
               ["姓名:王启明", "公民身份号码:110105********0123", "(虚构示例)"], size=(856, 540))
    text_pdf(root / "证照" / "号码使用证明-20261128.pdf", "号码使用证明(示例)",
             ["兹证明号码 138 0013 8000 自 2019 年起由广州启明教育科技有限公司实名使用,非二次放号号码。",
              "本证明仅用于号码标记申诉。(虚构示例)", "中国移动通信集团广东有限公司广州分公司 2026年11月28日"])
    text_pdf(root / "合同" / "培训服务合同-20261015.pdf", "培训服务合同(示例)",
             ["甲方:广州启明教育科技有限公司", "乙方:学员家长 赵某(联系电话:139 1234 5678)",
              "服务内容:小学数学课程辅导 48 课时,甲方通过电话通知课程安排并定期回访。", "(虚构示例)"], pages=3)
    screenshot(root / "截图" / "客户评价截图.png",
               ["老师很负责,每周电话反馈孩子情况", "课程安排提前电话通知,很方便", "回访及时,推荐"])
    seal(root / "证照" / "公章.png", "启明教育")


def freelancer_case(rng: random.Random) -> None:
    root = HERE / "freelancer"
    shutil.rmtree(root, ignore_errors=True)
    for sub in ("通话记录", "证件", "预约记录", "协议"):
        (root / sub).mkdir(parents=True)
    own = "13900139000"
    clients = customers(rng, 14, "13") + customers(rng, 4, "18")
    (root / "case.toml").write_text('''# 示例案件:虚构的个人心理咨询师,号码与人员均为随机生成
company = "李安宁"
numbers = ["13900139000"]
platforms = ["腾讯手机管家", "百度"]
mark = "广告推销"
appeal_date = 2026-12-04
industry = "心理咨询(个人执业)"
statement = "本人为持证心理咨询师,号码用于与来访者预约咨询时间和回访,来访者均通过预约登记。"

[applicant]
name = "李安宁"
role = "本人"
phone = "13900139000"

[relationships]
default = "来访者-咨询预约"
''', "utf-8")
    calls = business_calls(rng, clients, (2, 5), own)
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>', f'<calls count="{len(calls)}">']
    for t, _own, other, out, answered, dur in calls:
        ms = int((t - timedelta(hours=8) - datetime(1970, 1, 1)).total_seconds() * 1000)
        ctype = 2 if out else (1 if answered else 3)
        lines.append(f'  <call number="{other}" duration="{dur}" date="{ms}" type="{ctype}" presentation="1" '
                     f'contact_name="(Unknown)" />')
    maker_code_ms = int((datetime(2026, 12, 2, 9, 30) - timedelta(hours=8) - datetime(1970, 1, 1)).total_seconds()) * 1000
    lines.append(f'  <call number="13700001111" duration="35" date="{maker_code_ms}" type="101" presentation="1" '
                 'contact_name="(Unknown)" />')  # a handset maker's own type code: kept, flagged
    lines.append("</calls>")
    (root / "通话记录" / "calls-20261204.xml").write_text("\n".join(lines) + "\n", "utf-8")
    wb = Workbook()
    ws = wb.active
    ws.append(["预约时间", "来访者", "联系电话", "咨询方式", "备注"])
    for i, n in enumerate(clients[:12]):
        day = FIRST + timedelta(days=2 * i + 1, hours=14)
        ws.append([day.strftime("%Y-%m-%d %H:%M"), f"来访者{i + 1:02d}", n, "面谈", "初次咨询" if i % 3 == 0 else "复诊"])
    wb.save(root / "预约记录" / "预约记录_202611.xlsx")
    text_pdf(root / "协议" / "保密协议-20260901.pdf", "心理咨询保密协议(示例)",
             ["咨询师:李安宁", "来访者联系电话:" + clients[12], "咨询师对咨询内容严格保密,仅以电话预约和回访。",
              "(虚构示例)"], pages=2)
    # A phone photo stored sideways with EXIF orientation 6: the bundle must show it upright.
    im = Image.new("RGB", (600, 900), (250, 246, 236))
    d = ImageDraw.Draw(im)
    d.text((40, 40), "资格证书(示例)", fill=(150, 20, 20), font=font(40))
    d.text((40, 120), "姓名:李安宁", fill="black", font=font(30))
    d.text((40, 170), "心理咨询师(虚构示例)", fill="black", font=font(30))
    d.rectangle([40, 820, 560, 860], fill=(20, 60, 160))  # a bar at the bottom when upright
    sideways = im.transpose(Image.Transpose.ROTATE_90)  # stored rotated 90° counter-clockwise
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° CW to display"
    exif[0x0132] = "2025:06:18 10:00:00"
    buf = io.BytesIO()
    sideways.save(buf, "JPEG", quality=85, exif=exif)
    (root / "证件" / "资格证书.jpg").write_bytes(buf.getvalue())
    card_image(root / "证件" / "身份证.png", "居民身份证(示例)", ["姓名:李安宁", "公民身份号码:440524********0014",
                                                               "(虚构示例)"], size=(856, 540))
    card_image(root / "证件" / "手持身份证.jpg", "手持身份证照片(示例)", ["(虚构示例,此处应为本人手持身份证照片)"],
               size=(720, 960), color=(230, 230, 225))


def main() -> None:
    rng = random.Random(20261204)
    company_case(rng)
    freelancer_case(rng)
    for case in ("company", "freelancer"):
        files = sorted(p for p in (HERE / case).rglob("*") if p.is_file())
        print(case, len(files), "files,", sum(p.stat().st_size for p in files) // 1024, "KB")


if __name__ == "__main__":
    main()
