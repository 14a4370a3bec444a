"""Limits on the text of a request, checked in one linear pass before any validation.

A GraphQL document can make a validator do far more work than its size suggests: fragments that
each spread the next twice make a naive depth walk visit 2^K paths, and many copies of one field
with different arguments make the overlapping-fields rule compare every pair. So before
validation runs, :func:`document_problem` walks the parsed document once, counting

* fields (:data:`MAX_FIELDS`), aliases (:data:`MAX_ALIASES`) and fragment spreads
  (:data:`MAX_SPREADS`) as written, each node once;
* the depth of every operation (:data:`MAX_DEPTH`), with the depth of each fragment computed
  once and reused wherever it is spread (a fragment cycle is refused here too);
* how often one response name is asked for in one selection set, inline fragments included
  (:data:`MAX_SAME_NAME`),

and refuses the request with ``GRAPHQL_VALIDATION_FAILED`` at the first limit passed. Only then
does validation run, cached across requests (:class:`LimitedValidation`), since its rules are
the same for every request. The token limit is applied earlier, by the parser.

Example::

    >>> from graphql import parse
    >>> document_problem(parse("{ a { b } }")) is None
    True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import ValidationCache

from schema.per_text import per_text

__all__ = [
    "MAX_ALIASES",
    "MAX_DEPTH",
    "MAX_FIELDS",
    "MAX_SAME_NAME",
    "MAX_SPREADS",
    "LimitedValidation",
    "document_problem",
]

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_FIELDS = 400  # the page's largest request has under 40
MAX_SPREADS = 50
MAX_SAME_NAME = 8


class _Refused(Exception):
    pass


def _selections(selection_set: SelectionSetNode | None) -> Iterator[object]:
    """The selections of a set with inline fragments flattened into it (they are one set)."""
    stack = [selection_set] if selection_set else []
    while stack:
        for node in stack.pop().selections:
            if isinstance(node, InlineFragmentNode):
                stack.append(node.selection_set)
            else:
                yield node


class _Depths:
    """Depth of selection sets, each fragment's computed once (memoised), cycles refused."""

    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.known: dict[str, int] = {}
        self.open: set[str] = set()

    def of(self, selection_set: SelectionSetNode | None) -> int:
        """How many levels of fields lie below this set (0 for a set of leaves)."""
        deepest = 0
        for node in _selections(selection_set):
            if isinstance(node, FieldNode):
                below = 1 + self.of(node.selection_set) if node.selection_set else 0
            elif isinstance(node, FragmentSpreadNode):
                below = self.fragment(node.name.value)
            else:
                continue
            deepest = max(deepest, below)
            if deepest > MAX_DEPTH:
                raise _Refused(f"The request exceeds maximum operation depth of {MAX_DEPTH}.")
        return deepest

    def fragment(self, name: str) -> int:
        if name in self.known:
            return self.known[name]
        definition = self.fragments.get(name)
        if definition is None:
            return 0  # validation reports the unknown fragment
        if name in self.open:
            raise _Refused(f"The fragment {name!r} spreads itself.")
        self.open.add(name)
        self.known[name] = self.of(definition.selection_set)
        self.open.discard(name)
        return self.known[name]


def _count(document: DocumentNode) -> None:
    fields = aliases = spreads = 0
    stack: list[SelectionSetNode] = [
        d.selection_set
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode | FragmentDefinitionNode)
    ]
    while stack:
        selection_set = stack.pop()
        names: Counter[str] = Counter()
        for node in _selections(selection_set):
            if isinstance(node, FieldNode):
                fields += 1
                aliases += node.alias is not None
                names[(node.alias or node.name).value] += 1
                if node.selection_set:
                    stack.append(node.selection_set)
            elif isinstance(node, FragmentSpreadNode):
                spreads += 1
        if fields > MAX_FIELDS:
            raise _Refused(f"The request asks for more than {MAX_FIELDS} fields.")
        if aliases > MAX_ALIASES:
            raise _Refused(f"The request uses more than {MAX_ALIASES} aliases.")
        if spreads > MAX_SPREADS:
            raise _Refused(f"The request spreads fragments more than {MAX_SPREADS} times.")
        name, times = names.most_common(1)[0] if names else ("", 0)
        if times > MAX_SAME_NAME:
            raise _Refused(f"The request asks for {name!r} {times} times in one selection.")


def document_problem(document: DocumentNode) -> GraphQLError | None:
    """The first limit ``document`` passes, as an error for the client; None when within all."""
    try:
        _count(document)
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        depths = _Depths(fragments)
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                depths.of(definition.selection_set)
    except _Refused as refused:
        return GraphQLError(str(refused), extensions={"code": "GRAPHQL_VALIDATION_FAILED"})
    return None


_CHECKED: dict[tuple[Hashable, ...], GraphQLError | None] = {}


def _checked(document: DocumentNode) -> GraphQLError | None:
    """:func:`document_problem`, kept per request text (schema/per_text.py)."""
    return per_text(_CHECKED, document, lambda: document_problem(document))


def _copy(error: GraphQLError) -> GraphQLError:
    """A request's own copy of a kept error: each request words its errors in its reader's
    language, in place (schema.errors.code_error)."""
    return GraphQLError(
        error.message, error.nodes, error.source, error.positions, error.path,
        error.original_error, error.extensions,
    )  # fmt: skip


class LimitedValidation(ValidationCache):
    """The limits above, then strawberry's validation, both cached per document across
    requests."""

    def on_validate(self) -> Iterator[None]:
        document = self.execution_context.graphql_document
        problem = _checked(document) if document is not None else None
        if problem is not None:
            # Set before validation: strawberry skips validating once errors are present.
            self.execution_context.pre_execution_errors = [_copy(problem)]
            yield
            return
        context = self.execution_context
        cached = self.cached_validate_document(
            context.schema._schema, context.graphql_document, context.validation_rules
        )
        context.pre_execution_errors = [_copy(e) for e in cached]
        yield
