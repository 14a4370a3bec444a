"""Every help text of the command line is in Chinese and in English."""

from __future__ import annotations

import argparse
import contextlib
import io
import re

import pytest

from server.cli import build_parser

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{3,}")


def helps(parser: argparse.ArgumentParser, path: str = "louzhi") -> list[tuple[str, str]]:
    """(where, text) of the parser's description, its arguments and, recursively, its
    subcommands."""
    found = [(path, parser.description or "")] if path == "louzhi" else []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                found.append((f"{path} {choice.dest}", choice.help or ""))
            for name, sub in action.choices.items():
                found.extend(helps(sub, f"{path} {name}"))
        elif not isinstance(action, argparse._HelpAction):
            found.append(
                (f"{path} {'/'.join(action.option_strings) or action.dest}", action.help or "")
            )
    return found


def test_every_help_text_is_in_both_languages() -> None:
    found = helps(build_parser())
    assert len(found) > 40  # the walk reached the subcommands and their options
    missing = [where for where, text in found if not (HAN.search(text) and LATIN.search(text))]
    assert missing == []


def test_argparse_speaks_both_languages_too() -> None:
    """Its own words: usage, the options heading, -h and its errors."""
    shown = build_parser().format_help()
    assert "用法 usage:" in shown and "选项 options" in shown and "显示本帮助并退出" in shown
    said = io.StringIO()
    with contextlib.redirect_stderr(said), pytest.raises(SystemExit):
        build_parser().parse_args(["load"])  # the required path is missing
    assert "错误 error" in said.getvalue() and "缺少必填参数" in said.getvalue()
    assert "the following arguments are required: path" in said.getvalue()
