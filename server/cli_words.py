"""argparse's own words (usage, options, its errors) in Chinese and English, like every help
text of ``louzhi``.

argparse looks its words up through gettext at the moment it uses them (``argparse._``), so
putting this table there before the parser is built words its help and its errors both ways;
a word not listed stays as argparse has it.
"""

from __future__ import annotations

import argparse

__all__ = ["install"]

WORDS: dict[str, str] = {
    "usage: ": "用法 usage: ",
    "options": "选项 options",
    "positional arguments": "参数 positional arguments",
    "show this help message and exit": "显示本帮助并退出 / show this help message and exit",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 错误 error: %(message)s\n",
    "the following arguments are required: %s": "缺少必填参数 / the following arguments are "
    "required: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效选项 invalid choice: "
    "%(value)r（可选 choose from %(choices)s）",
    "unrecognized arguments: %s": "无法识别的参数 / unrecognized arguments: %s",
    "argument %(argument_name)s: %(message)s": "参数 argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "%(type)s 值无效 / invalid %(type)s value: %(value)r",
    "expected one argument": "需要一个值 / expected one argument",
    "expected at least one argument": "至少需要一个值 / expected at least one argument",
    "expected at most one argument": "至多一个值 / expected at most one argument",
    "not allowed with argument %s": "不能与参数 %s 同用 / not allowed with argument %s",
    "one of the arguments %s is required": "须给出其中一个参数 / one of the arguments %s is "
    "required",
    "ambiguous option: %(option)s could match %(matches)s": "选项有歧义 ambiguous option: "
    "%(option)s（可能是 could match %(matches)s）",
    "ignored explicit argument %r": "忽略了多余的值 / ignored explicit argument %r",
    "unexpected option string: %s": "意外的选项 / unexpected option string: %s",
}
PLURALS: dict[str, str] = {
    "expected %s argument": "需要 %s 个值 / expected %s argument(s)",
}


def _word(text: str) -> str:
    return WORDS.get(text, text)


def _words(one: str, many: str, n: int) -> str:
    return PLURALS.get(one) or (one if n == 1 else many)


def install() -> None:
    """argparse speaks both languages from now on in this process."""
    argparse._ = _word  # type: ignore[attr-defined]
    argparse.ngettext = _words  # type: ignore[attr-defined]
