"""A feature's English test as a visitor: a test client that chose English,
fetches a page (or posts a form and follows the redirect) and fails on a
Swedish word of the interface (vocabulary.py) left in what it reads."""

from collections.abc import Iterable

from tests.language.vocabulary import swedish_words, vocabulary


class EnglishVisitor:
    """`allowed`: words of data a page shows unmarked (people's names)."""

    def __init__(self, client, allowed: Iterable[str] = ()):
        self.client = client
        self.vocabulary = vocabulary() - {word.lower() for word in allowed}
        client.post("/sprak", data={"lang": "en", "next": "/"})

    def sign_in(self, login_as, user) -> None:
        login_as(user)
        # Min sida's checklist holds other features' steps (tests/home reads it).
        self.client.post("/kom-igang/dolj")

    def page(self, url: str, data: dict | None = None, **post) -> str:
        if data is None:
            response = self.client.get(url)
        else:
            response = self.client.post(url, data=data, follow_redirects=True, **post)
        html = response.get_data(as_text=True)
        assert response.status_code < 500, url
        assert swedish_words(html, self.vocabulary) == {}, url
        return html
