"""The inventory of good examples in plain Swedish (issue 21): the latest
version words each question as one plain question with a one-line help
text; answers given on version 1 are still shown with version 1's words."""

import re

from sqlalchemy import select

from toolbox.content import get_content
from toolbox.examples.models import Example
from toolbox.extensions import db

# What the seed's draft notes looked like: "– ex …", "Grad av …", "Lärande exempel".
DRAFT_NOTES = re.compile(r"(^|\s)(ex|t\.ex|osv)\s|–\s*ex\b|^Grad av|Lärande exempel$|/")
LONGEST_WORD = 18  # no long compounds a reader has to take apart
LONGEST_HINT = 110


def latest(app):
    with app.app_context():
        return get_content().question_set("goda-exempel")


def test_each_question_is_one_plain_question_with_a_one_line_help_text(app):
    questions = latest(app)
    assert questions.version >= 2
    found = [q for section in questions.sections for q in section.questions]
    assert len(found) == 9
    for question in found:
        text, hint = question.text, question.hint
        assert text.endswith("?"), text
        assert text.count("?") == 1, text
        assert not DRAFT_NOTES.search(text), text
        assert len(text) <= 120, text
        assert max(len(w) for w in re.findall(r"\w+", text)) <= LONGEST_WORD, text
        assert hint, f"{question.key} has no help text"
        assert "\n" not in hint
        assert len(hint) <= LONGEST_HINT, hint
        assert hint.endswith("."), hint


def test_the_keys_stay_so_that_old_and_new_answers_compare(app):
    with app.app_context():
        content = get_content()
        old, new = content.question_set("goda-exempel", 1), content.question_set("goda-exempel")
    keys = [[q.key for s in v.sections for q in s.questions] for v in (old, new)]
    assert keys[0] == keys[1]


def test_the_form_shows_the_help_texts_and_old_answers_keep_their_words(
    app, client, hr_client, make_collection, invite_example
):
    example_id, token = invite_example(make_collection(), unit_name="Röntgen")
    url = f"/goda-exempel/svar/{token}"
    client.post(url, data={"step": "1", "story": "Vi planerar själva.", "submission": "a" * 24})
    form = client.get(url).get_data(as_text=True)
    for section in latest(app).sections:
        for question in section.questions:
            assert question.hint in form
    answer = {"step": "2", "submission": "b" * 24, "q_styrning-larande": "Varje torsdag."}
    assert client.post(url, data=answer).status_code == 302
    page = hr_client.get(f"/goda-exempel/exempel/{example_id}").get_data(as_text=True)
    assert "Hur lär ni av varandra i arbetsgruppen" in page
    # An example answered on version 1 is shown with version 1's questions.
    with app.app_context():
        example = db.session.get(Example, example_id)
        example.question_set_version = 1
        db.session.commit()
        assert db.session.scalar(select(Example.question_set_version)) == 1
    page = hr_client.get(f"/goda-exempel/exempel/{example_id}").get_data(as_text=True)
    assert "Jobbar ni med lärande mellan kollegor" in page
