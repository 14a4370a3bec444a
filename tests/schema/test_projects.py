"""Micro-renewal projects and their photos against the demo community in a real Neo4j: statuses
in order, satisfaction once done, photos checked (size, and an image Pillow can read), kept by
their checksum and served only to signed-in callers whose scope reaches the project."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.support.gql import (
    GraphQLClient,
    demo_accounts_client,
    ensure_account,
    floor_chief_corridor,
    token_for,
)

PROPOSE = """mutation($i: ProposeProjectInput!) { proposeProject(input: $i) {
    project { id status proposedOn places { code } decidedBy } errors { code field } } }"""
ADVANCE = """mutation($id: ID!, $s: ProjectStatus!) { advanceProject(id: $id, status: $s) {
    project { status approvedOn startedOn doneOn } errors { code field messageZh } } }"""
RATE = """mutation($p: ID!, $r: ID!, $s: Int!) {
    recordSatisfaction(projectId: $p, residentId: $r, score: $s) {
    project { satisfaction { responses average } } errors { code field } } }"""
PROJECT = """query($id: ID!) { project(id: $id) { id photos { id kind sha256 mime bytes width
    height url caption } } }"""


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget, photo_dir: Path) -> Iterator[GraphQLClient]:
    with demo_accounts_client(demo_graph, neo4j_target) as client:
        # A planner of another residential area: the chief's corridor is outside its scope.
        far = next(g.area for g in demo_graph.grid if g.area != demo_graph.grid[0].area)
        ensure_account(neo4j_target, "far-planner", role="planner", scope=f"QS/{far}")
        yield client


def picture(size: tuple[int, int] = (64, 48), kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (120, 160, 90)).save(out, kind)
    return out.getvalue()


def propose(client: GraphQLClient, place: str, **more: Any) -> dict[str, Any]:
    fields = {"title": "单元门岗修缮", "kind": "GATE", "places": [place], "budget": 18000,
              "funding": "STREET_BUDGET", **more}  # fmt: skip
    return client.data(PROPOSE, {"i": fields})["proposeProject"]


def upload(client: GraphQLClient, project: str, data: bytes, account: str = "demo-committee",
           kind: str = "before", mime: str = "image/png") -> Any:  # fmt: skip
    return client.http.post(
        f"/projects/{project}/photos", params={"kind": kind, "caption": "门岗现状"}, content=data,
        headers={"authorization": f"Bearer {token_for(account)}", "content-type": mime},
    )  # fmt: skip


def test_a_project_goes_through_its_statuses_in_order(
    api: GraphQLClient, demo_graph: Roster
) -> None:
    committee = api.as_account("demo-committee")
    made = propose(committee, floor_chief_corridor(demo_graph))
    assert made["errors"] == []
    project = made["project"]
    assert (project["status"], [p["code"] for p in project["places"]]) == (
        "PROPOSED", [floor_chief_corridor(demo_graph)]
    )  # fmt: skip
    skipped = committee.data(ADVANCE, {"id": project["id"], "s": "DONE"})["advanceProject"]
    assert [e["code"] for e in skipped["errors"]] == ["INVALID_STEP"]
    resident = next(r.resident_id for r in demo_graph.residents
                    if r.corridor == floor_chief_corridor(demo_graph))  # fmt: skip
    early = committee.data(RATE, {"p": project["id"], "r": resident, "s": 5})
    assert [e["code"] for e in early["recordSatisfaction"]["errors"]] == ["INVALID_STEP"]
    for status in ("APPROVED", "IN_PROGRESS", "DONE"):
        moved = committee.data(ADVANCE, {"id": project["id"], "s": status})["advanceProject"]
        assert moved["errors"] == [] and moved["project"]["status"] == status
    assert moved["project"]["doneOn"] is not None
    others = [
        r.resident_id
        for r in demo_graph.residents
        if r.corridor == floor_chief_corridor(demo_graph)
    ]
    committee.data(RATE, {"p": project["id"], "r": others[0], "s": 2})
    committee.data(RATE, {"p": project["id"], "r": others[0], "s": 4})  # changes their mind
    rated = committee.data(RATE, {"p": project["id"], "r": others[1], "s": 5})
    assert rated["recordSatisfaction"]["project"]["satisfaction"] == {
        "responses": 2,
        "average": 4.5,
    }
    bad = committee.data(RATE, {"p": project["id"], "r": others[1], "s": 6})
    assert [e["field"] for e in bad["recordSatisfaction"]["errors"]] == ["score"]
    chief = api.as_account("demo-floor-chief")
    assert [e["extensions"]["code"] for e in chief.raw(ADVANCE, {"id": project["id"],
            "s": "DONE"})["errors"]] == ["FORBIDDEN"]  # fmt: skip


def test_photos_are_kept_by_checksum_and_served_in_scope_only(
    api: GraphQLClient, demo_graph: Roster, photo_dir: Path
) -> None:
    committee = api.as_account("demo-committee")
    project = propose(committee, floor_chief_corridor(demo_graph))["project"]["id"]
    data = picture()
    sent = upload(committee, project, data)
    assert sent.status_code == 201, sent.text
    photo = sent.json()["photo"]
    digest = hashlib.sha256(data).hexdigest()
    assert (photo["sha256"], photo["mime"], photo["width"], photo["height"]) == (
        digest, "image/png", 64, 48
    )  # fmt: skip
    assert (photo_dir / digest[:2] / f"{digest}.png").read_bytes() == data
    [listed] = committee.data(PROJECT, {"id": project})["project"]["photos"]
    assert (listed["sha256"], listed["kind"], listed["caption"]) == (digest, "BEFORE", "门岗现状")

    def get(account: str | None) -> Any:
        headers = {"authorization": f"Bearer {token_for(account)}"} if account else {}
        return api.http.get(listed["url"], headers=headers)

    for account in ("demo-committee", "demo-floor-chief", "demo-planner"):
        seen = get(account)
        assert seen.status_code == 200 and seen.content == data, account
        assert seen.headers["content-type"] == "image/png"
        assert seen.headers["x-content-type-options"] == "nosniff"
    assert get(None).status_code == 401
    away = get("far-planner")  # reads projects, but not this one
    assert away.status_code == 404 and away.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert upload(committee, project, data, account="far-planner").status_code == 403  # no right
    assert upload(committee, project, data, account="demo-grid-worker").status_code == 201
    assert api.as_account("far-planner").data(PROJECT, {"id": project})["project"] is None

    # A file changed on disk no longer matches its name: refused rather than shown.
    (photo_dir / digest[:2] / f"{digest}.png").write_bytes(picture((10, 10)))
    assert get("demo-committee").status_code == 404


@pytest.mark.parametrize(
    ("body", "mime", "status", "code"),
    [
        (b"just some text, not a photo", "image/png", 415, "NOT_AN_IMAGE"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "image/png", 415, "NOT_AN_IMAGE"),
        (picture(kind="GIF"), "image/gif", 415, "NOT_AN_IMAGE"),
        (picture((900, 900), "BMP"), "image/bmp", 413, "PHOTO_TOO_LARGE"),
    ],
)
def test_a_wrong_upload_is_refused_with_a_clear_error(
    api: GraphQLClient, demo_graph: Roster, monkeypatch: pytest.MonkeyPatch,
    body: bytes, mime: str, status: int, code: str,
) -> None:  # fmt: skip
    monkeypatch.setenv("LOUZHI_PHOTO_MAX_BYTES", "100000")
    committee = api.as_account("demo-committee")
    project = propose(committee, floor_chief_corridor(demo_graph))["project"]["id"]
    refused = upload(committee, project, body, mime=mime)
    assert refused.status_code == status
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == code
    assert ("照片" in error["extensions"]["messageZh"]) and error["extensions"]["messageEn"]
    assert committee.data(PROJECT, {"id": project})["project"]["photos"] == []
    wrong_kind = committee.http.post(
        f"/projects/{project}/photos", params={"kind": "during"}, content=picture(),
        headers={"authorization": f"Bearer {token_for('demo-committee')}"},
    )  # fmt: skip
    assert wrong_kind.status_code == 400
