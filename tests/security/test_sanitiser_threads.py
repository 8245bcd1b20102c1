"""The sanitiser under threads (gunicorn's gthread workers): a bleach Cleaner
shared between threads corrupts its parser state, which the load run found
as 500s on catalog pages. Many threads at once give each text the same HTML
as one thread does."""

from concurrent.futures import ThreadPoolExecutor

from tests.security.xss_payloads import PAYLOADS
from toolbox.web.markup import render_markdown

TEXTS = [f"## Rubrik {n}\n\n*text* {payload}\n\n- a\n- b" for n, payload in enumerate(PAYLOADS)]


def test_many_threads_render_the_same_as_one():
    expected = [str(render_markdown(text)) for text in TEXTS]
    with ThreadPoolExecutor(max_workers=16) as pool:
        for _ in range(5):
            assert [str(html) for html in pool.map(render_markdown, TEXTS)] == expected
