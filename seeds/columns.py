"""The roster format: sheets, columns and enumerations, in Chinese and English.

This module is the single description of what a committee roster looks like. The reader maps
headers through it, the writer (demo workbooks, the empty template) writes from it, and the README
documents it. Canonical values are English snake_case; each enumeration accepts its Chinese words
as well.

Example::

    >>> SHEETS["residents"].column("姓名").key
    'name'
    >>> HOUSING_TYPES.parse("联排")
    'townhouse'
"""

from __future__ import annotations

from graph.analysis.windows import WINDOW_WORDS
from graph.vocabulary import ROLE_SCOPE_LEVEL as ROLE_SCOPE_LEVEL
from seeds.column_types import Column as Column
from seeds.column_types import Enum as Enum
from seeds.column_types import Sheet as Sheet
from seeds.column_types import column as _c
from seeds.ledger_columns import LEDGER_SHEETS

HOUSING_TYPES = Enum(
    "房屋类型",
    "housing type",
    {
        "high_rise": ("高层", "high-rise", "highrise"),
        "stacked": ("叠加", "叠加别墅"),
        "townhouse": ("联排", "联排别墅"),
        "villa": ("独栋", "独栋别墅", "detached"),
    },
)
GENDERS = Enum("性别", "gender", {"female": ("女", "f"), "male": ("男", "m")})
MOBILITY = Enum(
    "行动能力",
    "mobility",
    {
        "independent": ("自理",),
        "assisted": ("半自理",),
        "dependent": ("失能", "不能自理"),
    },
)
YES_NO = Enum("是否", "yes/no", {"yes": ("是", "y", "true", "1"), "no": ("否", "n", "false", "0")})
PARTY = Enum(
    "党员类型",
    "party registration",
    {
        "double": ("在职双报到", "双报到", "在职"),
        "retired": ("退休",),
        "community": ("社区",),
    },
)
PERSON_KINDS = Enum(
    "人员类型",
    "kind of person",
    {
        "committee_staff": ("居委干部", "居委", "staff"),
        "grid_worker": ("网格员",),
        "doctor": ("家庭医生", "医生"),
        "volunteer": ("志愿者",),
        "property": ("物业",),
        "owners_committee": ("业委会",),
        "owner": ("业主", "非居住业主"),
    },
)
ROLES = Enum(
    "职务",
    "role",
    {
        "first_floor_chief": ("第一楼组长",),
        "second_floor_chief": ("第二楼组长",),
        "grid_worker": ("网格员",),
        "block_leader": ("块长",),
    },
)
HELPER_KINDS = Enum(
    "帮扶类型",
    "kind of helper",
    {
        "family": ("亲属",),
        "neighbour": ("邻居", "neighbor"),
        "volunteer": ("志愿者",),
        "party_member": ("党员",),
        "floor_chief": ("楼组长",),
        "other": ("其他",),
    },
)
VISIT_MODES = Enum(
    "走访方式",
    "mode of visit",
    {"home": ("上门", "入户"), "phone": ("电话",), "wechat": ("微信",)},
)
# Household relations are free text in rosters; these are the ones we recognise and normalise.
RELATIONS = Enum(
    "与户主关系",
    "relation to the head of household",
    {
        "head": ("户主", "本人"),
        "spouse": ("配偶", "妻", "夫", "妻子", "丈夫"),
        "child": ("子女", "子", "女", "儿子", "女儿"),
        "parent": ("父母", "父亲", "母亲"),
        "grandchild": ("孙子女", "孙子", "孙女", "外孙", "外孙女"),
        "sibling": ("兄弟姐妹",),
        "other": ("其他",),
    },
)
# When someone can be reached (graph/analysis/windows.py); "always" stands for all four.
AVAILABILITY = Enum(
    "可联系时段",
    "availability window",
    {
        **{w: words for w, words in WINDOW_WORDS.items()},
        "always": ("全天", "随时", "任何时间", "all"),
    },
)
TAG_SEPARATORS = (";", "；")  # also between the owners of a dwelling
KNOWN_TAGS = ("独居", "高龄", "残疾", "空巢", "孤老", "低保")


# Residents' and other people's alike.
AVAILABILITY_COLUMN = _c(
    "availability",
    "可联系时段",
    False,
    "工作日白天/工作日晚间/夜间/周末，以分号分隔，全天 = 随时；空着按类型默认",
    "weekday_day/weekday_evening/night/weekend separated by ;, or always; empty: the rules' "
    "default for who they are",
    AVAILABILITY,
)
COMMUNITY = Sheet(
    "community",
    "社区",
    "一行：本名册所属的社区，及其街道（镇）和区",
    "one row: the community this roster is of, and its street (or town) and district",
    (
        _c("community", "社区编号", True, "社区（居委会）编号，全区唯一", "community code"),
        _c("community_name", "社区名称", False, "如 青松社区", "name, e.g. 青松社区"),
        _c("street", "街道编号", False, "街道或镇的编号", "street or town code"),
        _c("street_name", "街道名称", False, "如 夏阳街道", "name, e.g. 夏阳街道"),
        _c("district", "区编号", False, "区的编号", "district code"),
        _c("district_name", "区名称", False, "如 青浦区", "name, e.g. 青浦区"),
    ),
)
GRID = Sheet(
    "grid",
    "网格",
    "每行一个楼道（或独栋区域）及其所在楼栋",
    "one row per corridor (or villa region) and the building it is in",
    (
        _c("area", "小区", True, "小区（期）编号", "residential area code"),
        _c("micro_grid", "微网格", True, "微网格编号", "micro-grid code"),
        _c("block", "责任块", True, "责任块编号", "responsibility block code"),
        _c("corridor", "楼道", True, "楼道或区域编号", "corridor or region code"),
        _c("building", "楼栋", True, "楼栋编号", "building code"),
        _c("housing_type", "房屋类型", True, "高层/叠加/联排/独栋", "housing type", HOUSING_TYPES),
    ),
)
RESIDENTS = Sheet(
    "residents",
    "居民",
    "每行一位居民",
    "one row per resident",
    (
        _c("resident_id", "居民编号", True, "唯一编号", "unique id"),
        _c("name", "姓名", True, "姓名", "name"),
        _c("gender", "性别", True, "男/女", "male/female", GENDERS),
        _c("birth_year", "出生年份", True, "四位年份，如 1948", "four-digit year, e.g. 1948"),
        _c("household_id", "户号", True, "户编号", "household id"),
        _c("relation", "与户主关系", False, "户主/配偶/子女/父母…", "head/spouse/child/parent…"),
        _c("corridor", "楼道", True, "楼道或区域编号（见网格表）", "corridor code (grid sheet)"),
        _c("room", "室号", True, "室号，如 502", "room, e.g. 502"),
        _c("phone", "联系电话", False, "联系电话", "phone number"),
        _c("mobility", "行动能力", False, "自理/半自理/失能", "mobility", MOBILITY),
        _c("smartphone", "会用智能手机", False, "是/否", "yes/no", YES_NO),
        _c("tags", "标签", False, "以分号分隔，如 独居;高龄", "separated by ;, e.g. 独居;高龄"),
        _c("party", "党员类型", False, "在职双报到/退休/社区，非党员留空", "party", PARTY),
        _c("family_doctor", "家庭医生", False, "签约医生的人员编号", "person_id of the doctor"),
        AVAILABILITY_COLUMN,
    ),
)
PEOPLE = Sheet(
    "people",
    "人员",
    "每行一位非居民工作人员：居委干部、网格员、家庭医生、志愿者等",
    "one row per non-resident: staff, grid workers, doctors, volunteers…",
    (
        _c("person_id", "人员编号", True, "唯一编号", "unique id"),
        _c("name", "姓名", True, "姓名", "name"),
        _c(
            "kind",
            "类型",
            True,
            "居委干部/网格员/家庭医生/志愿者/物业/业委会/业主（非居住）",
            "kind",
            PERSON_KINDS,
        ),
        _c("organisation", "单位", False, "所在单位", "organisation"),
        _c("phone", "联系电话", False, "联系电话", "phone number"),
        _c("capacity", "容量", False, "最多可照看人数", "how many people they can look after"),
        AVAILABILITY_COLUMN,
    ),
)
DWELLINGS = Sheet(
    "dwellings",
    "房屋",
    "每行一套房屋（专有部分）：其专有面积与业主，供业主共同决定计票；可只列部分房屋",
    "one row per dwelling (exclusive part): its floor area and owners, for owners' votes; "
    "any subset of the dwellings",
    (
        _c("corridor", "楼道", True, "楼道或区域编号（见网格表）", "corridor code (grid sheet)"),
        _c("room", "室号", True, "室号，如 502", "room, e.g. 502"),
        _c(
            "exclusive_area",
            "专有面积",
            False,
            "不动产登记的专有部分面积，平方米，最多两位小数，如 89.52",
            "registered exclusive floor area in m², at most two decimals, e.g. 89.52",
        ),
        _c(
            "owners",
            "业主",
            False,
            "居民编号或人员编号，以分号分隔，共有人全部列出",
            "resident or person ids separated by ;, every co-owner listed",
        ),
    ),
)
ROLES_SHEET = Sheet(
    "roles",
    "职务",
    "每行一项任职",
    "one row per role held",
    (
        _c("person_id", "人员编号", True, "居民编号或人员编号", "a resident_id or a person_id"),
        _c("role", "职务", True, "第一楼组长/第二楼组长/网格员/块长", "role", ROLES),
        _c("scope", "范围", True, "楼道、责任块或微网格编号", "corridor, block or micro-grid code"),
        _c("since", "开始", True, "开始日期", "start date"),
        _c("until", "结束", False, "结束日期（可空）", "end date (optional)"),
    ),
)
HELPERS = Sheet(
    "helpers",
    "结对",
    "每行一对帮扶关系",
    "one row per helper pairing",
    (
        _c("helper_id", "帮扶人", True, "居民编号或人员编号", "a resident_id or a person_id"),
        _c("resident_id", "对象", True, "被帮扶居民编号", "resident_id of the person helped"),
        _c("kind", "类型", True, "亲属/邻居/志愿者/党员/楼组长/其他", "kind", HELPER_KINDS),
        _c("since", "开始", True, "开始日期", "start date"),
        _c("until", "结束", False, "结束日期（可空）", "end date (optional)"),
    ),
)
VISITS = Sheet(
    "visits",
    "走访",
    "每行一次走访",
    "one row per visit",
    (
        _c("date", "日期", True, "走访日期", "date of the visit"),
        _c("visitor_id", "走访人", True, "居民编号或人员编号", "a resident_id or a person_id"),
        _c("resident_id", "对象", True, "被走访居民编号", "resident_id of the person visited"),
        _c("mode", "方式", True, "上门/电话/微信", "home/phone/wechat", VISIT_MODES),
        _c("note", "备注", False, "备注（可空）", "note (optional)"),
    ),
)

SHEETS: dict[str, Sheet] = {
    s.key: s
    for s in (
        COMMUNITY, GRID, RESIDENTS, PEOPLE, DWELLINGS, ROLES_SHEET, HELPERS, VISITS, *LEDGER_SHEETS,
    )
}  # fmt: skip


def sheet_for(name: str) -> Sheet | None:
    """The sheet a workbook tab or CSV file stem names, in either language."""
    n = name.strip().lower()
    for s in SHEETS.values():
        if n in (s.key, s.zh):
            return s
    return None
