"""A cost limit on list fields: refuse, before running it, a request that could fan out too far.

Depth, alias and token limits bound the *text* of a request; they do not bound what a few nested
lists multiply into (``residents(first: 100) { nodes { helpers { helper { helping { … }}}}}``).
The cost of a request is the number of objects it could resolve: every field counts once for
each object its parent may be, and a list multiplies what is below it —

* by ``first`` where a field takes it (a literal; a variable counts as the most a page may be,
  :data:`schema.pagination.MAX_PAGE`, since validation runs before variables are known), and
  the ``nodes``/``edges`` of that page do not multiply again;
* by the usual length of any other list (:data:`LIST_ESTIMATES`; :data:`LIST_ESTIMATE` for
  lists without one).

A request over :data:`MAX_COST` is refused with ``COST_LIMIT_EXCEEDED`` and nothing runs.
Example: ``area { children { children { counts { residents } } } }`` costs 1 + 10 + 100 + 200
+ …, far below the limit; five nested lists under a page of 100 cost millions.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)
from strawberry.extensions import AddValidationRules

from schema.pagination import MAX_PAGE

__all__ = ["LIST_ESTIMATE", "LIST_ESTIMATES", "MAX_COST", "CostLimiter", "request_cost"]

MAX_COST = 100_000
LIST_ESTIMATE = 10
# Lists whose usual length is known from the community's shape (a corridor's households, a
# person's roles); the others count LIST_ESTIMATE.
LIST_ESTIMATES: dict[str, int] = {
    "children": 6,  # Qingsong: 3 areas, 2 micro-grids each, ~4 blocks each, ~2.5 corridors each
    "members": 4,
    "households": 2,
    "roles": 3,
    "roleHolders": 4,
    "helpers": 4,
    "helping": 4,
    "buildings": 4,
    "dwellings": 30,
}
_PAGE_ITEMS = frozenset({"nodes", "edges"})
# The grid has five levels: ``children`` nested deeper than four times is empty, whatever the
# estimate would say.
GRID_LEVELS = 5


def _unwrap(t: Any) -> tuple[GraphQLNamedType, bool]:
    is_list = False
    while isinstance(t, GraphQLNonNull | GraphQLList):
        is_list = is_list or isinstance(t, GraphQLList)
        t = t.of_type
    return t, is_list


def _first(node: FieldNode) -> int | None:
    for arg in node.arguments or ():
        if arg.name.value == "first":
            if isinstance(arg.value, IntValueNode):
                return max(0, min(int(arg.value.value), MAX_PAGE))
            return MAX_PAGE
    return None


class _Walk:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode], schema: Any) -> None:
        self.fragments = fragments
        self.schema = schema
        self.total = 0

    def selections(
        self,
        selection_set: SelectionSetNode | None,
        parent: Any,
        many: int,
        paged: bool,
        levels: int = 0,
    ) -> None:
        if selection_set is None or self.total > MAX_COST:
            return
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                self.field(node, parent, many, paged, levels)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition
                kind = self.schema.get_type(condition.name.value) if condition else parent
                self.selections(node.selection_set, kind or parent, many, paged, levels)
            elif isinstance(node, FragmentSpreadNode):
                fragment = self.fragments.get(node.name.value)
                if fragment is not None:
                    kind = self.schema.get_type(fragment.type_condition.name.value)
                    self.selections(fragment.selection_set, kind or parent, many, paged, levels)

    def field(self, node: FieldNode, parent: Any, many: int, paged: bool, levels: int) -> None:
        self.total += many
        fields = getattr(parent, "fields", None)
        definition = fields.get(node.name.value) if fields else None
        if definition is None or node.selection_set is None:
            return
        kind, is_list = _unwrap(definition.type)
        first = _first(node) if "first" in definition.args else None
        if node.name.value == "children":
            levels += 1
            if levels >= GRID_LEVELS:
                return  # below a corridor there is nothing
        if first is not None:
            below, child_paged = many * max(first, 1), True
        elif is_list and not (paged and node.name.value in _PAGE_ITEMS):
            below, child_paged = many * LIST_ESTIMATES.get(node.name.value, LIST_ESTIMATE), False
        else:
            below, child_paged = many, False
        self.selections(node.selection_set, kind, below, child_paged, levels)


def request_cost(context: ValidationContext, operation: OperationDefinitionNode) -> int:
    fragments = {
        d.name.value: d
        for d in context.document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    root = context.schema.get_root_type(operation.operation)
    walk = _Walk(fragments, context.schema)
    walk.selections(operation.selection_set, root, 1, False)
    return walk.total


class _CostRule(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        cost = request_cost(self.context, node)
        if cost > MAX_COST:
            self.report_error(
                GraphQLError(
                    f"This request could resolve about {cost} objects, more than {MAX_COST}: "
                    "ask for smaller pages or fewer nested lists.",
                    node,
                    extensions={
                        "code": "COST_LIMIT_EXCEEDED",
                        "zh": f"请求过大（约 {cost} 个对象，上限 {MAX_COST}），"
                        "请减少分页大小或嵌套列表。",
                    },
                )
            )


class CostLimiter(AddValidationRules):
    def __init__(self) -> None:
        super().__init__([_CostRule])
