"""The catalog in English (issue 21): every catalog page each role reaches,
each of its forms posted blank and filled in, and Min sida's catalog to-dos
read in English. Item texts, titles and names are the authors' Swedish and
marked lang="sv"; the areas and principles come from content/."""

import pytest

from tests.language.crawl import crawl, demo_portal, english_client, post_each_form
from tests.language.vocabulary import read_text

VISITORS = ("chef", "hr", "ledning", "admin")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_seed):
    with demo_portal(tmp_path_factory.mktemp("english-catalog"), demo_seed) as portal:
        yield portal


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_catalog_page_and_form_reads_in_english(demo, visitor):
    app, prepared = demo
    client = english_client(app, prepared, visitor)
    read = crawl(app, client, ("/katalog",), ["/katalog/"])
    assert len(read.pages) >= 8, read.pages.keys()  # list, plan, paths and the items
    post_each_form(client, read)
    assert any(where.startswith("POST") for where in read.pages)
    assert read.swedish() == {}


def test_hrs_catalog_to_dos_on_min_sida_read_in_english(demo):
    app, prepared = demo
    home = read_text(english_client(app, prepared, "hr").get("/").get_data(as_text=True))
    assert "catalogue item is waiting for review" in home or "items are waiting" in home
    assert not [word for word in ("katalogobjekt", "granskning") if word in home]
