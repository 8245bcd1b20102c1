"""The task register in English: every page of every role of the workflow,
each form posted blank and filled in, the flashes, Min sida and the CSV, with
no Swedish word of the register's UI left (issue 21). Names, titles and what
people wrote are data: the register's categories and functions come from
content/ (translated there), the people's names are allowed.

On SQLite only: what a page says does not depend on the database, and
the feature's own tests run on both."""

import csv
import io

import pytest

from tests.conftest import ON_SQLITE_ONLY
from tests.language.visitor import EnglishVisitor
from tests.language.vocabulary import words
from tests.tasks.conftest import form, task_version

pytestmark = ON_SQLITE_ONLY

TITLE = "Ledger reconciliation"


@pytest.fixture
def allowed(people) -> set[str]:
    """Words of data shown as it is: the people's names."""
    names = [people.by_name(n).name for n in ("proposer", "chef", "hr", "ledning", "owner")]
    return set().union(*(words(name) for name in names))


@pytest.fixture
def english(client, login_as, allowed):
    visitor = EnglishVisitor(client, allowed)

    def check(url: str, data: dict | None = None) -> str:
        return visitor.page(url, data)

    check.sign_in = lambda user: visitor.sign_in(login_as, user)
    return check


def statuses(make_task) -> dict[str, int]:
    found = {}
    for status in ("inkommen", "under_genomlysning", "beslutad", "genomfors", "genomford"):
        found[status] = make_task(status, title=TITLE, description="Text.")
    found["avslagen"] = make_task("avslagen", title=TITLE)
    return found


def test_a_manager_reads_and_proposes_in_english(app, people, make_task, english):
    tasks = statuses(make_task)
    english.sign_in(people.proposer)
    for url in ("/", "/uppgifter/", "/uppgifter/?mina=1&sortering=tid", "/uppgifter/siffror"):
        english(url)
    assert "Propose a task" in english("/uppgifter/ny")
    for task_id in tasks.values():
        english(f"/uppgifter/{task_id}")
    english(f"/uppgifter/{tasks['inkommen']}/andra")
    english(f"/uppgifter/{tasks['beslutad']}/andra")  # refused: no longer open
    page = english("/uppgifter/ny", form())
    assert "Enter what the task is called." in page
    valid = form(
        title=TITLE, description="Text.", category="ekonomi", frequency="varje_vecka",
        hours_per_month="2,5", affected_managers="2", scope_unit_id="0", action="",
    )  # fmt: skip
    assert "The proposal has been received" in english("/uppgifter/ny", valid)
    english(f"/uppgifter/{tasks['inkommen']}/kommentarer", form())
    assert "The comment has been saved." in english(
        f"/uppgifter/{tasks['inkommen']}/kommentarer", form(text="Text.")
    )
    version = str(task_version(app, tasks["inkommen"]))
    english(f"/uppgifter/{tasks['inkommen']}/andra", form(version=version))
    changed = valid | form(version=version, title="Ledger reconciliation, monthly")
    assert "The changes have been saved." in english(
        f"/uppgifter/{tasks['inkommen']}/andra", changed
    )
    english(f"/uppgifter/{tasks['inkommen']}/steg/aterkalla")
    english(f"/uppgifter/{tasks['inkommen']}/steg/besluta")  # not theirs: refused
    english(f"/uppgifter/{tasks['beslutad']}/steg/aterkalla")  # wrong status: refused


def test_another_manager_endorses_in_english(people, make_task, english):
    task_id = make_task("inkommen", title=TITLE)
    english.sign_in(people.chef)
    english(f"/uppgifter/{task_id}/beror-mig")
    assert "Enter the number of hours." in english(f"/uppgifter/{task_id}/beror-mig", form())
    page = english(f"/uppgifter/{task_id}/beror-mig", form(hours_per_month="1,5"))
    assert "Your estimate is now counted" in page
    assert "Your endorsement has been removed." in english(
        f"/uppgifter/{task_id}/beror-mig/ta-bort", {}
    )
    english(f"/uppgifter/{task_id}/beror-mig/ta-bort", {})  # nothing left to remove


STEPS = (
    # (role, status, step, filled-in form)
    ("hr", "inkommen", "bedom", {"action": "avlasta", "function": "ekonomi",
                                 "hours_per_month": "2", "affected_managers": "1",
                                 "note": "Text."}),
    ("ledning", "under_genomlysning", "aterremittera", {"note": ""}),
    ("ledning", "under_genomlysning", "besluta", {"note": "Text.", "owner_id": "OWNER"}),
    ("ledning", "inkommen", "avsla", {"note": "Text."}),
    ("owner", "beslutad", "starta", {"note": ""}),
    ("owner", "genomfors", "rapportera", {"realised": "1,5", "note": ""}),
    ("ledning", "avslagen", "ateroppna", {"note": ""}),
    ("proposer", "inkommen", "aterkalla", {"note": ""}),
)  # fmt: skip


@pytest.mark.parametrize(("role", "status", "step", "values"), STEPS, ids=[s[2] for s in STEPS])
def test_every_step_in_english(app, people, make_task, english, role, status, step, values):
    task_id = make_task(status, title=TITLE)
    user = people.by_name(role)
    english.sign_in(user)
    english("/")
    english(f"/uppgifter/{task_id}")
    english(f"/uppgifter/{task_id}/steg/{step}")
    url = f"/uppgifter/{task_id}/steg/{step}"
    blank = english(url, form(version=str(task_version(app, task_id))))
    if values != {"note": ""}:  # a step with only an optional note is taken blank
        values = {k: str(people.owner.id) if v == "OWNER" else v for k, v in values.items()}
        assert "The task now has the status" not in blank
        page = english(url, form(version=str(task_version(app, task_id)), **values))
    else:
        page = blank
    assert "The task now has the status" in page


def test_refusals_and_todos_in_english(people, make_task, english):
    make_task("inkommen", title=TITLE)
    make_task("under_genomlysning", title=TITLE)
    decided = make_task("beslutad", title=TITLE)
    english.sign_in(people.hr)
    assert "1 task is waiting to be assessed." in english("/")
    page = english(f"/uppgifter/{decided}/steg/besluta")
    assert "can only be done by leadership" in page
    english.sign_in(people.ledning)
    assert "1 task is waiting for a decision." in english("/")
    page = english(f"/uppgifter/{decided}/steg/besluta")
    assert "is not possible when the task has the status Decided" in page
    english.sign_in(people.owner)
    assert "You own 1 decided task" in english("/")


def test_the_export_has_english_headers(people, make_task, english, client):
    make_task("beslutad", title=TITLE)
    english.sign_in(people.hr)
    text = client.get("/uppgifter/export.csv").get_data(as_text=True).lstrip("\ufeff")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))[:2]
    assert header[:5] == ["ID", "Title", "Description", "Category", "Frequency"]
    assert "Decided" in row
    assert "Every week" in row
