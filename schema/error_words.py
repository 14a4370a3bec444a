"""graphql-core's own error messages in Chinese: the parser's and the validator's, by pattern.

graphql-core words its errors in English only. The ones a client meets most (a field or an
argument that does not exist, a missing argument or variable, a value of the wrong type, a
syntax error) are matched here and worded in Chinese with the same names; any other reads as
“请求无效：” and the English message, so no error is without Chinese.
"""

from __future__ import annotations

import re

__all__ = ["in_chinese"]

_NAME = r"'([^']+)'"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (rf"^Cannot query field {_NAME} on type {_NAME}\.", r"类型 \2 没有字段 \1。"),
        (rf"^Unknown argument {_NAME} on field {_NAME}\.", r"字段 \2 没有参数 \1。"),
        (
            rf"^Field {_NAME} argument {_NAME} of type {_NAME} is required, but it was not "
            r"provided\.",
            r"字段 \1 的参数 \2（\3）必填，但没有提供。",
        ),
        (
            rf"^Argument {_NAME} of type {_NAME} is required, but it was not provided\.",
            r"参数 \1（\2）必填，但没有提供。",
        ),
        (
            rf"^Variable '\$([^']+)' of required type {_NAME} was not provided\.",
            r"变量 $\1（\2）必填，但没有提供。",
        ),
        (r"^Variable '\$([^']+)' got invalid value (.*)$", r"变量 $\1 的值无效：\2"),
        (r"^Variable '\$([^']+)' is never used", r"变量 $\1 没有用到。"),
        (r"^Variable '\$([^']+)' is not defined", r"变量 $\1 没有定义。"),
        (
            rf"^Field {_NAME} of type {_NAME} must have a selection of subfields\.",
            r"字段 \1（\2）须选择子字段。",
        ),
        (
            rf"^Field {_NAME} must not have a selection since type {_NAME} has no subfields\.",
            r"字段 \1 的类型 \2 没有子字段，不能再选择。",
        ),
        (rf"^Unknown type {_NAME}\.", r"未知类型 \1。"),
        (rf"^Unknown fragment {_NAME}\.", r"未知片段 \1。"),
        (rf"^Expected value of type {_NAME}, found (.*?)(;.*)?$", r"应为 \1 类型的值，实为 \2。"),
        (
            r"^Syntax Error: Document contains more than (\d+) tokens",
            r"请求过长：超过 \1 个词法单元，未解析。",
        ),
        (r"^Syntax Error: Expected (.*), found (.*)\.$", r"GraphQL 语法错误：应为 \1，实为 \2。"),
        (r"^Syntax Error: Unexpected (.*)\.$", r"GraphQL 语法错误：意外的 \1。"),
        (r"^Syntax Error: Unterminated string\.$", "GraphQL 语法错误：字符串没有结束。"),
        (r"^Syntax Error: (.*)$", r"GraphQL 语法错误：\1"),
        (r"^The fragment '([^']+)' spreads itself\.", r"片段 \1 引用了自身。"),
        (r"^The request asks for more than (\d+) fields\.", r"请求的字段超过 \1 个。"),
        (r"^The request uses more than (\d+) aliases\.", r"请求的别名超过 \1 个。"),
        (
            r"^The request spreads fragments more than (\d+) times\.",
            r"请求展开片段超过 \1 次。",
        ),
        (
            r"^The request asks for '([^']+)' (\d+) times in one selection\.",
            r"请求在同一选择中要了 \2 次 \1。",
        ),
        (
            r"^The request exceeds maximum operation depth of (\d+)\.",
            r"请求的嵌套超过 \1 层。",
        ),
        (
            r"^GraphQL introspection has been disabled, but the requested query contained the "
            r"field '([^']+)'\.",
            r"本服务未开放内省查询，请求中却有字段 \1。",
        ),
        (
            r"^Must provide query string\.",
            "请提供查询语句（query）。",
        ),
    )
)


_MEANT = re.compile(r"Did you mean (.*)\?")


def in_chinese(message: str) -> str:
    """``message`` (graphql-core's English) in Chinese, with its suggestions ("Did you mean
    'nodes'?") kept as names."""
    for pattern, words in _PATTERNS:
        found = pattern.search(message)
        if found:
            meant = _MEANT.search(message)
            names = re.findall(r"'([^']+)'", meant.group(1)) if meant else []
            hint = f"是否想写：{'、'.join(names)}？" if names else ""
            return found.expand(words).split("\n")[0] + hint
    return f"请求无效：{message}"
