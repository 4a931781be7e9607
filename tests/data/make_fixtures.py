"""Regenerate the golden input files in tests/data/golden (inputs only; the expected
JSON beside them is written by hand-checked runs: see tests/test_golden.py --regen).

    python tests/data/make_fixtures.py

Needs xlwt (only here) to write the legacy .xls fixture.
"""
from __future__ import annotations

import csv
import io
import sqlite3
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parent / "golden"


def epoch(y, mo, d, h, mi, s) -> int:
    """Unix seconds of a China-time wall clock."""
    return int((datetime(y, mo, d, h, mi, s) - datetime(1970, 1, 1)).total_seconds()) - 8 * 3600

TITLE = [["中国联通 通话详单"], ["号码:13800138000", "账单周期:2026年11月"]]
HEADER = ["通话起始时间", "通话地点", "呼叫类型", "对方号码", "通话时长", "通信类型", "费用"]
ROWS = [
    ["2026-11-04 23:59:59", "广州", "主叫", "13912345678", "1分钟48秒", "本地", "0.10"],  # one second before the window
    ["2026-11-05 00:00:01", "广州", "被叫", "+86 139 1234 5678", "05秒", "本地", "0.00"],  # first second inside
    ["11-20 08:01:02", "广州", "主叫", "139-1234-5678", "2分34秒", "本地", "0.20"],  # no year: from the bill period
    ["2026/11/21 8:01", "深圳", "主叫呼出", "020-87654321", "00:02:34", "漫游", "0.30"],
    ["2026年11月22日 09:15:00", "广州", "被叫呼入", "95588", "1小时2分3秒", "本地", "0.00"],
    ["不是时间", "广州", "主叫", "13912345678", "10秒", "本地", "0.00"],  # rejected with its line
    ["2026-11-23 10:00:00", "广州", "呼叫转移", "0086 137 0000 1111", "2:34", "本地", "0.00"],  # unknown type: kept, flagged
]
FOOTER = ["合计", "", "", "", "", "", "0.60"]


def write_csv(name: str, encoding: str, delimiter: str = ",") -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for row in TITLE + [HEADER] + ROWS + [FOOTER]:
        w.writerow(row)
    (OUT / name).write_bytes(buf.getvalue().encode(encoding))


def write_xlsx() -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["中国电信 详单查询 号码 13800138000"])
    ws.append(["序号", "起始时间", "通信方式", "对方号码", "通信时长(秒)", "费用"])
    ws.append([1, datetime(2026, 11, 6, 9, 30, 0), "主叫", 13912345678, 65, 0.1])
    ws.append([2, datetime(2026, 11, 7, 14, 5, 9), "被叫", "=HYPERLINK(\"http://x\")", "1分5秒", 0])
    ws.append([3, "2026-11-08 20:59:59", "被叫", "02087654321", 0, 0])
    ws.append(["总计", None, None, None, None, 0.1])
    wb.save(OUT / "bill_telecom.xlsx")


def write_xls() -> None:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("详单")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss")
    ws.write(0, 0, "中国移动 通话详单 13800138000")
    for c, h in enumerate(["起始时间", "通信地点", "通信方式", "对方号码", "通信时长"]):
        ws.write(1, c, h)
    rows = [(datetime(2026, 11, 9, 10, 0, 0), "广州", "主叫", "13912345678", "3分0秒"),
            (datetime(2026, 11, 9, 11, 0, 0), "广州", "被叫", "13700001111", "45秒")]
    for r, row in enumerate(rows, start=2):
        ws.write(r, 0, row[0], date_style)
        for c, v in enumerate(row[1:], start=1):
            ws.write(r, c, v)
    wb.save(str(OUT / "bill_legacy.xls"))


def write_cdr() -> None:
    a, b = epoch(2026, 11, 16, 8, 30, 0) * 1000, epoch(2026, 11, 16, 9, 30, 0) * 1000
    lines = ["caller,callee,start_time,end_time,duration,status,agent",
             f"02087654321,13912345678,{a},{a + 90000},90,ANSWERED,A01",
             f"13700001111,020-87654321,{b},{b},0,NO ANSWER,A02",
             f"13500000000,13600000000,{b},{b + 60000},60,ANSWERED,A03"]
    (OUT / "cdr_cloud.csv").write_text("\n".join(lines) + "\n", "utf-8")


def write_android_xml() -> None:
    def ms(y, mo, d, h, mi, s):  # China time → epoch ms
        return int((datetime(y, mo, d, h, mi, s) - datetime(1970, 1, 1)).total_seconds() * 1000) - 8 * 3600 * 1000
    calls = [
        ("+8613912345678", 108, ms(2026, 11, 4, 23, 59, 59), 2, "赵老师"),  # before the window
        ("13912345678", 154, ms(2026, 11, 20, 8, 1, 3), 2, "赵老师"),  # the bill's 08:01:02 call, 1 s later
        ("13700001111", 0, ms(2026, 11, 24, 9, 0, 0), 3, "(Unknown)"),
        ("13700001111", 0, ms(2026, 11, 24, 9, 5, 0), 5, "(Unknown)"),
        ("-1", 12, ms(2026, 11, 25, 12, 0, 0), 1, "(Unknown)"),
        ("+8613700001111", 35, ms(2026, 11, 26, 12, 0, 0), 100, "(Unknown)"),
    ]
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>', f'<calls count="{len(calls)}">']
    for number, dur, date, ctype, name in calls:
        lines.append(f'  <call number="{number}" duration="{dur}" date="{date}" type="{ctype}" presentation="1" '
                     f'contact_name="{name}" readable_date="" />')
    lines.append("</calls>")
    (OUT / "calls-20261204.xml").write_text("\n".join(lines) + "\n", "utf-8")


def write_android_db() -> None:
    path = OUT / "calllog.db"
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.execute("create table calls (_id integer primary key, number text, date integer, duration integer, "
                "type integer, name text)")
    con.executemany("insert into calls (number, date, duration, type, name) values (?,?,?,?,?)", [
        ("13912345678", epoch(2026, 11, 27, 10, 0, 0) * 1000, 61, 2, "赵老师"),
        ("+86 137 0000 1111", epoch(2026, 11, 27, 11, 0, 0) * 1000, 0, 3, None),
        ("13700001111", "garbage", 5, 1, None),
    ])
    con.commit()
    con.close()


def write_ios_db() -> None:
    path = OUT / "CallHistory.storedata"
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.execute("create table ZCALLRECORD (Z_PK integer primary key, ZDATE real, ZDURATION real, ZADDRESS, "
                "ZORIGINATED integer, ZANSWERED integer, ZCALLTYPE integer)")
    con.executemany("insert into ZCALLRECORD (ZDATE, ZDURATION, ZADDRESS, ZORIGINATED, ZANSWERED, ZCALLTYPE) "
                    "values (?,?,?,?,?,?)", [
                        (epoch(2026, 11, 28, 10, 0, 0) - 978307200 + 0.25, 74.6, b"+8613912345678", 1, 1, 1),
                        (epoch(2026, 11, 28, 11, 0, 0) - 978307200.0, 0.0, "13700001111", 0, 0, 1),
                        (epoch(2026, 11, 28, 12, 0, 0) - 978307200.0, 300.0, "13500000000", 0, 1, 16),
                    ])
    con.commit()
    con.close()


def write_contacts() -> None:
    vcf = ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
           "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E8=B5=B5;=E8=80=81=E5=B8=88;;;\r\n"
           "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E8=B5=B5=E8=80=81=E5=B8=88\r\n"
           "TEL;CELL:+86 139 1234 5678\r\nEND:VCARD\r\n"
           "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:钱经理\r\nORG:某某科技\r\nTEL;TYPE=WORK:020-87654322\r\n"
           "TEL;TYPE=CELL:137-0000-1111\r\nCATEGORIES:客户\r\nNOTE:项目沟通\r\nEND:VCARD\r\n")
    (OUT / "contacts.vcf").write_text(vcf, "utf-8")
    (OUT / "客户名单.csv").write_text("号码,姓名,关系,事由\n13912345678,赵老师,客户,课程回访\n"
                                    "+86 135 0000 0000,孙女士,合作方,\n,空号码,客户,\n", "utf-8-sig")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_csv("bill_utf8.csv", "utf-8")
    write_csv("bill_utf8_bom.csv", "utf-8-sig")
    write_csv("bill_gbk.csv", "gbk")
    write_csv("bill_gb18030_semicolon.csv", "gb18030", ";")
    write_csv("bill_utf16.txt", "utf-16", "\t")
    write_xlsx()
    write_xls()
    write_cdr()
    write_android_xml()
    write_android_db()
    write_ios_db()
    write_contacts()


if __name__ == "__main__":
    main()
