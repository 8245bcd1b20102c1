"""Every key page of issue 9 issues the same number of SQL statements on the
small demo data and on a larger data set, and never many (no N+1; PRODUCT.md
section 7). The data sets are described in tests/perf/conftest.py."""

# A page that loads each listed row by itself goes far over this.
MAX_STATEMENTS = 25


def statements(demo, count_statements) -> dict[str, int]:
    counts = {}
    for page in demo.pages:
        client = demo.clients[page.who]
        client.get(page.path)  # warm: the first request loads lazily cached things
        with count_statements() as counter:
            response = client.get(page.path)
        assert response.status_code == 200, page
        counts[page.name] = counter.count
    return counts


def test_key_pages_issue_as_many_statements_on_larger_data(demo, grow, count_statements):
    small = statements(demo, count_statements)
    grow()
    larger = statements(demo, count_statements)
    assert larger == small
    assert max(small.values()) <= MAX_STATEMENTS, small
