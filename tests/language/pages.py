"""A feature's English test that walks its own pages: the `english` fixture
switches the test client to English and returns a checker; each page handed
to it is read (vocabulary.py), and the test fails at its end naming every page
that showed a Swedish word of the interface. Import it into the feature's
conftest.py."""

import pytest

from tests.language.vocabulary import swedish_words, vocabulary


@pytest.fixture
def english(client):
    """`english(label, response, status=200)` → the page's HTML."""
    client.post("/sprak", data={"lang": "en", "next": "/"})
    words = vocabulary()
    findings: dict[str, dict[str, str]] = {}

    def check(label: str, response, status: int = 200) -> str:
        assert response.status_code == status, (label, response.status_code)
        html = response.get_data(as_text=True)
        found = swedish_words(html, words)
        if found:
            findings[label] = found
        return html

    yield check
    assert not findings, "\n".join(f"{page}: {found}" for page, found in findings.items())
