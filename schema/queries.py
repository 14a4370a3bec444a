"""Root query fields over places and people."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.records.resident_search import ResidentFilter as SearchFilter
from graph.records.resident_search import ResidentPage, Search, search_of, search_residents
from schema.context import Info
from schema.enums import Mobility, PartyKind, ResidentSortField
from schema.errors import BadInput, LouzhiError
from schema.fields import ages_on, as_of_or_today
from schema.my_elders import MyElder, resolve_my_elders
from schema.pagination import Connection, connection, decode_cursor, page_size
from schema.permissions import refuse_area, require_area_in_scope, require_details
from schema.prefetch import below, prime_people, selected_paths
from schema.types import Area, Person, Resident, person_of


@strawberry.input(description="All given conditions must hold.")
class ResidentFilter:
    area: strawberry.ID | None = strawberry.field(
        default=None, description="An area of any level; everything below it is included."
    )
    min_age: int | None = None
    max_age: int | None = None
    tags: list[str] | None = strawberry.field(default=None, description="Any of these tags.")
    mobility: list[Mobility] | None = None
    living_alone: bool | None = None
    party_member: bool | None = None
    party: list[PartyKind] | None = None
    holds_role: bool | None = strawberry.field(
        default=None, description="Holds an active role on asOf."
    )
    include_left: bool = False
    name: str | None = strawberry.field(
        default=None,
        description="Part of the name in characters (桂英), or the start of its pinyin or "
        "initials (wangg, wgy).",
    )


@strawberry.input
class ResidentSort:
    field: ResidentSortField = ResidentSortField.NAME
    descending: bool = False


# Age filters a planner may use: whole age bands (the masks show bands, so bands may select).
BAND_FROM = frozenset({0, 18, 60, 70, 80, 90})
BAND_TO = frozenset({17, 59, 69, 79, 89})


def _no_detail_filters(info: Info, where: ResidentFilter, order: ResidentSort) -> None:
    """Filters and orders on personal details only for roles that may read them."""
    if (
        where.tags
        or where.mobility
        or where.living_alone is not None
        or where.party_member is not None
        or where.party
    ):
        require_details(info, "filters on tags, mobility, living alone or party")
    if (where.min_age is not None and where.min_age not in BAND_FROM) or (
        where.max_age is not None and where.max_age not in BAND_TO
    ):
        require_details(info, "an age filter that is not a whole age band")
    if order.field is ResidentSortField.AGE:
        require_details(info, "sorting by age")


async def residents_search(
    info: Info,
    filter: ResidentFilter | None,
    sort: ResidentSort | None,
    first: int | None,
    after: str | None,
    as_of: date | None,
) -> tuple[Search, int]:
    """The search of one page of ``residents`` and its offset, after every check of its
    arguments but the area's, which the search reads itself (:func:`area_refused`)."""
    size, offset = page_size(first), decode_cursor(after)
    where = filter or ResidentFilter()
    order = sort or ResidentSort()
    try:
        _check_arguments(info, where, order)
    except LouzhiError:  # an area's refusal comes first, as its check is made first
        if where.area is not None:
            await require_area_in_scope(info, where.area)
        raise
    search = search_of(
        SearchFilter(
            name=where.name.strip() or None if where.name else None,
            area=where.area,
            min_age=where.min_age,
            max_age=where.max_age,
            tags_any=tuple(where.tags or ()),
            mobility=tuple(m.value for m in where.mobility or ()),
            living_alone=where.living_alone,
            party_member=where.party_member,
            party=tuple(p.value for p in where.party or ()),
            holds_role=where.holds_role,
            include_left=where.include_left,
        ),
        sort=order.field.value,
        descending=order.descending,
        skip=offset,
        first=size,
        as_of=as_of_or_today(info, as_of),
        ages_on=ages_on(info, as_of),
    )
    return search, offset


def area_refused(info: Info, filter: ResidentFilter | None, page: ResidentPage) -> None:
    """Refuse the page of an area that is unknown or outside the caller's scope."""
    if filter is not None and filter.area is not None:
        refuse_area(info, filter.area, page.placed)


def _check_arguments(info: Info, where: ResidentFilter, order: ResidentSort) -> None:
    if where.min_age is not None and where.max_age is not None and where.min_age > where.max_age:
        raise BadInput("minAge is greater than maxAge.", "minAge 大于 maxAge。")
    _no_detail_filters(info, where, order)


@strawberry.type
class PlacesQuery:
    my_elders: list[MyElder] = strawberry.field(
        resolver=resolve_my_elders,
        description="A floor chief's vulnerable elders: those of every corridor the caller's "
        "own person serves as floor chief on asOf (default: today), within the account's "
        "scope; overdue first (no helper's visit within contactDays), then the longest since "
        "the last visit, then by id. Empty for an account bound to no person.",
    )

    @strawberry.field(description="The communities in the graph.")
    async def communities(self, info: Info) -> list[Area]:
        from graph.records.places import communities

        return [Area.of(r) for r in await communities(info.context.db)]

    @strawberry.field(description="A place of any level by its code.")
    async def area(self, info: Info, code: strawberry.ID) -> Area | None:
        row = await info.context.loaders.area_by_code.load(code)
        return Area.of(row) if row else None

    @strawberry.field
    async def resident(self, info: Info, id: strawberry.ID) -> Resident | None:
        await prime_people(info, [id], selected_paths(info))
        row = await info.context.loaders.person_by_id.load(id)
        return Resident.of(row) if row and row.kind == "resident" else None

    @strawberry.field(description="Anyone by id: a resident or a worker.")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        await prime_people(info, [id], selected_paths(info))
        return person_of(await info.context.loaders.person_by_id.load(id))

    @strawberry.field(description="Residents matching a filter, sorted, a page at a time.")
    async def residents(
        self,
        info: Info,
        filter: ResidentFilter | None = None,
        sort: ResidentSort | None = None,
        first: int | None = None,
        after: str | None = None,
        as_of: date | None = None,
    ) -> Connection[Resident]:
        search, offset = await residents_search(info, filter, sort, first, after, as_of)
        page = await search_residents(info.context.db, search)
        area_refused(info, filter, page)
        await prime_people(
            info, page.ids, below(selected_paths(info), ("nodes",), ("edges", "node"))
        )
        rows = await info.context.loaders.person_by_id.load_many(page.ids)
        nodes = [Resident.of(r) for r in rows if r is not None]
        return connection(nodes, offset=offset, total=page.total)
