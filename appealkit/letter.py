"""The appeal letter's text, filled from a template in templates/letters/."""
from __future__ import annotations

from string import Template

from appealkit import numbers
from appealkit.config import CaseConfig
from appealkit.model import Document
from appealkit.profiles import PlatformProfile, names, platforms
from appealkit.resources import templates_dir
from appealkit.stats import Stats


def template_for(platform_ids: list[str]) -> tuple[str, str]:
    """(template name, text): a platform's own when the bundle is for one platform."""
    name = "generic"
    if len(platform_ids) == 1:
        name = platforms()[platform_ids[0]].letter
    path = templates_dir() / "letters" / f"{name}.txt"
    if not path.is_file():
        name, path = "generic", templates_dir() / "letters" / "generic.txt"
    return name, path.read_text("utf-8")


def letter_fields(case: CaseConfig, profiles: list[PlatformProfile], stats: Stats,
                  exhibits: list[Document]) -> dict[str, str]:
    company = case.is_company
    subject = "本单位" if company else "本人"
    nums = "、".join(numbers.display(n) for n in case.numbers)
    if company:
        intro = f"{case.company}(统一社会信用代码:{case.credit_code})是依法登记设立的企业"
        intro += f",从事{case.industry}" if case.industry else ""
        intro += "。"
    else:
        intro = f"本人{case.company}" + (f",从事{case.industry}" if case.industry else "") + "。"
    usage = f"号码 {nums} 由{subject}使用,用于与客户的业务联系(预约、回访、项目沟通等)。"
    if company and case.applicant.name and case.applicant.role == "经办人":
        usage += f"经办人为{case.applicant.name}。"
    if case.mark_since:
        mark_line = f"自 {case.mark_since:%Y年%m月%d日} 起,该号码被标记为「{case.mark}」。"
    else:
        mark_line = f"近期该号码被标记为「{case.mark}」。"
    recycled = {True: "该号码为运营商二次放号的号码,现有标记可能源自前任机主的使用,与{s}无关。",
                False: "该号码非二次放号号码,一直由{s}使用。",
                None: ""}[case.recycled_number].format(s=subject)
    a = case.applicant
    contact = "、".join(x for x in (a.name and f"{a.role or '联系人'}:{a.name}", a.phone and f"电话:{a.phone}") if x)
    signature = "\n".join(x for x in (
        f"申诉{'单位' if company else '人'}:{case.company}" + ("(盖章)" if company else "(签字)"),
        contact, f"日期:{case.appeal_date:%Y年%m月%d日}") if x)
    exhibit_lines = "\n".join(f"{d.exhibit_no}. 附件{d.exhibit_no} {d.doc_type}" for d in exhibits) or "(无)"
    exhibit_lines += f"\n{len(exhibits) + 1}. 近 {case.window_days} 天通话时间线及统计(见本材料)"
    return {
        "platform": names([p.id for p in profiles]),
        "company": case.company,
        "numbers": nums,
        "mark": case.mark,
        "subject": subject,
        "business": "经营活动" if company else "执业活动",
        "intro": intro,
        "usage": usage,
        "mark_line": mark_line,
        "statement": case.statement or "",
        "key_figures": stats.key_sentence(),
        "recycled_line": recycled,
        "exhibits": exhibit_lines,
        "signature": signature,
        "date": f"{case.appeal_date:%Y年%m月%d日}",
    }


def render_letter(case: CaseConfig, platform_ids: list[str], stats: Stats,
                  exhibits: list[Document]) -> tuple[str, list[str]]:
    """(template name, paragraphs). Empty paragraphs (an unset field) disappear."""
    name, text = template_for(platform_ids)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    profiles = [platforms()[p] for p in platform_ids]
    filled = Template(body).substitute(letter_fields(case, profiles, stats, exhibits))
    paragraphs = [p.strip("\n") for p in filled.split("\n\n")]
    return name, [p for p in paragraphs if p.strip()]
