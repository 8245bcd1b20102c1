"""The organisation as scopes: a unit and everything under it."""

from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import select

from toolbox.db.cache import cached
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.privacy.lattice import Organisation


class Own(NamedTuple):
    """The people placed directly on a unit that has sub-units: in
    suppression a child of the unit of its own (PRODUCT.md section 5)."""

    unit_id: int


@dataclass
class Node:
    id: int
    name: str
    level: str
    parent_id: int | None
    children: list[int] = field(default_factory=list)


@dataclass
class Tree:
    """Every unit and subtree arithmetic on it."""

    nodes: dict[int, Node]
    # Each scope's subtree, worked out once: a page rolls figures up many times.
    subtrees: dict[int | None, frozenset[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls) -> "Tree":
        return cls(unit_nodes())

    @property
    def roots(self) -> list[int]:
        return [n.id for n in self.nodes.values() if n.parent_id not in self.nodes]

    def children_of(self, unit_id: int | None) -> list[int]:
        return self.roots if unit_id is None else self.nodes[unit_id].children

    def subtree(self, unit_id: int | None) -> frozenset[int]:
        if unit_id not in self.subtrees:
            self.subtrees[unit_id] = self.collect_subtree(unit_id)
        return self.subtrees[unit_id]

    def collect_subtree(self, unit_id: int | None) -> frozenset[int]:
        if unit_id is None:
            return frozenset(self.nodes)
        found, stack = set(), [unit_id]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(self.nodes[current].children)
        return frozenset(found)

    def node(self, unit_id: int | None) -> "int | Own | None":
        """Where a unit's own people sit in the organisation of suppression."""
        if unit_id is not None and self.nodes[unit_id].children:
            return Own(unit_id)
        return unit_id

    def organisation(self) -> Organisation:
        """The whole organisation (None) over its units and their own people."""
        children: dict = {None: self.roots}
        for node in self.nodes.values():
            if node.children:
                children[node.id] = [Own(node.id), *node.children]
        return Organisation(None, children)

    def path(self, unit_id: int | None) -> list[Node]:
        """Breadcrumb from the top to the unit."""
        chain = []
        while unit_id is not None and unit_id in self.nodes:
            chain.append(self.nodes[unit_id])
            unit_id = self.nodes[unit_id].parent_id
        return list(reversed(chain))


@cached(depends_on=(OrgUnit,))
def unit_nodes() -> dict[int, Node]:
    """Every unit with its children, loaded with one query."""
    rows = db.session.execute(
        select(OrgUnit.id, OrgUnit.name, OrgUnit.level, OrgUnit.parent_id).order_by(OrgUnit.name)
    ).all()
    nodes = {row.id: Node(row.id, row.name, row.level, row.parent_id) for row in rows}
    for node in nodes.values():
        if node.parent_id in nodes:
            nodes[node.parent_id].children.append(node.id)
    return nodes
