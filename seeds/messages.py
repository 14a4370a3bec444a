"""The words of the roster problems that several checks share, in Chinese and English.

Each returns ``(zh, en)`` (or a whole :class:`~seeds.rows.Problem`); a value that may be a phone or
an identity number is never quoted (:func:`seeds.cell_values.quoted`).
"""

from __future__ import annotations

from graph.vocabulary import ROLE_SCOPE_LEVEL
from seeds import columns
from seeds.cell_values import quoted
from seeds.columns import Column
from seeds.reader import RawRoster, RawSheet
from seeds.rows import Problem


def missing_sheet(raw: RawRoster, sheet: columns.Sheet) -> Problem:
    if raw.folder:
        zh = f"缺少“{sheet.zh}”表：文件夹中应有 {sheet.zh}.csv 或 {sheet.key}.csv"
        en = f"the {sheet.key} sheet is missing: the folder needs {sheet.key}.csv or {sheet.zh}.csv"
    else:
        zh = f"缺少“{sheet.zh}”表：工作簿中应有名为“{sheet.zh}”或“{sheet.key}”的工作表"
        en = f"the {sheet.key} sheet is missing: the workbook needs a sheet named “{sheet.key}” "
        en += f"or “{sheet.zh}”"
    if raw.found:
        zh += f"（现有：{'、'.join(raw.found[:10])}）"
        en += f" (found: {', '.join(raw.found[:10])})"
    return Problem(raw.file, sheet.zh, None, None, "missing_sheet", zh, en)


def missing_column(sheet: RawSheet, column: Column) -> Problem:
    return Problem(
        sheet.file,
        sheet.name,
        None,
        column.key,
        "missing_column",
        f"“{sheet.sheet.zh}”表缺少必填列“{column.zh}”（也可写作 {column.key}）；表头须在第 1 行",
        f"the {sheet.sheet.key} sheet has no {column.key} column (or {column.zh}); "
        "headers must be on row 1",
    )


def level_zh(level: str) -> str:
    column = columns.GRID.column(level)
    assert column is not None
    return column.zh


def level_en(level: str) -> str:
    return level.replace("_", "-")


def two_parents(
    child: str, parent: str, code: str, first: str, row: int, other: str
) -> tuple[str, str]:
    return (
        f"{level_zh(child)}“{code}”在第 {row} 行属于{level_zh(parent)}“{first}”，"
        f"这里却属于“{other}”（每个{level_zh(child)}只能属于一个{level_zh(parent)}）",
        f"{level_en(child)} “{code}” belongs to {level_en(parent)} “{first}” on row {row} "
        f"but to “{other}” here (a {level_en(child)} belongs to one {level_en(parent)} only)",
    )


def two_levels(code: str, first: str, row: int, level: str) -> tuple[str, str]:
    return (
        f"编号“{code}”在第 {row} 行是{level_zh(first)}，这里又是{level_zh(level)}；"
        "不同层级的编号不能相同",
        f"code “{code}” is a {level_en(first)} on row {row} and a {level_en(level)} here; "
        "codes must differ between levels",
    )


def duplicate_pair(pair: tuple[str, str], row: int) -> tuple[str, str]:
    corridor, building = pair
    return (
        f"楼道“{corridor}”与楼栋“{building}”已在第 {row} 行登记过，请删去重复的一行",
        f"corridor “{corridor}” in building “{building}” is already listed on row {row}; "
        "remove the repeated row",
    )


def duplicate_id(zh_name: str, en_name: str, value: str, row: int) -> tuple[str, str]:
    shown_zh, shown_en = quoted(value), quoted(value, " ")
    return (
        f"{zh_name}{shown_zh}在第 {row} 行已经用过，编号不能重复",
        f"{en_name}{shown_en} is already used on row {row}; ids must be unique",
    )


def id_is_resident(pid: str, row: int) -> tuple[str, str]:
    return (
        f"人员编号{quoted(pid)}已是“居民”表第 {row} 行的居民编号；人员编号与居民编号不能相同",
        f"person id{quoted(pid, ' ')} is already a resident id on row {row} of the residents "
        "sheet; person ids and resident ids must differ",
    )


def two_households(rid: str, row: int, first: str, other: str) -> tuple[str, str]:
    return (
        f"居民{quoted(rid)}在第 {row} 行已登记在户号“{first}”，这里又登记在户号“{other}”；"
        "一个人只能属于一户",
        f"resident{quoted(rid, ' ')} is already listed in household “{first}” on row {row} "
        f"and here in household “{other}”; a person belongs to one household only",
    )


def two_dwellings(
    household: str, row: int, first: tuple[str, str], other: tuple[str, str]
) -> tuple[str, str]:
    return (
        f"户号“{household}”的成员在第 {row} 行住在{first[0]} {first[1]}室，"
        f"这里却住在{other[0]} {other[1]}室；同一户只能有一处住址",
        f"household “{household}” lives in corridor {first[0]} room {first[1]} on row {row} "
        f"but in corridor {other[0]} room {other[1]} here; a household has one home",
    )


def no_corridor(corridor: str) -> tuple[str, str]:
    return (
        f"楼道“{corridor}”不在“网格”表中",
        f"corridor “{corridor}” is not in the grid sheet",
    )


def no_scope(scope: str) -> tuple[str, str]:
    return (
        f"范围“{scope}”不是“网格”表中的楼道、责任块或微网格编号",
        f"scope “{scope}” is not a corridor, block or micro-grid code of the grid sheet",
    )


def wrong_scope(scope: str, level: str, role: str) -> tuple[str, str]:
    wanted = ROLE_SCOPE_LEVEL[role]
    return (
        f"“{scope}”是{level_zh(level)}，而{columns.ROLES.zh(role)}的范围应是{level_zh(wanted)}",
        f"“{scope}” is a {level_en(level)}, but a {role.replace('_', ' ')} serves a "
        f"{level_en(wanted)}",
    )
