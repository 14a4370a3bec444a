"""What ``test_fuzz`` sends to /graphql: hypothesis strategies over the committed SDL and the demo.

Operations generated from the SDL (hypothesis-graphql) with real ids and dates, variables of any
shape for one operation per root field, query text from the language's own words, and request
bodies that are not GraphQL at all; with the settings the properties run under.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import graphql
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes
from hypothesis_graphql import strategies as gql_st

from schema.pagination import MAX_PAGE, encode_cursor
from seeds.rows import Roster
from tests.conftest import ROOT

SDL = (ROOT / "schema" / "schema.graphql").read_text(encoding="utf-8")
SCHEMA = graphql.build_schema(SDL)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
SMALL_FUZZ = settings(FUZZ, max_examples=30)

# Mutations may run on any day: the demo's dates are relative to DEMO_TODAY, far from both ends.
DATES = st.dates()

Argument = graphql.GraphQLArgument | graphql.GraphQLInputField

JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def demo_ids(roster: Roster) -> dict[str, list[str]]:
    """Ids and codes that exist in the demo graph, by kind, so operations reach real data."""
    found = {
        "area": {roster.community}
        | {c for g in roster.grid for c in (g.area, g.micro_grid, g.block, g.corridor)},
        "corridor": {g.corridor for g in roster.grid},
        "resident": {r.resident_id for r in roster.residents[::40]},
        "household": {r.household_id for r in roster.residents[::40]},
        "person": {p.person_id for p in roster.people},
        "role": {f"{r.person_id}|{r.role}|{r.scope}|{r.since.isoformat()}" for r in roster.roles},
        "pairing": {
            f"{h.helper_id}|{h.resident_id}|{h.kind}|{h.since.isoformat()}"
            for h in roster.helpers[::10]
        },
        "other": {g.building for g in roster.grid}
        | {f"{r.corridor}/{r.room}" for r in roster.residents[::80]},
    }
    found["person"] |= found["resident"]
    return {kind: sorted(ids) for kind, ids in found.items()}


ODD_IDS = ["", " ", "'", '"', "\\", "%", "*", "a|b|c|d", "x|y|z|2026-13-01", "🙂", "\x00", "ǅ"]
# Which kind of id an argument or input field of that name takes (all kinds for the others).
ID_KINDS = {
    "code": "area",
    "area": "area",
    "scope": "area",
    "corridor": "corridor",
    "householdId": "household",
    "personId": "person",
    "helperId": "person",
    "visitorId": "person",
    "familyDoctor": "person",
    "residentId": "resident",
}

CURSORS = st.integers(min_value=0, max_value=2**70).map(encode_cursor) | st.sampled_from(
    ["", "=", "bG91emhpOm9mZnNldDo=", base64.urlsafe_b64encode(b"louzhi:offset:-1").decode()]
)


class Values:
    """Strategies for the values of arguments and variables, over one roster's ids."""

    def __init__(self, roster: Roster) -> None:
        self.ids = demo_ids(roster)
        self.every_id = sorted({i for ids in self.ids.values() for i in ids})
        # Built once: hypothesis-graphql parses the SDL and caches per strategy.
        literals = self.literals()
        self.queries = gql_st.queries(SDL, custom_scalars=literals)
        self.mutations = gql_st.mutations(SDL, custom_scalars=literals)
        self.invalid = gql_st.from_schema(SDL, custom_scalars=literals, mode=gql_st.Mode.NEGATIVE)

    def id(self, name: str | None = None) -> st.SearchStrategy[str]:
        real = self.ids[ID_KINDS[name]] if name in ID_KINDS else self.every_id
        return st.one_of(
            st.sampled_from(real),
            st.sampled_from(real),  # twice: most operations should reach real data
            st.sampled_from(self.every_id),
            st.sampled_from(ODD_IDS),
            st.text(max_size=12),
        )

    def literals(self) -> dict[str, st.SearchStrategy[graphql.ValueNode]]:
        """Custom scalars for hypothesis-graphql: real ids, and dates (Date is ours)."""
        dates = DATES.map(date.isoformat) | st.sampled_from(["", "2026-02-30", "today", "2026-1-1"])
        return {"ID": self.id().map(nodes.String), "Date": dates.map(nodes.String)}

    def loose(self, type_: graphql.GraphQLInputType, name: str) -> st.SearchStrategy[Any]:
        """A JSON value for ``type_``: mostly well-formed, 1 node in 8 of any shape at all."""
        fitting = self._fitting(type_, name)
        return st.integers(0, 7).flatmap(lambda n: JSON_VALUES if n == 0 else fitting)

    def arguments(self, args: Mapping[str, Argument]) -> st.SearchStrategy[dict[str, Any]]:
        required = {n: self.loose(a.type, n) for n, a in args.items() if _required(a)}
        optional = {n: self.loose(a.type, n) for n, a in args.items() if not _required(a)}
        return st.fixed_dictionaries(required, optional=optional)

    def _fitting(self, type_: graphql.GraphQLInputType, name: str) -> st.SearchStrategy[Any]:
        if isinstance(type_, graphql.GraphQLNonNull):
            return self._fitting(type_.of_type, name)
        if isinstance(type_, graphql.GraphQLList):
            item = self.loose(type_.of_type, name)
            # A single value where a list is expected is legal input coercion.
            return st.lists(item, max_size=4) | item
        if isinstance(type_, graphql.GraphQLInputObjectType):
            return self.arguments(type_.fields)
        if isinstance(type_, graphql.GraphQLEnumType):
            return st.sampled_from(list(type_.values)) | st.sampled_from(["", "name", "RESIDENT"])
        assert isinstance(type_, graphql.GraphQLScalarType)
        scalars: dict[str, st.SearchStrategy[Any]] = {
            "Int": st.integers(-(2**31), 2**31 - 1)
            | st.sampled_from([0, 1, MAX_PAGE, MAX_PAGE + 1, -1, 2**31, 2**63, 10**30]),
            "Float": st.floats(allow_nan=False, allow_infinity=False),
            "String": st.text(max_size=30) | CURSORS,
            "Boolean": st.booleans(),
            "ID": self.id(name) | st.integers(),
            "Date": DATES.map(date.isoformat) | st.text(max_size=12),
            "DateTime": st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat)
            | st.text(max_size=12),
        }
        return scalars[type_.name]


def _required(arg: Argument) -> bool:
    return graphql.is_non_null_type(arg.type) and arg.default_value is graphql.Undefined


# What each root field's result is asked for, in the operations with variables.
SELECTIONS = {
    "Area": "code level kind parent { code } counts { residents aged60Plus livingAlone } "
    "roleHolders { id active person { id } } buildings { code } dwellings { key }",
    "Resident": "id name age livingAlone tags household { id members { id } } corridor { code } "
    "helpers(includeEnded: true) { id } visits { on } familyDoctor { id } party { kind }",
    "Person": "id name kind leftOn roles(includeEnded: true) { id area { code } } "
    "helping { id resident { id } } ... on Resident { age } ... on Worker { capacity }",
    "ResidentConnection": "totalCount pageInfo { hasNextPage hasPreviousPage endCursor } "
    "edges { cursor } nodes { id age corridor { code } }",
    "Health": "neo4j { reachable }",
    "Viewer": "accountId role scope personId personName can",
    "MyElder": "residentId name ageBand corridor daysSinceLastVisit lastVisitOn lastVisitMode "
    "lastVisitorId overdue underSupported reasons",
    "AuditLogEntry": "at accountId role operation kind personIds ok",
    "RolePayload": "role { id active since until person { id } area { code } } "
    "errors { code field message messageZh }",
    "HelperPayload": "pairing { id active helper { id } resident { id } } errors { code field }",
    "VisitPayload": "visit { on mode note visitor { id } resident { id } } errors { code field }",
    "PersonPayload": "person { id name kind } errors { code field }",
    "MovePayload": "dwelling { key room corridor { code } households { id } } errors { code }",
    "WindowCoverage": "asOf windows areas(first: 2) { nodes { code worstWindow } } "
    "elders(first: 2) { nodes { worstWindow { window helperCount } } }",
    "EmergencyBoard": "asOf window summary { needing withCompletePlan } "
    "elders(first: 2) { nodes { residentId complete problems { code } } }",
    "EmergencyPlanPayload": "residentId errors { code }",
    "EmergencyEvent": "id kind open window summary { elders notReached } "
    "corridors { code notReached } elders { residentId status marks { seq status } } "
    "report { reached neverReached failedPlans { residentId failures } }",
    "EmergencyEventPayload": "event { id open } errors { code field }",
    "EventMarkPayload": "mark { seq status at } errors { code field }",
    "CoverageReport": "asOf summary { code eldersSupported { actual expected } } "
    "areaGaps { totalCount } underSupported(first: 3) { nodes { residentId reasons { code } } } "
    "overloadedHelpers { totalCount } singlePointsOfFailure { totalCount }",
    "TrendPoint": "asOf summary { code eldersSupported { actual expected } }",
    "SupportNetwork": "size kindDiversity redundancy independentPathsToCommittee "
    "resident { residentId helpers { personId } } singlePointsOfFailure { personId }",
    "WhatIfReport": "removedPersonIds newlyUnderSupported { totalCount } "
    "newAreaGaps { totalCount }",
    "AssignmentPlan": "underSupportedBefore underSupportedAfter totalCost "
    "proposals(first: 5) { nodes { helperId residentId cost explanation } }",
    "ManagedAccount": "id role scope disabled hasPassword sessions { id kind } tokens { id }",
    "AccountPayload": "account { id role scope } initialPassword errors { code field }",
    "SignInCodePayload": "code expiresAt url errors { code }",
    "TokenPayload": "token programToken { id name revokedAt } errors { code }",
    "Matter": "id title level status levelSince escalationDueDays proposedLevel area { code } "
    "raisedBy { id } steps { seq action on at by { id } }",
    "MatterPayload": "matter { id status steps { seq action } } errors { code field }",
    "Vote": "id rule status matterId tally { electors quorate passed explanation "
    "thresholds { key met shortfall explanation } } ballots { voterId choice counted }",
    "VotePayload": "vote { id status tally { passed } } errors { code field }",
    "Project": "id title status places { code } photos { id url sha256 } "
    "satisfaction { responses average }",
    "ProjectPayload": "project { id status } errors { code field }",
    "Meeting": "id title on troika troikaComplete participants { capacity person { id } } "
    "decisions { seq done overdue followUps }",
    "MeetingPayload": "meeting { id decisions { seq } } errors { code field }",
    "AreaGovernance": "code level raised escalationRate silentCorridors "
    "byLevel { level raised open medianDaysToResolution } projects { status count } "
    "participation { voteId block electors tookPart ratio }",
}


def operations_with_variables() -> list[tuple[str, dict[str, graphql.GraphQLArgument]]]:
    """One operation per root field, every argument passed as a variable of its declared type."""
    found = []
    for keyword, root in (("query", SCHEMA.query_type), ("mutation", SCHEMA.mutation_type)):
        assert root is not None
        for name, field in root.fields.items():
            result = graphql.get_named_type(field.type).name
            defs = ", ".join(f"${a}: {t.type}" for a, t in field.args.items())
            passed = ", ".join(f"{a}: ${a}" for a in field.args)
            head = f"{keyword}({defs})" if defs else keyword
            call = f"{name}({passed})" if passed else name
            found.append((f"{head} {{ {call} {{ {SELECTIONS[result]} }} }}", field.args))
    return found


OPERATIONS = operations_with_variables()

# Words of the language and of this schema, for text the lexer accepts more often than noise.
TOKENS = sorted(
    {"{", "}", "(", ")", "[", "]", ":", "!", "=", "...", "$x", "@include", "@skip", "$"}
    | {"query", "mutation", "subscription", "fragment", "on", "null", "true", '"s"', "1", "1.5"}
    | {"#", '"""', "\\u0000", "__typename", "__schema"}
    | {f for t in (SCHEMA.query_type, SCHEMA.mutation_type) if t for f in t.fields}
    | {"code", "children", "nodes", "totalCount", "Area", "Resident", "ID!", "Date"}
)
QUERY_TEXT = st.text(max_size=200) | st.lists(st.sampled_from(TOKENS), max_size=80).map(" ".join)


def _not_bare_json_value(text: str) -> bool:
    try:
        found = json.loads(text)
    except ValueError:
        return True
    return isinstance(found, dict | list)


# Bodies that are valid UTF-8 and, when JSON, an object or a list; the others have tests of their
# own (test_bad_bodies_are_refused).
BODIES = st.one_of(
    st.text(max_size=100).filter(_not_bare_json_value),
    st.dictionaries(st.text(max_size=10), JSON_VALUES, max_size=4).map(json.dumps),
    st.fixed_dictionaries(
        {"query": JSON_VALUES},
        optional={
            "variables": JSON_VALUES,
            "operationName": JSON_VALUES,
            "extensions": JSON_VALUES,
        },
    ).map(json.dumps),
    st.fixed_dictionaries(
        {"query": st.just("query Q($a: Int) { __typename }")},
        optional={"variables": JSON_VALUES, "operationName": JSON_VALUES},
    ).map(json.dumps),
    st.lists(JSON_VALUES, max_size=3).map(json.dumps),
)
CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        "application/graphql",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "",
    ]
)
