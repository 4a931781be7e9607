"""One alias table for the column names of every call log and contact book we know.

Headers are compared after normalising: lower case, no spaces, underscores, dashes or a
trailing unit in brackets ("通话时长(秒)" → "通话时长").
"""
from __future__ import annotations

import re
from collections.abc import Iterator

ALIASES: dict[str, tuple[str, ...]] = {
    "time": ("起始时间", "通话起始时间", "开始时间", "呼叫时间", "通话时间", "通信时间", "时间", "日期时间",
             "通话开始时间", "拨打时间", "来电时间", "呼叫开始时间", "starttime", "start", "date", "datetime",
             "calltime", "begintime", "callstarttime", "time"),
    "date": ("日期", "通话日期", "通信日期", "呼叫日期", "calldate"),
    "end": ("结束时间", "挂机时间", "通话结束时间", "endtime", "end", "hanguptime"),
    "answer_time": ("接通时间", "应答时间", "answertime", "answeredtime"),
    "other": ("对方号码", "对端号码", "对方电话", "对方手机", "号码", "电话", "电话号码", "手机", "手机号", "手机号码",
              "联系电话", "联系方式", "客户号码", "客户电话", "number", "phone", "phonenumber", "tel", "mobile",
              "othernumber", "remotenumber", "对方"),
    "caller": ("主叫号码", "主叫", "主叫方", "caller", "from", "callingnumber", "ani", "src"),
    "callee": ("被叫号码", "被叫", "被叫方", "callee", "to", "callednumber", "dnis", "dst"),
    "direction": ("通信方式", "呼叫类型", "方向", "呼叫方向", "通话类型", "主被叫", "呼叫方式", "type", "direction",
                  "calltype", "calldirection"),
    "duration": ("通信时长", "通话时长", "时长", "通话时间长", "duration", "talklength", "talktime", "billsec",
                 "calllength", "seconds", "durationsec"),
    "result": ("呼叫结果", "通话状态", "接通状态", "是否接通", "通话结果", "状态", "status", "result", "disposition",
               "callstatus", "callresult"),
    "own": ("本机号码", "本方号码", "我方号码", "本端号码", "主号码", "ownnumber", "mynumber", "line"),
    "name": ("联系人", "姓名", "对方姓名", "客户姓名", "名称", "名字", "contactname", "name", "fullname", "客户"),
    "relation": ("关系", "类别", "分组", "客户类型", "relation", "relationship", "category", "group"),
    "purpose": ("事由", "用途", "备注", "业务", "沟通事由", "purpose", "note", "notes", "remark", "memo"),
    "agent": ("坐席", "工号", "坐席工号", "agent", "agentid"),
}

_INDEX = {alias: field for field, names in ALIASES.items() for alias in names}
_UNIT = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]$")
_SPACES = re.compile(r"[\s_\-:：]+")
HEADER_SCAN_ROWS = 40


def norm_header(cell: object) -> str:
    if cell is None:
        return ""
    text = _SPACES.sub("", str(cell).strip().lower().lstrip("\ufeff"))
    return _UNIT.sub("", text)


def match_header(row: list) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(row[:200]):
        field = _INDEX.get(norm_header(cell))
        if field and field not in found:
            found[field] = i
    return found


def is_call_header(cols: dict[str, int]) -> bool:
    has_time = "time" in cols or "date" in cols
    has_party = "other" in cols or ("caller" in cols and "callee" in cols)
    return has_time and has_party and ("duration" in cols or "direction" in cols or "end" in cols
                                       or ("caller" in cols and "callee" in cols))


def is_contact_header(cols: dict[str, int]) -> bool:
    return "other" in cols and ("name" in cols or "relation" in cols) and not is_call_header(cols)


def find_header(rows: Iterator[tuple[int, list]], want) -> tuple[dict[str, int], int, list[str]]:
    """Consume rows up to the header; return its columns, line and the title lines above it."""
    titles: list[str] = []
    for n, (line, row) in enumerate(rows):
        if n >= HEADER_SCAN_ROWS:
            break
        cols = match_header(row)
        if want(cols):
            return cols, line, titles
        text = " ".join(str(c) for c in row if c not in (None, ""))
        if text:
            titles.append(text[:500])
    return {}, 0, titles
