"""Pages of rows whose ids were found (and cached) by one function and whose
rows are read by id: Flask-SQLAlchemy's pagination, so that the shared
pagination macro works the same for them."""

from collections.abc import Callable, Sequence
from typing import Any

from flask_sqlalchemy.pagination import Pagination

Find = Callable[[int], tuple[list[int], int]]  # page number → (ids on the page, total)
Load = Callable[[list[int]], Sequence[Any]]  # ids → rows with an `id`, in any order


class FoundPage(Pagination):
    def _query_items(self) -> list[Any]:
        self.found = self._query_args["find"](self.page)
        ids = self.found[0]
        rows = {row.id: row for row in self._query_args["load"](ids)} if ids else {}
        return [rows[row_id] for row_id in ids if row_id in rows]

    def _query_count(self) -> int:
        return self.found[1]


def found_page(find: Find, load: Load, per_page: int) -> FoundPage:
    """The page of the request's `page` argument (the first if it is not a number)."""
    return FoundPage(
        per_page=per_page, max_per_page=per_page, error_out=False, find=find, load=load
    )
