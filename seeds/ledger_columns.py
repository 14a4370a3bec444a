"""The ledger sheets of a roster (台账): matters, consultation meetings and their decisions, and
micro-renewal projects, as a committee keeps them on paper. All four are optional; a roster
without them loads as before. Their canonical values are the graph's own
(:mod:`graph.analysis.matters`, :mod:`graph.governance.meetings`, :mod:`graph.governance.projects`),
each with the Chinese words the page uses.

A ledger is history: loading it adds what the graph does not hold yet and never removes or
rewrites a step already taken (see the README, "Ledger sheets").
"""

from __future__ import annotations

from graph.analysis.matters import CATEGORIES, LEVELS
from graph.governance.meetings import CAPACITIES
from graph.governance.projects import FUNDING
from graph.governance.projects import KINDS as PROJECT_KIND_KEYS
from seeds.column_types import Enum, Sheet
from seeds.column_types import column as _c

__all__ = [
    "ATTENDEE_SEPARATORS",
    "CAPACITY_WORDS",
    "DECISIONS",
    "ENDINGS",
    "FUNDING_SOURCES",
    "LEDGER_SHEETS",
    "MATTERS",
    "MATTER_CATEGORIES",
    "MATTER_LEVELS",
    "MEETINGS",
    "PROJECTS",
    "PROJECT_KINDS",
]


_Words = dict[str, tuple[str, ...]]


def _ordered(words: _Words, keys: tuple[str, ...]) -> _Words:
    # In the graph's order, and a KeyError at import if a canonical value lacks its words.
    return {k: words[k] for k in keys}


MATTER_LEVELS = Enum(
    "议题层级",
    "matter level",
    _ordered(
        {
            "building": ("楼组", "楼组自治", "楼内"),
            "consultation": ("协商", "议事协商", "协商议事"),
            "community_vote": ("社区表决", "表决"),
        },
        LEVELS,
    ),
)
MATTER_CATEGORIES = Enum(
    "议题类别",
    "matter category",
    _ordered(
        {
            "environment": ("环境", "环境卫生"),
            "parking": ("停车",),
            "safety": ("安全", "消防安全"),
            "repairs": ("维修", "报修"),
            "neighbour_dispute": ("邻里纠纷", "纠纷", "neighbor_dispute"),
            "elderly_care": ("为老服务", "养老"),
            "greening": ("绿化",),
            "facilities": ("设施", "公共设施"),
            "other": ("其他",),
        },
        CATEGORIES,
    ),
)
ENDINGS = Enum(
    "办结方式",
    "how it ended",
    {"resolve": ("解决", "已解决", "resolved"), "close": ("关闭", "已关闭", "closed")},
)
CAPACITY_WORDS = Enum(
    "参会身份",
    "taking part as",
    _ordered(
        {
            "resident": ("居民", "居民代表"),
            "floor_chief": ("楼组长",),
            "party_member": ("党员",),
            "committee_staff": ("居委会", "居委", "居委干部"),
            "owners_committee": ("业委会",),
            "property_company": ("物业公司", "物业"),
            "other": ("其他",),
        },
        CAPACITIES,
    ),
)
PROJECT_KINDS = Enum(
    "项目类型",
    "kind of project",
    _ordered(
        {
            "road": ("道路", "道路修缮"),
            "greening": ("绿化",),
            "lighting": ("照明",),
            "parking": ("停车", "停车位"),
            "gate": ("门岗", "门头"),
            "pipes": ("管网", "雨污分流"),
            "accessibility": ("适老化", "无障碍"),
            "facilities": ("设施",),
            "other": ("其他",),
        },
        PROJECT_KIND_KEYS,
    ),
)
FUNDING_SOURCES = Enum(
    "资金来源",
    "funding source",
    _ordered(
        {
            "street_budget": ("街道自治金", "自治金"),
            "maintenance_fund": ("维修资金", "专项维修资金"),
            "property_company": ("物业",),
            "residents": ("居民自筹", "自筹"),
            "government": ("政府", "财政"),
            "other": ("其他",),
        },
        FUNDING,
    ),
)
ATTENDEE_SEPARATORS = (":", "：")  # between a person's id and as what they took part

_ID_ZH = "本台账内的编号，如 2025-03；引用图中已有的议题时写其完整编号（如 QS/M-1A2B3C4D）"
_ID_EN = "an id of this ledger, e.g. 2025-03; a matter already in the graph by its full id"
MATTERS = Sheet(
    "matters",
    "议题",
    "每行一个议题及其经过：提出、受理、升级、办结（台账导入）",
    "one row per matter and what happened to it: raised, accepted, escalated, ended (a ledger)",
    (
        _c(
            "matter_id",
            "议题编号",
            True,
            "本台账内唯一的编号，如 2025-03",
            "unique id, e.g. 2025-03",
        ),
        _c("title", "标题", True, "议题标题", "title"),
        _c(
            "place",
            "地点",
            True,
            "楼道、责任块、微网格、小区或社区的编号",
            "code of a corridor, block, micro-grid, area or the community",
        ),
        _c(
            "category",
            "类别",
            True,
            "环境/停车/安全/维修/邻里纠纷/为老服务…",
            "category",
            MATTER_CATEGORIES,
        ),
        _c(
            "level",
            "层级",
            True,
            "提出时的层级：楼组/协商/社区表决",
            "level raised at",
            MATTER_LEVELS,
        ),
        _c("raised_by", "提出人", False, "居民编号或人员编号", "resident or person id"),
        _c("raised_on", "提出日期", True, "提出日期", "day raised"),
        _c("accepted_on", "受理日期", False, "受理日期（可空）", "day accepted (optional)"),
        _c(
            "escalated_on",
            "升级日期",
            False,
            "升至上一层级的日期；两次升级以分号分隔",
            "day(s) it moved up a level; two separated by ;",
        ),
        _c("ended_on", "办结日期", False, "解决或关闭的日期", "day resolved or closed"),
        _c(
            "ended_as",
            "办结方式",
            False,
            "解决/关闭（写了办结日期时必填）",
            "resolve/close",
            ENDINGS,
        ),
        _c("outcome", "办结结果", False, "办结时的结果（办结时必填）", "outcome (when ended)"),
        _c("description", "说明", False, "议题说明", "description"),
    ),
)
MEETINGS = Sheet(
    "meetings",
    "议事会",
    "每行一次协商议事会",
    "one row per consultation meeting held",
    (
        _c("meeting_id", "会议编号", True, "本台账内唯一的编号", "unique id"),
        _c("title", "主题", True, "会议主题", "title"),
        _c("date", "日期", True, "召开日期", "day held"),
        _c(
            "place",
            "地点",
            True,
            "所议的楼道、责任块、小区或社区的编号",
            "code of the place it is of",
        ),
        _c("venue", "会场", False, "开会的地方，如 社区活动室", "where it was held"),
        _c("matters", "议题", False, _ID_ZH + "；以分号分隔", _ID_EN + "; separated by ;"),
        _c(
            "attendees",
            "参会人员",
            False,
            "编号:身份，以分号分隔，如 R0012:居民;P003:物业公司（身份：居民/楼组长/党员/居委会/"
            "业委会/物业公司/其他）",
            "id:as-what separated by ;, e.g. R0012:resident;P003:property_company",
        ),
    ),
)
DECISIONS = Sheet(
    "decisions",
    "决议",
    "每行一项议事会决议",
    "one row per decision of a meeting",
    (
        _c("meeting_id", "会议编号", True, "议事会表中的会议编号", "meeting id (meetings sheet)"),
        _c("seq", "序号", True, "该会议的第几项决议：1、2、3…", "its number in the meeting: 1, 2…"),
        _c("text", "决议内容", True, "决议内容", "what was decided"),
        _c("responsible", "责任方", True, "负责落实的人或单位", "who carries it out"),
        _c("due", "完成期限", False, "完成期限（可空）", "due date (optional)"),
        _c("done_on", "完成日期", False, "已完成时填写", "day done (when done)"),
    ),
)
PROJECTS = Sheet(
    "projects",
    "微更新",
    "每行一个微更新项目；状态由所填的日期得出",
    "one row per micro-renewal project; its status follows from the days given",
    (
        _c("project_id", "项目编号", True, "本台账内唯一的编号", "unique id"),
        _c("title", "项目名称", True, "项目名称", "title"),
        _c("kind", "类型", True, "道路/绿化/照明/停车/门岗/管网/适老化…", "kind", PROJECT_KINDS),
        _c("places", "地点", True, "所涉地点的编号，以分号分隔", "codes of its places, by ;"),
        _c("decided_by", "决定依据", False, "决定它的议题编号" + "（" + _ID_ZH + "）", _ID_EN),
        _c("budget", "预算", False, "预算金额，元，如 120000", "budget in yuan, e.g. 120000"),
        _c(
            "funding",
            "资金来源",
            False,
            "街道自治金/维修资金/物业/居民自筹/政府/其他",
            "funding",
            FUNDING_SOURCES,
        ),
        _c("proposed_on", "立项日期", True, "立项日期", "day proposed"),
        _c("approved_on", "批准日期", False, "批准日期", "day approved"),
        _c("started_on", "开工日期", False, "开工日期", "day work started"),
        _c("done_on", "完工日期", False, "完工日期", "day done"),
        _c("description", "说明", False, "项目说明", "description"),
    ),
)
LEDGER_SHEETS = (MATTERS, MEETINGS, DECISIONS, PROJECTS)
