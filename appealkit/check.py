"""Readiness: what each platform and review kind asks for, checked against the case."""
from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from functools import lru_cache

from appealkit.checksums import id_number_problem
from appealkit.classify import date_in_name
from appealkit.config import CaseConfig
from appealkit.model import Document
from appealkit.profiles import platforms
from appealkit.resources import templates_dir
from appealkit.stats import Stats

IDENTITY = "身份证明"
CALL_LOGS = "通话记录"


@dataclass
class CheckItem:
    name: str
    required: bool
    found: bool
    files: list[str] = field(default_factory=list)
    detail: str = ""


@dataclass
class Problem:
    level: str  # "错误" blocks readiness, "警告" does not
    message: str


@dataclass
class Readiness:
    items: list[CheckItem]
    problems: list[Problem]
    estimate_now: str
    estimate_complete: str

    @property
    def ready(self) -> bool:
        return all(i.found for i in self.items if i.required) and not any(p.level == "错误" for p in self.problems)

    @property
    def missing(self) -> list[str]:
        return [i.name for i in self.items if i.required and not i.found]

    def to_dict(self) -> dict:
        return {"ready": self.ready, "missing": self.missing, "items": [asdict(i) for i in self.items],
                "problems": [asdict(p) for p in self.problems],
                "estimate_now": self.estimate_now, "estimate_complete": self.estimate_complete}


@lru_cache(maxsize=1)
def materials() -> dict[str, dict]:
    with (templates_dir() / "materials.toml").open("rb") as f:
        return tomllib.load(f)


@lru_cache(maxsize=8)
def review_profile(name: str) -> dict:
    with (templates_dir() / "reviews" / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def _expand(name: str, company: bool) -> list[str]:
    if name == IDENTITY:
        return ["营业执照", "法人身份证"] if company else ["法人身份证", "手持身份证"]
    return [name]


def wanted_items(case: CaseConfig) -> list[tuple[str, bool]]:
    """(material, required) for the case's review kind and platforms, required first."""
    review = review_profile(case.appeal_type)
    required: list[str] = []
    recommended: list[str] = []
    for name in review["required"]:
        required += _expand(name, case.is_company)
    for pid in case.platforms:
        for name in platforms()[pid].required:
            required += _expand(name, case.is_company)
    for name in review["recommended"]:
        recommended += _expand(name, case.is_company)
    for pid in case.platforms:
        for name in platforms()[pid].recommended:
            recommended += _expand(name, case.is_company)
    if not case.is_company:
        recommended.append("资格证书")
        if "营业执照" in required:  # a freelancer has no licence; their ID stands in for it
            required.remove("营业执照")
    req = list(dict.fromkeys(required))
    rec = [r for r in dict.fromkeys(recommended) if r not in req and not (not case.is_company and r == "营业执照")]
    return [(r, True) for r in req] + [(r, False) for r in rec]


def check_case(case: CaseConfig, documents: list[Document], call_files: list[str], calls_in_window: int,
               numbers_seen: set[str], stats: Stats | None) -> Readiness:
    items = [_item(name, required, documents, call_files, calls_in_window) for name, required in wanted_items(case)]
    problems = _validity(case, documents, numbers_seen, call_files)
    if stats is not None:
        problems += [Problem("警告", f.verdict) for f in stats.flags]
    now, complete = _estimate(case, items)
    return Readiness(items, problems, now, complete)


def _item(name: str, required: bool, documents: list[Document], call_files: list[str], calls: int) -> CheckItem:
    how = materials().get(name, {}).get("how", "")
    if name == CALL_LOGS:
        if calls:
            return CheckItem(name, required, True, call_files, f"窗口内 {calls} 次通话,来自 {len(call_files)} 个文件")
        detail = "已有文件,但窗口内没有通话:" + how if call_files else how
        return CheckItem(name, required, False, call_files, detail)
    types = materials().get(name, {}).get("types", [name])
    files = [d.rel for d in documents if d.doc_type in types]
    return CheckItem(name, required, bool(files), files, "、".join(files) if files else how)


def _validity(case: CaseConfig, documents: list[Document], numbers_seen: set[str], call_files: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    expiry = case.license_expiry
    if expiry is None:
        dates = [date_in_name(d.path.stem.split("有效期")[-1]) for d in documents
                 if d.doc_type == "营业执照" and "有效期" in d.path.stem]
        expiry = next((x for x in dates if x), None)
    if expiry is not None:
        if expiry < case.appeal_date:
            problems.append(Problem("错误", f"营业执照已于 {expiry:%Y-%m-%d} 过期,平台会要求在有效期内的执照,请先换领"))
        elif expiry <= case.appeal_date + timedelta(days=30):
            problems.append(Problem("警告", f"营业执照将于 {expiry:%Y-%m-%d} 到期(30 天内),建议尽快换领"))
    if case.applicant.id_number:
        problem = id_number_problem(case.applicant.id_number)
        if problem:
            problems.append(Problem("错误", f"applicant.id_number:{problem}"))
    if call_files:
        for n in case.numbers:
            if n not in numbers_seen:
                problems.append(Problem("警告", f"申诉号码 {n} 没有出现在任何通话记录中,请补充该号码的通话详单"))
    return problems


def _estimate(case: CaseConfig, items: list[CheckItem]) -> tuple[str, str]:
    review = review_profile(case.appeal_type)
    low, high = review["typical_days"]
    for pid in case.platforms:
        p_low, p_high = platforms()[pid].typical_days
        low, high = max(low, p_low), max(high, p_high)
    complete = f"约 {_days(low)} 天"
    missing = [i for i in items if i.required and not i.found]
    now = complete if not missing else f"约 {_days(high)} 天或更久(缺少:{'、'.join(i.name for i in missing)})"
    return now, complete


def _days(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
