"""A small roster with a ledger (matters, a meeting and its decisions, projects) for tests, built
on :func:`tests.seeds.rosters.minimal_valid_sheets`; the community is named (``QS``) so that a
matter may be about the community itself."""

from __future__ import annotations

from typing import Any

from tests.seeds.rosters import Sheets, minimal_valid_sheets

COMMUNITY = "QS"
MATTERS: list[list[Any]] = [
    ["议题编号", "标题", "地点", "类别", "层级", "提出人", "提出日期", "受理日期", "升级日期",
     "办结日期", "办结方式", "办结结果", "说明"],
    # row 2: solved within the building
    ["2025-01", "楼道堆物", "12-1", "环境", "楼组", "R001", "2025-10-01", "2025-10-02", None,
     "2025-10-10", "解决", "已清理", None],
    # row 3: escalated twice, still open at the community vote
    ["2025-02", "停车难", "P1", "停车", "楼组", "R004", "2025/10/1", None,
     "2025-10-20；2025-11-20", None, None, None, "夜间车位不足"],
    # row 4: accepted, escalated, resolved: accepted again on the day it is resolved
    ["2025-03", "雨污混接", "QS", "设施", "楼组", None, "2025-09-01", "2025-09-03",
     "2025-09-20", "2025-12-01", "解决", "纳入微更新", None],
    # row 5: raised, still open
    ["2026-01", "健身器材损坏", "P1-B3", "设施", "协商", "W01", "2026-01-05", None, None,
     None, None, None, None],
]  # fmt: skip
MEETINGS: list[list[Any]] = [
    ["会议编号", "主题", "日期", "地点", "会场", "议题", "参会人员"],
    ["G1", "停车与雨污协商会", "2025-10-25", "P1", "社区活动室", "2025-02;2025-03",
     "R004:居民;W01:居委会;R007:业委会;V01：物业公司"],
]  # fmt: skip
DECISIONS: list[list[Any]] = [
    ["会议编号", "序号", "决议内容", "责任方", "完成期限", "完成日期"],
    ["G1", 1, "夜间开放东侧空地停车", "物业公司", "2025-11-30", "2025-11-28"],
    ["G1", 2, "雨污分流方案报街道", "居委会", "2025-12-31", None],
]  # fmt: skip
PROJECTS: list[list[Any]] = [
    ["项目编号", "项目名称", "类型", "地点", "决定依据", "预算", "资金来源", "立项日期",
     "批准日期", "开工日期", "完工日期", "说明"],
    ["W-1", "雨污分流改造", "管网", "12-1;12-2", "2025-03", "12万", "街道自治金",
     "2025-12-02", "2025-12-20", "2026-01-10", None, None],
    ["W-2", "门岗翻新", "门岗", "P1", None, 30000, "维修资金", "2025-11-01", None, None, None,
     None],
]  # fmt: skip


def ledger_sheets(**replace: list[list[Any]]) -> Sheets:
    """The minimal roster with a community sheet and the ledger above (a sheet replaced by
    passing it by its key: ``matters=[…]``)."""
    sheets = minimal_valid_sheets()
    sheets["社区"] = [["社区编号", "社区名称"], [COMMUNITY, "青松社区"]]
    given = {"matters": MATTERS, "meetings": MEETINGS, "decisions": DECISIONS,
             "projects": PROJECTS} | replace  # fmt: skip
    names = {"matters": "议题", "meetings": "议事会", "decisions": "决议", "projects": "微更新"}
    return sheets | {names[k]: [list(r) for r in rows] for k, rows in given.items()}
