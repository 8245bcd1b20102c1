"""Swedish-aware full-text search over approved catalog items.

Both databases search the same Snowball-stemmed text (`search_text`, so that
"ledarskapet" finds "ledarskap" – PostgreSQL's own Swedish stemmer leaves
that word alone): SQLite through an FTS5 table that also folds diacritics,
PostgreSQL through its `swedish` configuration (stop words, prefix queries)
over a GIN index. Neither object is part of the models' metadata: they are
created by DDL events here and by the migration, and migrations ignore them."""

import re

import snowballstemmer
from sqlalchemy import DDL, ColumnElement, Select, column, event, func, literal_column, table, text
from sqlalchemy.orm import Session

from toolbox.catalog.models import CatalogItem

FTS_TABLE = "catalog_search"
PG_INDEX = "ix_catalog_items_fts"
# Names migrations and schema comparisons leave alone (FTS5 adds shadow tables).
SCHEMA_NAMES = (FTS_TABLE, PG_INDEX)
WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8

_stemmer = snowballstemmer.stemmer("swedish")
_fts = table(FTS_TABLE, column("rowid"), column("rank"))

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "content, tokenize = 'unicode61 remove_diacritics 2')"
)
PG_DDL = (
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON catalog_items USING gin "
    "(to_tsvector('swedish', title || ' ' || summary || ' ' || body))"
)

event.listen(CatalogItem.__table__, "after_create", DDL(SQLITE_DDL).execute_if(dialect="sqlite"))
event.listen(CatalogItem.__table__, "after_create", DDL(PG_DDL).execute_if(dialect="postgresql"))
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
        query = query.join(_fts, _fts.c.rowid == CatalogItem.id).where(
            literal_column(FTS_TABLE).op("MATCH")(expression)
        )
        return query, _fts.c.rank
    vector = func.to_tsvector("swedish", CatalogItem.search_text)
    tsquery = func.to_tsquery("swedish", " & ".join(f"{stem}:*" for stem in stems))
    return query.where(vector.op("@@")(tsquery)), -func.ts_rank(vector, tsquery)
