"""Names' search keys (pure): pinyin and initials, every reading of a character with several."""

from __future__ import annotations

from graph.names import MAX_KEYS, name_keys, search_key


def test_a_name_is_found_by_its_pinyin_and_initials() -> None:
    assert name_keys("王桂英")[:2] == ["wangguiying", "wgy"]
    assert {"zhangwei", "zw"} <= set(name_keys("张伟"))


def test_a_surname_with_several_readings_is_found_by_each() -> None:
    keys = set(name_keys("单田芳"))
    assert {"dtf", "stf", "shantianfang"} <= keys
    assert {"zxx", "cxx"} <= set(name_keys("曾小贤"))
    assert len(name_keys("长长长长长长")) <= MAX_KEYS


def test_no_name_and_latin_names_have_no_keys() -> None:
    assert name_keys("") == [] and name_keys(None) == []
    assert name_keys("Li Wei") == []  # found by its characters instead


def test_what_is_typed_is_matched_as_letters_or_as_characters() -> None:
    assert search_key("WGY") == "wgy" and search_key("wang gy") == "wanggy"
    assert search_key("王") is None and search_key("w1") is None and search_key("") is None
