"""Database objects that are not models: the catalog's full-text search (an
FTS5 table on SQLite; a generated column and index on PostgreSQL)."""

FTS_TABLE = "catalog_search"
PG_INDEX = "ix_catalog_items_fts"
PG_VECTOR = "search_vector"
# Names migrations and schema comparisons leave alone (FTS5 adds shadow tables).
SCHEMA_NAMES = (FTS_TABLE, PG_INDEX, PG_VECTOR)
