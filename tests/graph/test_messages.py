"""The message catalogue: every code words in both languages from sample parameters, with no
word of the other language in it (names, ids and codes aside)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from graph.messages import CATALOGUE, Message, Ref, language_of, render
from graph.messages.words import WORDS, day
from tests.conftest import ROOT

# Sample values by parameter type: ids and codes in Latin letters, names in Chinese.
SAMPLES: dict[str, object] = {
    "person": Ref("R0001", "王桂英"),
    "place": Ref("B01-C1", "1号楼1单元"),
    "date": date(2026, 11, 1),
    "count": 3,
    "kind": "volunteer",
    "kinds": ("family", "floor_chief"),
    "role": "second_floor_chief",
    "level": "micro_grid",
    "mobility": "assisted",
    "source": "volunteer default",
    "proximity": "2",
    "text": "残疾",
    "flag": True,
}
CODES = re.compile(r"R0001|B01-C1")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u4e00-\u9fff]")
NAMES = re.compile(r"王桂英|1号楼1单元|残疾")


def _samples(params: dict[str, str], *, optional: bool) -> Message:
    chosen = {
        name.rstrip("?"): SAMPLES[kind]
        for name, kind in params.items()
        if optional or not name.endswith("?")
    }
    return Message.of("", **chosen)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", sorted(CATALOGUE))
@pytest.mark.parametrize("optional", [True, False], ids=["all", "required"])
def test_every_code_words_in_both_languages(code: str, optional: bool) -> None:
    entry = CATALOGUE[code]
    for name, kind in entry.params.items():
        assert kind in SAMPLES, f"{code}.{name}: unknown parameter type {kind}"
    message = Message(code, _samples(entry.params, optional=optional).params)
    zh, en = render(message, "zh"), render(message, "en")
    assert (zh and en and zh != en) or (code == "NEEDS_VISIT" and zh != en)
    assert not LATIN_WORD.findall(CODES.sub("", zh)), f"Latin words in the Chinese of {code}: {zh}"
    assert not CJK.findall(NAMES.sub("", en)), f"Chinese in the English of {code}: {en}"
    for name, kind in entry.params.items():
        if kind in ("person", "place") and (optional or not name.endswith("?")):
            assert "R0001" in zh + en or "B01-C1" in zh + en


def test_people_and_places_read_with_their_names_and_the_readers_codes() -> None:
    why = Message.of(
        "PATH_CORRIDOR_ROLE",
        holder=Ref("QS/R0007", "李明"),
        role="first_floor_chief",
        corridor=Ref("QS/B01-C1", "QS/B01-C1"),
        since=date(2024, 3, 1),
    )
    local = {"QS/R0007": "R0007", "QS/B01-C1": "B01-C1"}
    shown = render(why, "zh", shown=lambda c: local.get(c, c))
    assert shown == "李明（R0007）自2024年3月1日起任B01-C1第一楼组长"
    assert render(why, "en") == (
        "李明 (QS/R0007) is first floor chief of QS/B01-C1 since 1 March 2024"
    )


def test_optional_parameters_leave_no_trace_when_absent() -> None:
    seen = Message.of(
        "NO_RECENT_CONTACT",
        since=date(2026, 10, 18),
        last_on=date(2026, 9, 30),
        last_by=Ref("V01", "赵敏"),
    )
    assert (
        render(seen, "zh") == "2026年10月18日以来没有帮扶人探访（上次：2026年9月30日，赵敏（V01））"
    )
    masked = seen.without("last_on", "last_by")
    assert render(masked, "zh") == "2026年10月18日以来没有帮扶人探访"
    assert render(masked, "en") == "no visit by a helper since 18 October 2026"


def test_english_counts_agree_in_number() -> None:
    one = Message.of("FEW_HELPERS", count=1, least=2)
    assert render(one, "en") == "1 helper, fewer than 2"
    assert render(one.replaced(count=0), "en") == "0 helpers, fewer than 2"


def test_an_unknown_code_reads_as_itself_and_every_word_has_both_languages() -> None:
    assert render(Message.of("NOT_A_CODE"), "zh") == "NOT_A_CODE"
    for category, words in WORDS.items():
        for value, (zh, en) in words.items():
            assert CJK.search(zh) and not CJK.search(en), (category, value)


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "zh"),
        ("", "zh"),
        ("en", "en"),
        ("en-GB,en;q=0.9,zh-CN;q=0.5", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("fr-FR,en;q=0.5", "en"),
        ("fr-FR", "zh"),
        ("en;q=0, zh;q=0.1", "zh"),
        ("en;q=bad", "zh"),
    ],
)
def test_the_readers_language_from_accept_language(header: str | None, language: str) -> None:
    assert language_of(header) == language


def test_dates_read_as_each_language_writes_them() -> None:
    assert day(date(2026, 11, 1), "zh") == "2026年11月1日"
    assert day(date(2026, 11, 1), "en") == "1 November 2026"


def test_docs_list_every_code() -> None:
    listed = set(
        re.findall(r"^\| `([A-Z_]+)` \|", (ROOT / "docs" / "messages.md").read_text(), re.M)
    )
    assert listed == set(CATALOGUE)
