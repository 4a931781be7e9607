"""`appealkit init`: a commented case.toml and, optionally, folders to drag files into."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from appealkit.classify import DOC_TYPE_NAMES
from appealkit.config import CASE_FILE
from appealkit.errors import UsageError

FOLDERS = ("通话记录", "通讯录", *DOC_TYPE_NAMES)

_TEMPLATE = """\
# appealkit 案件配置。以 # 开头的行是说明,可以删除。
# 填好后运行:appealkit check 本文件夹   (自查材料)
#             appealkit build 本文件夹   (生成证据包)

# 企业名称,须与营业执照完全一致;个人申诉填本人姓名(必填)
company = {company}
# 文件名中使用的简称(可选,默认同 company)
# short_name = "某某教育"
# 统一社会信用代码(企业填写;会校验最后一位)
# credit_code = "91350100M000100Y43"

# 被标记的号码(必填):手机、带区号的固定电话、400/800 或 95xxx
numbers = {numbers}
# 被标记的平台(必填),如 360、腾讯手机管家、百度、搜狗号码通、电话邦、华为、小米、OPPO、vivo
platforms = {platforms}
# 错误的标记(必填),如 骚扰电话、广告推销、诈骗电话
mark = {mark}

# 申诉类型:误标申诉(默认)、常规复核、风险隔离、功能升级
appeal_type = "误标申诉"
# 申诉日期:所有文件中的日期都取自这里(统计窗口为此前 window_days 天,含当天)
appeal_date = {today}
window_days = 30
# 第三方号码是否脱敏显示(如 138****5678);建议保持 true
mask_numbers = true

# 可选:行业、营业执照有效期、被标记的起始日期、是否二次放号、写进申诉函的说明
# industry = "教育培训"
# license_expiry = 2030-12-31
# mark_since = 2026-11-01
# recycled_number = false
# statement = "我司为学员提供课程咨询与回访服务……"

[applicant]
# name = "张三"
# role = "法定代表人"   # 法定代表人 / 经办人 / 本人
# phone = "13800138000"

# 可选:没有通讯录时,按号码或前缀给通话对象标注关系
# [relationships]
# default = "客户-业务回访"
# [[relationships.rules]]
# prefix = "0571"
# label = "合作方-项目沟通"
"""

DROP_IN = """请把以下材料放进 {dir}(任意子文件夹均可):
  • 通话记录:运营商通话详单(xls/xlsx/csv/pdf)、手机通话记录备份(calls-*.xml、calllog.db、CallHistory.storedata)、外呼系统话单
  • 通讯录:手机导出的 .vcf,或客户名单表格(号码、姓名、关系、事由)
  • 证明材料:营业执照、法人身份证、手持身份证照片、号码使用证明、服务合同、保密协议、客户评价截图、预约记录、资格证书
  • 公章图片(文件名含「公章」,透明背景 PNG),会盖在申诉函上
文件名含材料名称即可自动识别,例如「营业执照.jpg」「合同-20261015.pdf」。"""


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _toml_list(values: tuple[str, ...] | list[str], placeholder: str) -> str:
    return "[" + ", ".join(_toml_str(v) for v in (values or [placeholder])) + "]"


def init_case(case_dir: Path, *, company: str = "", numbers: tuple[str, ...] = (), platforms: tuple[str, ...] = (),
              mark: str = "", folders: bool = False, force: bool = False, today: date | None = None) -> Path:
    target = case_dir / CASE_FILE
    if target.exists() and not force:
        raise UsageError(f"{target} 已存在,未覆盖", "如需重新生成,请加 --force")
    case_dir.mkdir(parents=True, exist_ok=True)
    text = _TEMPLATE.format(company=_toml_str(company or "请填写企业名称"),
                            numbers=_toml_list(numbers, "020-87654321"),
                            platforms=_toml_list(platforms, "360"),
                            mark=_toml_str(mark or "骚扰电话"),
                            today=(today or date.today()).isoformat())
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(target)
    if folders:
        for name in FOLDERS:
            (case_dir / name).mkdir(exist_ok=True)
    return target
