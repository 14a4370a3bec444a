"""Names' search keys (pure): pinyin and initials, every reading of a character with several."""

from __future__ import annotations

from graph.names import KEYS_MARK, MAX_KEYS, name_keys, search_key


def test_a_name_is_found_by_its_pinyin_and_initials() -> None:
    assert name_keys("王桂英") == ["wangguiying", "wgy", KEYS_MARK]
    assert {"zhangwei", "zw"} <= set(name_keys("张伟"))


def test_a_surname_with_several_readings_is_found_by_each() -> None:
    keys = set(name_keys("单田芳"))
    assert {"dtf", "stf", "shantianfang"} <= keys
    assert {"zxx", "cxx"} <= set(name_keys("曾小贤"))
    assert len(name_keys("长长长长长长")) <= MAX_KEYS
    assert {"xxd", "jxd"} <= set(name_keys("解晓东")) and "yuchigong" in name_keys("尉迟恭")


def test_only_the_surname_has_a_second_reading() -> None:
    # 方 may be read wang in a dictionary, and 王 yu: neither as a name.
    assert not {"wgy", "wanggangyong"} & set(name_keys("方刚勇"))
    assert "ygy" not in name_keys("王桂英")


def test_no_name_and_latin_names_have_no_keys() -> None:
    assert name_keys("") == [] and name_keys(None) == []
    assert name_keys("Li Wei") == [KEYS_MARK]  # found by its characters instead


def test_what_is_typed_is_matched_as_letters_or_as_characters() -> None:
    assert search_key("WGY") == "wgy" and search_key("wang gy") == "wanggy"
    assert search_key("王") is None and search_key("w1") is None and search_key("") is None
