"""The only place HTML is made from Markdown or user text, and sanitised."""

import re
import threading
from functools import lru_cache

import bleach
import markdown
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "strong",
        "em",
        "b",
        "i",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "a",
        "abbr",
        "span",
    }
)
# A span only marks the language of a passage (<span lang="sv">), so that a
# screen reader pronounces a Swedish name on an English page as Swedish.
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "abbr": ["title"], "span": ["lang"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
H1 = re.compile(r"<(/?)h1>")

# A bleach Cleaner keeps parser state between calls, so two threads of one
# worker (gunicorn gthread) must not share it: one per thread.
_local = threading.local()


def _cleaner() -> bleach.Cleaner:
    cleaner = getattr(_local, "cleaner", None)
    if cleaner is None:
        cleaner = _local.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[],
        )
    return cleaner


def _secure_links(attrs, _new=False):
    attrs[(None, "rel")] = "noopener noreferrer"
    return attrs


def sanitise(html: str) -> Markup:
    """Strict allow-list cleaning; links get rel="noopener noreferrer"."""
    cleaned = _cleaner().clean(html)
    linked = bleach.linkify(cleaned, callbacks=[_secure_links], parse_email=False)
    return Markup(linked)  # noqa: S704 - cleaned above by the allow-list


# Keyed by the source text, so an edited text is simply a new entry; the
# rendering costs more than the rest of a catalog item's page.
@lru_cache(maxsize=1024)
def render_markdown(text: str) -> Markup:
    """Markdown to sanitised HTML: raw HTML in the source is stripped by the
    allow-list (its text stays), and a level-1 heading becomes level 2, since
    the page's own title is the only h1."""
    html = markdown.markdown(text, extensions=["sane_lists", "def_list"], output_format="html")
    return sanitise(H1.sub(r"<\1h2>", html))


def marked_swedish(text: str) -> Markup:
    """People's own Swedish (a name or title they wrote) for a translated
    message: escaped and marked lang="sv". Put it in with
    `escape(_("… %(title)s …")) % {"title": marked_swedish(title)}`."""
    return Markup('<span lang="sv">{}</span>').format(text)
