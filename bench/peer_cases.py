"""The three requests of the side-by-side benchmark, each said three ways: Louzhi's GraphQL, the
GraphQL of @neo4j/graphql over bench/peer/typeDefs.graphql, and the best hand-written Cypher;
and for each a canonical form of its answer, so that the benchmark checks all three agree before
it times any of them.

The peer reads the graph as it is stored, so it sees references (``QS/R000001``) where Louzhi,
in a one-community deployment, shows local codes (``R000001``); the canonical forms drop the
community prefix. Kinds are compared in lower case (Louzhi's enums are upper case).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

Canonical = Any
Normalise = Callable[[dict[str, Any]], Canonical]


@dataclass(frozen=True)
class Case:
    name: str  # a row of the table
    louzhi: str
    louzhi_vars: dict[str, Any]
    peer: str
    peer_vars: dict[str, Any]
    cypher: str
    cypher_params: dict[str, Any]
    # Each answer's ``data`` (or Cypher's one record) to the canonical form.
    from_louzhi: Normalise
    from_peer: Normalise
    from_cypher: Normalise


def local(ref: str | None) -> str | None:
    """A reference without its community (``QS/B01-C1`` → ``B01-C1``), as Louzhi shows it."""
    return ref.split("/", 1)[1] if ref and "/" in ref else ref


def pairs(people: list[dict[str, Any]]) -> list[tuple[str | None, str]]:
    return [(local(p["id"]), p["name"]) for p in people]


# A page of 50 residents of a micro-grid, by name, with their corridor.
PAGE_LOUZHI = """query Page($area: ID!) {
  residents(filter: {area: $area}, first: 50) {
    totalCount nodes { id name corridor { code } }
  }
}"""
PAGE_PEER = """query Page($area: ID!) {
  residentsConnection(
    first: 50, sort: [{name: ASC}, {id: ASC}],
    where: {leftOn: {eq: null}, households: {some: {dwellingsConnection: {some: {
      edge: {until: {eq: null}},
      node: {corridors: {some: {blocks: {some: {parents: {some: {code: {eq: $area}}}}}}}}
    }}}}}
  ) {
    totalCount
    edges { node { id name households {
      dwellingsConnection(where: {edge: {until: {eq: null}}}) { edges { node {
        corridors { code } } } } } } }
  }
}"""
PAGE_CYPHER = """
MATCH (p:Resident)-[:MEMBER_OF]->(:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor)
      -[:PART_OF]->(:Block)-[:PART_OF]->(:MicroGrid {code: $area})
WHERE l.until IS NULL AND p.leftOn IS NULL
WITH p, c ORDER BY p.name, p.id
WITH collect({id: p.id, name: p.name, corridor: c.code}) AS rows
RETURN size(rows) AS total, rows[0..50] AS page"""


def page_louzhi(data: dict[str, Any]) -> Canonical:
    found = data["residents"]
    rows = [(n["id"], n["name"], n["corridor"]["code"]) for n in found["nodes"]]
    return found["totalCount"], rows


def page_peer(data: dict[str, Any]) -> Canonical:
    found = data["residentsConnection"]
    rows = []
    for edge in found["edges"]:
        node = edge["node"]
        (household,) = node["households"]
        (dwelling,) = household["dwellingsConnection"]["edges"]
        (corridor,) = dwelling["node"]["corridors"]
        rows.append((local(node["id"]), node["name"], local(corridor["code"])))
    return found["totalCount"], rows


def page_cypher(record: dict[str, Any]) -> Canonical:
    rows = [(local(r["id"]), r["name"], local(r["corridor"])) for r in record["page"]]
    return record["total"], rows


# A block, its corridors, and the block's residents (a page of 100) with their households'
# members.
DEEP_LOUZHI = """query Deep($block: ID!) {
  area(code: $block) { code children { code } }
  residents(filter: {area: $block}, first: 100) {
    totalCount nodes { id name household { id members { id name } } }
  }
}"""
DEEP_PEER = """query Deep($block: ID!) {
  blocks(where: {code: {eq: $block}}) { code corridors(sort: [{code: ASC}]) { code } }
  residentsConnection(
    first: 100, sort: [{name: ASC}, {id: ASC}],
    where: {leftOn: {eq: null}, households: {some: {dwellingsConnection: {some: {
      edge: {until: {eq: null}},
      node: {corridors: {some: {blocks: {some: {code: {eq: $block}}}}}}
    }}}}}
  ) {
    totalCount
    edges { node { id name households { id
      members(where: {leftOn: {eq: null}}, sort: [{birthYear: ASC}, {id: ASC}]) { id name }
    } } }
  }
}"""
DEEP_CYPHER = """
MATCH (b:Block {code: $block})
WITH b, COLLECT { MATCH (c:Corridor)-[:PART_OF]->(b) RETURN c.code ORDER BY c.code } AS corridors
CALL (b) {
  MATCH (p:Resident)-[:MEMBER_OF]->(h:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(:Corridor)
        -[:PART_OF]->(b)
  WHERE l.until IS NULL AND p.leftOn IS NULL
  WITH p, h ORDER BY p.name, p.id
  WITH collect({p: p, h: h}) AS found
  RETURN size(found) AS total, found[0..100] AS page
}
CALL (page) {
  UNWIND page AS x
  WITH x.p AS p, x.h AS h
  RETURN collect({id: p.id, name: p.name, household: h.id,
    members: COLLECT { MATCH (m:Resident)-[:MEMBER_OF]->(h) WHERE m.leftOn IS NULL
                       WITH m ORDER BY m.birthYear, m.id RETURN m {.id, .name} }}) AS rows
}
RETURN b.code AS code, corridors, total, rows"""


def deep_louzhi(data: dict[str, Any]) -> Canonical:
    block = data["area"]
    found = data["residents"]
    rows = [
        (n["id"], n["name"], n["household"]["id"], pairs(n["household"]["members"]))
        for n in found["nodes"]
    ]
    return block["code"], sorted(c["code"] for c in block["children"]), found["totalCount"], rows


def deep_peer(data: dict[str, Any]) -> Canonical:
    (block,) = data["blocks"]
    found = data["residentsConnection"]
    rows = []
    for edge in found["edges"]:
        node = edge["node"]
        (household,) = node["households"]
        rows.append(
            (local(node["id"]), node["name"], local(household["id"]), pairs(household["members"]))
        )
    corridors = sorted(local(c["code"]) or "" for c in block["corridors"])
    return local(block["code"]), corridors, found["totalCount"], rows


def deep_cypher(record: dict[str, Any]) -> Canonical:
    rows = [
        (local(r["id"]), r["name"], local(r["household"]), pairs(r["members"]))
        for r in record["rows"]
    ]
    corridors = sorted(local(c) or "" for c in record["corridors"])
    return local(record["code"]), corridors, record["total"], rows


# One resident with their household's members and their current helpers.
ONE_LOUZHI = """query One($id: ID!) {
  resident(id: $id) {
    id name
    household { id members { id name } }
    helpers { kind since helper { id name } }
  }
}"""
ONE_PEER = """query One($id: ID!, $today: Date!) {
  residents(where: {id: {eq: $id}}) {
    id name
    households { id
      members(where: {leftOn: {eq: null}}, sort: [{birthYear: ASC}, {id: ASC}]) { id name } }
    helpersConnection(
      sort: [{edge: {since: ASC}}, {node: {id: ASC}}],
      where: {edge: {since: {lte: $today}, OR: [{until: {eq: null}}, {until: {gte: $today}}]}}
    ) { edges { properties { kind since } node { id name } } }
  }
}"""
ONE_CYPHER = """
MATCH (p:Resident {id: $id})
OPTIONAL MATCH (p)-[:MEMBER_OF]->(h:Household)
RETURN p.id AS id, p.name AS name, h.id AS household,
  COLLECT { MATCH (m:Resident)-[:MEMBER_OF]->(h) WHERE m.leftOn IS NULL
            WITH m ORDER BY m.birthYear, m.id RETURN m {.id, .name} } AS members,
  COLLECT { MATCH (x:Person)-[r:HELPS]->(p)
            WHERE r.since <= $today AND (r.until IS NULL OR $today <= r.until)
            RETURN {kind: r.kind, since: r.since, id: x.id, name: x.name}
            ORDER BY r.since, x.id } AS helpers"""


def one_louzhi(data: dict[str, Any]) -> Canonical:
    r = data["resident"]
    helpers = [
        (h["kind"].lower(), h["since"], h["helper"]["id"], h["helper"]["name"])
        for h in r["helpers"]
    ]
    household = r["household"]
    return r["id"], r["name"], household["id"], pairs(household["members"]), helpers


def one_peer(data: dict[str, Any]) -> Canonical:
    (r,) = data["residents"]
    (household,) = r["households"]
    helpers = [
        (
            e["properties"]["kind"],
            e["properties"]["since"],
            local(e["node"]["id"]),
            e["node"]["name"],
        )
        for e in r["helpersConnection"]["edges"]
    ]
    return local(r["id"]), r["name"], local(household["id"]), pairs(household["members"]), helpers


def one_cypher(record: dict[str, Any]) -> Canonical:
    helpers = [
        (h["kind"], h["since"].isoformat(), local(h["id"]), h["name"]) for h in record["helpers"]
    ]
    return (
        local(record["id"]),
        record["name"],
        local(record["household"]),
        pairs(record["members"]),
        helpers,
    )


def cases(*, community: str, micro_grid: str, block: str, resident: str, today: date) -> list[Case]:
    """The three requests for these places and this resident (local codes, as Louzhi takes
    them; the peer and Cypher get the references)."""

    def ref(code: str) -> str:
        return f"{community}/{code}"

    day = today.isoformat()
    return [
        Case(
            "a page of 50 residents of a micro-grid, with corridor",
            PAGE_LOUZHI,
            {"area": micro_grid},
            PAGE_PEER,
            {"area": ref(micro_grid)},
            PAGE_CYPHER,
            {"area": ref(micro_grid)},
            page_louzhi,
            page_peer,
            page_cypher,
        ),
        Case(
            "a block → corridors; its residents → household → members (100)",
            DEEP_LOUZHI,
            {"block": block},
            DEEP_PEER,
            {"block": ref(block)},
            DEEP_CYPHER,
            {"block": ref(block)},
            deep_louzhi,
            deep_peer,
            deep_cypher,
        ),
        Case(
            "one resident with household and helpers",
            ONE_LOUZHI,
            {"id": resident},
            ONE_PEER,
            {"id": ref(resident), "today": day},
            ONE_CYPHER,
            {"id": ref(resident), "today": today},
            one_louzhi,
            one_peer,
            one_cypher,
        ),
    ]
