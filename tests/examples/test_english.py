"""Good examples in English (issue 21): every page of the feature each role
reaches (the contact's mailed link too), each of its forms posted blank and
filled in, the mails HR's forms send, and Min sida's to-dos read in English.
What contacts and HR wrote – stories, answers, cases, collection titles,
unit names – is their Swedish and marked lang="sv"; the areas, principles
and inventory questions come from content/."""

import pytest

from tests.language.crawl import crawl, demo_portal, english_client, post_each_form
from tests.language.vocabulary import read_text, words

# The mails quote Swedish data unmarked (plain text): the words of their
# Swedish text that the data lacks.
MAIL_WORDS = frozenset({"hej", "hälsningar", "länken", "senast", "svara", "frivilliga", "mejlet"})
START = ["/goda-exempel/", "/goda-exempel/mina", "/goda-exempel/insamlingar"]
# The contacts first: HR's forms remove an example and replace links.
VISITORS = ("chef", "anonymous", "hr", "ledning", "admin")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_seed):
    with demo_portal(tmp_path_factory.mktemp("english-examples"), demo_seed) as portal:
        yield portal


@pytest.mark.parametrize("visitor", ["chef", "hr"])
def test_the_to_dos_of_good_examples_on_min_sida_read_in_english(demo, visitor):
    """Before the pages' forms change the demo data."""
    app, prepared = demo
    home = read_text(english_client(app, prepared, visitor).get("/").get_data(as_text=True))
    # The to-dos quote collection titles and unit names, which stay Swedish.
    expected = {"chef": "Good examples – step", "hr": "is due for delivery on"}
    assert expected[visitor] in home
    assert [s for s in ("Goda exempel – steg", "ska levereras", "ligger efter") if s in home] == []


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_page_and_form_of_good_examples_reads_in_english(demo, visitor):
    app, prepared = demo
    client = english_client(app, prepared, visitor)
    extra = [url for url in prepared.start.get(visitor, []) if url.startswith("/goda-exempel")]
    read = crawl(app, client, ("/goda-exempel",), START + extra)
    assert read.pages
    mails = post_each_form(client, read)
    assert read.swedish() == {}
    assert [words(mail) & MAIL_WORDS for mail in mails] == [set() for _mail in mails]
    if visitor == "hr":  # invitations, reminders and a new link went out
        assert len(mails) >= 3
        assert all(mail.startswith(("Invitation: ", "Reminder: ", "Follow-up")) for mail in mails)
    if visitor in ("chef", "anonymous"):  # the contact's steps were answered
        assert any("Thank you" in text for text in read.pages.values())
