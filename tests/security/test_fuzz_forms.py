"""Hypothesis fuzzing of every form (PRODUCT.md section 6: bad input gets
400 or the form again, never a server error). Generated from the app: one
test per POST endpoint; it takes every form any visitor finds for it, fills
it in as the page shows it, then lets Hypothesis replace, drop, repeat and
add fields with huge input, NUL and other control characters, zero-width
and right-to-left characters, out-of-range and malformed numbers and dates,
and foreign choices. A server error – an exception under TESTING – fails."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from tests.security.conftest import post_endpoint_names, visitor_client
from tests.security.discovery import Field
from tests.security.filling import form_data, fresh

ANSWERS = {200, 302, 303, 400, 403, 404, 409, 410, 413, 422, 429}
# Per endpoint; FUZZ_EXAMPLES=200 for a longer hunt.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
SPECIAL = (
    "\x00",
    "\x01\x02\x1b[31m",
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width
    "\u202e\u2066\u200f\u061c",  # right-to-left overrides and marks
    "\ud7ff\ue000\uffff\U0010ffff",
    "e\u0301\u0308\u0338",  # combining marks
    "\r\n\t\x0b\x0c",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🤖",
)
NUMBERS = (
    "-1",
    "0",
    "-0",
    "1e309",
    "NaN",
    "sNaN",
    "inf",
    "Infinity",
    "1e30",
    "-1e-30",
    "-inf",
    "9" * 40,
    "-" + "9" * 40,
    "2147483648",
    "0x1F",
    "1_000",
    "١٢٣",  # Arabic-Indic digits
    "١,٥",
    "3,5",
    "3.5.5",
    " 7 ",
    "",
)
DATES = ("0000-00-00", "9999-12-31", "2026-02-30", "1-1-1", "10000-01-01", "2026-13-01", "-1")
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    SPECIAL
)
huge = st.builds(
    lambda unit, times: unit * times,
    st.sampled_from(("x", "å", "\u202e", "\x00", "🤖", "<a>")),
    st.integers(min_value=5_000, max_value=400_000),
)
numbers = st.sampled_from(NUMBERS) | st.integers(-(10**30), 10**30).map(str)
dates = st.sampled_from(DATES) | st.dates().map(str) | text


def value_for(item: Field) -> st.SearchStrategy[str]:
    """Something a browser would never send in this field, or might."""
    if item.kind == "number":
        return numbers | text
    if item.kind == "date":
        return dates
    if item.kind in ("select", "radio", "checkbox"):
        return st.sampled_from(item.options or (item.value or "x",)) | text | numbers
    return text | huge | numbers


def fuzzed(draw, fields: tuple[Field, ...], baseline: list[tuple[str, str]]):
    """The baseline with fields replaced, dropped, repeated, and one added."""
    by_name = {item.name: item for item in fields}
    sent = []
    for name, value in baseline:
        if name == "csrf_token":
            sent.append((name, value))
            continue
        action = draw(st.sampled_from(("keep", "keep", "replace", "replace", "drop", "twice")))
        new = draw(value_for(by_name.get(name, Field(name, "text"))))
        if action == "keep":
            sent.append((name, value))
        elif action == "replace":
            sent.append((name, new))
        elif action == "twice":
            sent += [(name, value), (name, new)]
    if draw(st.booleans()):
        sent.append((draw(st.sampled_from(("okänt", "id", "user_id", "role", ""))), draw(text)))
    return sent


@pytest.mark.parametrize("endpoint", post_endpoint_names())
def test_fuzzed_forms_get_an_answer_never_a_server_error(
    demo_app, demo_seed, site, endpoint, figure
):
    forms = [form for form in site.unique_forms() if form.endpoint == endpoint]
    assert forms, f"no visitor finds a form for {endpoint}"
    answered: set[int] = set()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def post_fuzz(data):
        form = data.draw(st.sampled_from(forms), label="form")
        client = visitor_client(demo_app, form.role, demo_seed.prepared)
        current = fresh(client, form)
        sent = fuzzed(data.draw, current.fields, form_data(current, {}, {}))
        response = client.post(current.action, data=MultiDict(sent))
        response.close()
        answered.add(response.status_code)
        assert response.status_code in ANSWERS, f"{form.role}: {response.status_code}"

    post_fuzz()
    assert answered <= ANSWERS
    figure("fuzzing: endpoints fuzzed without a server error")
    figure("fuzzing: fuzzed posts (Hypothesis examples)", EXAMPLES)
