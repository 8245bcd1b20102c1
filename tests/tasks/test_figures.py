"""The hours-freed figures (acceptance 3) on a crafted data set, against
numbers computed by hand. The definitions are in toolbox/tasks/figures.py."""

from decimal import Decimal

import pytest

from toolbox.extensions import db
from toolbox.tasks import figures
from toolbox.tasks.figures import Figures, per_manager
from toolbox.tasks.listing import TaskFilter, tasks_query

D = Decimal


@pytest.fixture
def crafted(app, people, make_user, make_task) -> dict[str, int]:
    """Six tasks. Per task: managers = affected + endorsements; estimated =
    hours × affected + endorsed hours; realised = realised per manager × managers.

    A ekonomi/avlasta/inkommen     2,0 × 3 + (1,5 + 2,5) =  10,0 h, 5 managers
    B ekonomi/utveckla/genomförd   1,5 × 4 + 3,0         =   9,0 h, 5 managers; realised 6,0
    C hr/avlasta/genomförd         4,0 × 2               =   8,0 h, 2 managers; realised 5,0
    D hr/(none)/under genomlysning 0,5 × 1               =   0,5 h, 1 manager
    E it/avveckla/avslagen         10,0 × 10 + 1,0       = 101,0 h, 11 managers (left out)
    F hr/avlasta/genomförs         3,0 × 1 + (2,0 + 4,0) =   9,0 h, 3 managers
    (realised: B 1,2 × 5 managers = 6,0; C 2,5 × 2 managers = 5,0)
    """
    chefs = [make_user(f"chef{n}@example.se", roles=("chef",)).id for n in range(3)]
    return {
        "A": make_task(
            "inkommen", hours="2.0", managers=3, action="avlasta",
            endorsements=[(chefs[0], "1.5"), (chefs[1], "2.5")],
        ),
        "B": make_task(
            "genomford", hours="1.5", managers=4, action="utveckla",
            realised_hours_per_month=D("1.2"), endorsements=[(chefs[0], "3.0")],
        ),
        "C": make_task(
            "genomford", category="hr_personal", hours="4.0", managers=2,
            realised_hours_per_month=D("2.5"),
        ),
        "D": make_task("under_genomlysning", category="hr_personal", hours="0.5", action=None),
        "E": make_task(
            "avslagen", category="it_system", hours="10.0", managers=10, action="avveckla",
            endorsements=[(chefs[2], "1.0")],
        ),
        "F": make_task(
            "genomfors", category="hr_personal", hours="3.0", managers=1,
            endorsements=[(chefs[1], "2.0"), (chefs[2], "4.0")],
        ),
    }  # fmt: skip


def test_total_leaves_out_rejected_tasks(app, crafted):
    with app.app_context():
        total = figures.total()
    assert total == Figures(
        tasks=5,
        managers=16,
        estimated=D("36.5"),
        realised_tasks=2,
        realised_managers=7,
        realised=D("11.0"),
    )
    assert total.estimated_per_manager == D("2.3")  # 36,5 / 16 = 2,28
    assert total.realised_per_manager == D("1.6")  # 11,0 / 7 = 1,57


def test_figures_by_category(app, crafted):
    with app.app_context():
        found = figures.figures_by("category")
    assert found == {
        "ekonomi": Figures(2, 10, D("19.0"), 1, 5, D("6.0")),
        "hr_personal": Figures(3, 6, D("17.5"), 1, 2, D("5.0")),
    }
    assert found["ekonomi"].estimated_per_manager == D("1.9")
    assert found["ekonomi"].realised_per_manager == D("1.2")
    assert found["hr_personal"].estimated_per_manager == D("2.9")  # 17,5 / 6 = 2,92
    assert found["hr_personal"].realised_per_manager == D("2.5")


def test_figures_by_action(app, crafted):
    with app.app_context():
        found = figures.figures_by("action")
    assert found == {
        "avlasta": Figures(3, 10, D("27.0"), 1, 2, D("5.0")),
        "utveckla": Figures(1, 5, D("9.0"), 1, 5, D("6.0")),
        "": Figures(1, 1, D("0.5"), 0, 0, D("0")),
    }
    assert found[""].realised_per_manager is None


def test_figures_by_status_show_rejected_on_their_own(app, crafted):
    with app.app_context():
        found = figures.figures_by("status")
    assert found == {
        "inkommen": Figures(1, 5, D("10.0"), 0, 0, D("0")),
        "under_genomlysning": Figures(1, 1, D("0.5"), 0, 0, D("0")),
        "genomfors": Figures(1, 3, D("9.0"), 0, 0, D("0")),
        "genomford": Figures(2, 7, D("17.0"), 2, 7, D("11.0")),
        "avslagen": Figures(1, 11, D("101.0"), 0, 0, D("0")),
    }
    assert found["genomford"].estimated_per_manager == D("2.4")  # 17 / 7 = 2,43


def test_one_task_and_the_list_use_the_same_definition(app, people, crafted):
    with app.app_context():
        assert figures.for_task(crafted["A"]) == (5, D("10.0"), None)
        assert figures.for_task(crafted["B"]) == (5, D("9.0"), D("6.0"))
        query = tasks_query(TaskFilter(sort="tid"), people.hr.id)
        listed = [(t.id, t.estimated_hours, t.manager_count) for t in db.session.scalars(query)]
    by_letter = dict(crafted.items())
    assert listed == [
        (by_letter["E"], D("101.0"), 11),
        (by_letter["A"], D("10.0"), 5),
        (by_letter["F"], D("9.0"), 3),  # a tie with B: the newer task first
        (by_letter["B"], D("9.0"), 5),
        (by_letter["C"], D("8.0"), 2),
        (by_letter["D"], D("0.5"), 1),
    ]


def test_an_empty_register_has_zero_figures(app):
    with app.app_context():
        total = figures.total()
        assert figures.figures_by("category") == {}
    assert total == Figures()
    assert total.estimated_per_manager is None


def test_per_manager_rounds_half_up_to_one_decimal():
    assert per_manager(D("4.5"), 2) == D("2.3")  # 2,25
    assert per_manager(D("1.0"), 3) == D("0.3")
    assert per_manager(D("0"), 0) is None


def test_the_figures_pages_show_the_numbers(app, people, crafted, login_as, client):
    login_as(people.chef)
    page = client.get("/uppgifter/siffror").get_data(as_text=True)
    assert '<dd id="total-estimated">36,5</dd>' in page
    assert '<dd id="total-realised">11,0</dd>' in page
    assert '<dd id="total-estimated-per-manager">2,3</dd>' in page
    row = '<th scope="row">HR och personal</th><td class="num">3</td><td class="num">6</td>'
    assert row in page
    assert "Summa utom avslagna" in page
    index = client.get("/uppgifter/").get_data(as_text=True)
    assert '<dd id="total-estimated">36,5</dd>' in index
