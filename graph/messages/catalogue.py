"""Every explanation Louzhi gives, in Chinese and English: one entry per message code.

Each entry names its parameters and their types (``person`` and ``place`` are
:class:`~graph.messages.message.Ref`; ``date`` a :class:`datetime.date`; ``count`` an int; the
word types ``kind``, ``role``, ``level``, ``mobility``, ``source`` and ``proximity`` are values
of the model, translated by :mod:`graph.messages.words`; ``kinds`` is a tuple of kinds; ``text``
is shown as it is). Parameters marked optional (``?``) may be absent: a role that reads no
personal details is given the message without them (a visit's date and visitor, a household).
A test renders every entry in both languages from these declarations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.messages.fmt import Fmt

__all__ = ["CATALOGUE", "Entry"]

Words = Callable[["Fmt"], str]


@dataclass(frozen=True)
class Entry:
    params: dict[str, str]  # name -> type; a name ending in "?" is optional
    zh: Words
    en: Words


def _en_s(n: str) -> str:
    return "" if n == "1" else "s"


def _contact_zh(f: Fmt) -> str:
    if f.has("last_on"):
        return f"（上次：{f('last_on')}，{f('last_by')}）"
    return "（从无记录）" if f.has("never") else ""


def _contact_en(f: Fmt) -> str:
    if f.has("last_on"):
        return f" (last on {f('last_on')} by {f('last_by')})"
    return " (none recorded)" if f.has("never") else ""


def _kinds_zh(f: Fmt) -> str:
    return f.words("kind", "kinds") or "无"


def _kinds_en(f: Fmt) -> str:
    return f.words("kind", "kinds") or "none"


def _aged_zh(f: Fmt) -> str:
    return f"{f('age')} 岁" if f.has("age") else f"{f('band')} 岁"


def _aged_en(f: Fmt) -> str:
    return f"aged {f('age')}" if f.has("age") else f"aged {f('band')}"


def _household_zh(f: Fmt) -> str:
    return f"（户 {f('household')}）" if f.has("household") else ""


def _household_en(f: Fmt) -> str:
    return f" {f('household')}" if f.has("household") else ""


def _place(f: Fmt) -> str:
    return f" {f('place')}" if f.has("place") else ""


_ROLE = {"role": "role", "holder": "person"}

CATALOGUE: dict[str, Entry] = {
    # -- why an elder is under-supported ------------------------------------------------------
    "FEW_HELPERS": Entry(
        {"count": "count", "least": "count"},
        lambda f: f"只有 {f('count')} 位帮扶人，少于 {f('least')} 位",
        lambda f: f"{f('count')} helper{_en_s(f('count'))}, fewer than {f('least')}",
    ),
    "FEW_KINDS": Entry(
        {"count": "count", "least": "count", "kinds": "kinds"},
        lambda f: f"帮扶人只有 {f('count')} 类（{_kinds_zh(f)}），少于 {f('least')} 类",
        lambda f: (
            f"helpers of {f('count')} kind{_en_s(f('count'))} ({_kinds_en(f)}), "
            f"fewer than {f('least')}"
        ),
    ),
    "NO_RECENT_CONTACT": Entry(
        {"since": "date", "last_on?": "date", "last_by?": "person", "never?": "flag"},
        lambda f: f"{f('since')}以来没有帮扶人探访{_contact_zh(f)}",
        lambda f: f"no visit by a helper since {f('since')}{_contact_en(f)}",
    ),
    # -- why an elder counts as vulnerable ----------------------------------------------------
    "LIVES_ALONE": Entry({}, lambda f: "独居", lambda f: "lives alone"),
    "AGED": Entry({"age": "count"}, lambda f: f"{f('age')} 岁高龄", lambda f: f"aged {f('age')}"),
    "MOBILITY": Entry(
        {"mobility": "mobility"},
        lambda f: f"行动能力：{f.w('mobility', 'mobility')}",
        lambda f: f"mobility {f.w('mobility', 'mobility')}",
    ),
    "TAGGED": Entry(
        {"tag": "text"}, lambda f: f"标记为“{f('tag')}”", lambda f: f"tagged {f('tag')}"
    ),
    # -- how a helper was found ---------------------------------------------------------------
    "PATH_PAIRING": Entry(
        {"helper": "person", "elder": "person", "kind": "kind", "since": "date"},
        lambda f: f"{f('helper')}自{f('since')}起与{f('elder')}结对（{f.w('kind', 'kind')}）",
        lambda f: (
            f"{f('helper')} is paired with {f('elder')} as {f.w('kind', 'kind')} since {f('since')}"
        ),
    ),
    "PATH_HOUSEHOLD": Entry(
        {"other": "person", "age?": "count", "band?": "text", "household?": "text"},
        lambda f: f"{f('other')}（{_aged_zh(f)}）与其同住一户{_household_zh(f)}",
        lambda f: f"{f('other')} ({_aged_en(f)}) lives in the same household{_household_en(f)}",
    ),
    "PATH_CORRIDOR_ROLE": Entry(
        {**_ROLE, "corridor": "place", "since": "date"},
        lambda f: f"{f('holder')}自{f('since')}起任{f('corridor')}{f.w('role', 'role')}",
        lambda f: f"{f('holder')} is {f.w('role', 'role')} of {f('corridor')} since {f('since')}",
    ),
    "PATH_GRID_WORKER": Entry(
        {"holder": "person", "micro_grid": "place", "since": "date"},
        lambda f: f"{f('holder')}自{f('since')}起任微网格{f('micro_grid')}的网格员",
        lambda f: (
            f"{f('holder')} is the grid worker of micro-grid {f('micro_grid')} since {f('since')}"
        ),
    ),
    "PATH_FAMILY_DOCTOR": Entry(
        {"doctor": "person", "elder": "person"},
        lambda f: f"{f('doctor')}是{f('elder')}的签约家庭医生",
        lambda f: f"{f('doctor')} is the contracted family doctor of {f('elder')}",
    ),
    # -- why an area breaks a rule ------------------------------------------------------------
    "ROLE_HOLDER_LEFT": Entry(
        _ROLE,
        lambda f: f"{f.w('role', 'role')}：{f('holder')}已离开社区",
        lambda f: f"{f.w('role', 'role')}: {f('holder')} left the community",
    ),
    "ROLE_HOLDER_REMOVED": Entry(
        _ROLE,
        lambda f: f"{f.w('role', 'role')}：{f('holder')}在此推演中被移除",
        lambda f: f"{f.w('role', 'role')}: {f('holder')} is removed in this what-if",
    ),
    "ROLE_NOT_YET": Entry(
        {**_ROLE, "since": "date"},
        lambda f: f"{f.w('role', 'role')}：暂无人担任，{f('holder')}将于{f('since')}接任",
        lambda f: f"{f.w('role', 'role')}: nobody until {f('holder')} takes over on {f('since')}",
    ),
    "ROLE_ENDED": Entry(
        {**_ROLE, "until": "date"},
        lambda f: f"{f.w('role', 'role')}：{f('holder')}的任期已于{f('until')}结束，此后无人接任",
        lambda f: (
            f"{f.w('role', 'role')}: {f('holder')}'s term ended on {f('until')}; nobody since"
        ),
    ),
    "ROLE_NEVER_HELD": Entry(
        {"role": "role"},
        lambda f: f"{f.w('role', 'role')}：从未有人担任",
        lambda f: f"{f.w('role', 'role')}: never held",
    ),
    "NO_DOUBLE_PARTY_MEMBER": Entry(
        {"area": "place", "roles": "count"},
        lambda f: f"{f('area')}及以下有 {f('roles')} 个在任职务，没有一个由在职双报到党员担任",
        lambda f: (
            f"{f('roles')} active role{_en_s(f('roles'))} in {f('area')} and below, "
            "none held by a double-registered party member"
        ),
    ),
    # -- loads --------------------------------------------------------------------------------
    "OVERLOADED": Entry(
        {"load": "count", "capacity": "count", "source": "source"},
        lambda f: (
            f"帮扶 {f('load')} 位困难老人，超过容量 {f('capacity')}（{f.w('source', 'source')}）"
        ),
        lambda f: (
            f"helps {f('load')} vulnerable elders, capacity {f('capacity')} "
            f"({f.w('source', 'source')})"
        ),
    ),
    "SINGLE_POINT": Entry(
        {"person": "person", "count": "count"},
        lambda f: f"若{f('person')}离开，{f('count')} 位老人将变为帮扶不足",
        lambda f: (
            f"if {f('person')} left, {f('count')} elder{_en_s(f('count'))} would become "
            "under-supported"
        ),
    ),
    # -- assignment suggestions ---------------------------------------------------------------
    "PROXIMITY": Entry(
        {"proximity": "proximity"},
        lambda f: f.w("proximity", "proximity"),
        lambda f: f.w("proximity", "proximity"),
    ),
    "PROPOSAL": Entry(
        {
            "proximity": "proximity",
            "place?": "place",
            "helper": "person",
            "spare": "count",
            "capacity": "count",
            "kind": "kind",
            "helpers": "count",
            "kinds": "count",
        },
        lambda f: (
            f"{f.w('proximity', 'proximity')}{_place(f)}；{f('helper')}还有 "
            f"{f('spare')}/{f('capacity')} 个名额；为现有 {f('helpers')} 位、{f('kinds')} 类帮扶人"
            f"增加一位{f.w('kind', 'kind')}"
        ),
        lambda f: (
            f"{f.w('proximity', 'proximity')}{_place(f)}; {f('helper')} has "
            f"{f('spare')} of {f('capacity')} places free; adds a {f.w('kind', 'kind')} to "
            f"{f('helpers')} helper{_en_s(f('helpers'))} of {f('kinds')} kind{_en_s(f('kinds'))}"
        ),
    ),
    "NEEDS_VISIT": Entry(
        {},
        lambda f: "近期无探访：结对不能代替探访，请先安排上门",
        lambda f: "no recent contact: a pairing is not a visit",
    ),
}
