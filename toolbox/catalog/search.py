"""Swedish-aware full-text search over approved catalog items.

Both databases search the same Snowball-stemmed text (`search_text`, so that
"ledarskapet" finds "ledarskap" – PostgreSQL's own Swedish stemmer leaves
that word alone): SQLite through an FTS5 table that also folds diacritics,
PostgreSQL through its `swedish` configuration (stop words, prefix queries)
over a stored tsvector column with a GIN index, so that ranking reads the
vector instead of parsing every matching item again. None of these objects is
part of the models' metadata: they are created by DDL events here and by the
migrations, and migrations ignore them."""

import re

import snowballstemmer
from sqlalchemy import (
    DDL,
    ColumnElement,
    Select,
    column,
    event,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from toolbox.catalog.models import CatalogItem
from toolbox.db.schema import FTS_TABLE, PG_INDEX, PG_VECTOR

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8

_stemmer = snowballstemmer.stemmer("swedish")
_fts = table(FTS_TABLE, column("rowid"), column("rank"))
# Not a mapped column (see above): named in SQL as it is, without a FROM of its own.
_vector = literal_column(f"{CatalogItem.__tablename__}.{PG_VECTOR}")

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "content, tokenize = 'unicode61 remove_diacritics 2')"
)
PG_DDL = (
    f"ALTER TABLE catalog_items ADD COLUMN IF NOT EXISTS {PG_VECTOR} tsvector "
    "GENERATED ALWAYS AS (to_tsvector('swedish', search_text)) STORED",
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON catalog_items USING gin ({PG_VECTOR})",
)

event.listen(CatalogItem.__table__, "after_create", DDL(SQLITE_DDL).execute_if(dialect="sqlite"))
for statement in PG_DDL:
    event.listen(
        CatalogItem.__table__, "after_create", DDL(statement).execute_if(dialect="postgresql")
    )
event.listen(
    CatalogItem.__table__,
    "before_drop",
    DDL(f"DROP TABLE IF EXISTS {FTS_TABLE}").execute_if(dialect="sqlite"),
)


def terms(query: str) -> list[str]:
    """The query's words, lower-cased, at most MAX_TERMS of them."""
    return [word.lower() for word in WORD.findall(query)][:MAX_TERMS]


def stemmed(text_: str) -> str:
    return " ".join(_stemmer.stemWords([word.lower() for word in WORD.findall(text_)]))


def document(item: CatalogItem) -> str:
    return stemmed(" ".join((item.title, item.summary, item.body)))


def reindex(session: Session, item: CatalogItem) -> None:
    """Bring the item's search text, and SQLite's index, up to date."""
    item.search_text = document(item)
    if session.get_bind().dialect.name != "sqlite":
        return
    session.execute(text("DELETE FROM catalog_search WHERE rowid = :id"), {"id": item.id})
    session.execute(
        text("INSERT INTO catalog_search (rowid, content) VALUES (:id, :doc)"),
        {"id": item.id, "doc": item.search_text},
    )


def apply(query: Select, words: list[str], dialect: str) -> tuple[Select, ColumnElement]:
    """Restrict a select of CatalogItem to matches; returns it and a relevance
    expression to order by (smaller is better)."""
    stems = _stemmer.stemWords(words)
    if dialect == "sqlite":
        expression = " ".join(f'"{stem}"*' for stem in stems)
        # Materialised, so that SQLite reads the matches once from the full-text
        # index; joined directly, the count of a page probed that index once
        # per catalog item (a second instead of milliseconds on 2,000 items).
        matches = (
            select(_fts.c.rowid, _fts.c.rank)
            .where(literal_column(FTS_TABLE).op("MATCH")(expression))
            .cte("matches")
            .prefix_with("MATERIALIZED")
        )
        return query.join(matches, matches.c.rowid == CatalogItem.id), matches.c.rank
    tsquery = func.to_tsquery("swedish", " & ".join(f"{stem}:*" for stem in stems))
    return query.where(_vector.op("@@")(tsquery)), -func.ts_rank(_vector, tsquery)
