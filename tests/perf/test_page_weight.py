"""Each key page, with the CSS and JS it loads, weighs at most 60 KB and makes
no request to another host (PRODUCT.md section 7: no third-party requests, no
web fonts from elsewhere). Measured uncompressed, on the larger data set of
tests/perf/conftest.py, where lists are at their longest."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

BUDGET = 60 * 1024
# Elements whose src or href the browser fetches by itself (links to follow are <a>).
FETCHED = {"script", "img", "iframe", "source", "video", "audio", "embed", "track", "input"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


class Resources(HTMLParser):
    """The URLs a browser loads for a page: scripts, styles, images, frames, fonts."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("href"):
            self.urls.append((values.get("rel") or "link", values["href"]))
        elif tag in FETCHED and values.get("src"):
            self.urls.append((tag, values["src"]))
        if values.get("srcset"):
            self.urls += [(tag, part.split()[0]) for part in values["srcset"].split(",")]
        if "url(" in (values.get("style") or ""):
            self.urls += [(tag, url) for url in css_urls(values["style"])]


def css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css) if not (a or b).startswith("data:")]


def elsewhere(url: str) -> bool:
    """True for a URL on another host (absolute or protocol-relative)."""
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.hostname not in ("127.0.0.1", "localhost")


def weigh(client, html: str) -> tuple[int, list[str]]:
    """Bytes of the page with its CSS and JS, and the URLs it loads from elsewhere."""
    parser = Resources()
    parser.feed(html)
    total, foreign = len(html.encode()), []
    for kind, url in parser.urls:
        if elsewhere(url):
            foreign.append(url)
            continue
        if kind == "script" or "stylesheet" in kind:
            with client.get(urlsplit(url).path) as response:  # a static file: close it
                body = response.get_data()
            total += len(body)
            if "stylesheet" in kind:
                foreign += [u for u in css_urls(body.decode()) if elsewhere(u)]
    return total, foreign


def test_key_pages_weigh_at_most_60_kb_and_load_nothing_from_elsewhere(demo, grow):
    grow()
    weights, foreign = {}, {}
    for page in demo.pages:
        client = demo.clients[page.who]
        response = client.get(page.path)
        assert response.status_code == 200, page
        weights[page.name], foreign[page.name] = weigh(client, response.get_data(as_text=True))
    assert {name: urls for name, urls in foreign.items() if urls} == {}
    heavy = {name: f"{weight / 1024:.1f} KB" for name, weight in weights.items() if weight > BUDGET}
    assert heavy == {}, heavy


def test_the_weighing_sees_styles_scripts_and_foreign_hosts(app, demo):
    html = (
        '<link rel="stylesheet" href="/static/css/main.css">'
        '<script src="https://cdn.example.com/x.js"></script>'
        '<img src="//images.example.com/a.png"><a href="https://example.com/">ok</a>'
        '<div style="background: url(https://fonts.example.com/f.woff2)"></div>'
    )
    total, foreign = weigh(demo.clients["chef"], html)
    with demo.clients["chef"].get("/static/css/main.css") as response:
        css = response.get_data()
    assert total == len(html.encode()) + len(css)
    assert foreign == [
        "https://cdn.example.com/x.js",
        "//images.example.com/a.png",
        "https://fonts.example.com/f.woff2",
    ]
