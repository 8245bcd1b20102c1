"""Why the register's figures need no small-group suppression: every number
they add up is shown on its own, by name, to everyone who sees the figures,
and the forms say so (toolbox/tasks/figures.py)."""

import re
from decimal import Decimal

from toolbox.tasks import figures


def shown_estimates(page: str) -> dict[str, Decimal]:
    """The endorsements the task's page lists: name → own estimate."""
    table = page.split('id="endorsements-title"')[1].split("</table>", maxsplit=1)[0]
    return {
        name: Decimal(hours.replace(",", "."))
        for name, hours in re.findall(
            r'<th scope="row">([^<]+)</th><td class="num">([\d,]+)<', table
        )
    }


def test_every_estimate_in_the_figures_is_shown_by_name(
    app, people, make_user, make_task, login_as, client
):
    eva = make_user("eva@example.se", roles=("chef",), name="Eva Enhetschef")
    task_id = make_task(
        "inkommen", hours="2.0", managers=3, endorsements=[(people.chef.id, "1.5"), (eva.id, "2.5")]
    )
    for viewer in (people.ledning, people.hr, people.chef):
        login_as(viewer)
        page = client.get(f"/uppgifter/{task_id}").get_data(as_text=True)
        assert "Karin Förslagsställare" in page
        listed = shown_estimates(page)
        assert listed == {"Olle Kollega": Decimal("1.5"), "Eva Enhetschef": Decimal("2.5")}
        assert '<dd id="task-managers">5</dd>' in page
        with app.app_context():
            total = figures.total()
        # The register's total is the proposal's estimate plus the estimates listed by name.
        assert total.estimated == Decimal("2.0") * 3 + sum(listed.values())
        assert total.managers == 3 + len(listed)


def test_the_forms_say_who_sees_the_name_and_estimate(people, make_task, login_as, client):
    task_id = make_task("inkommen")
    login_as(people.chef)
    endorse = client.get(f"/uppgifter/{task_id}/beror-mig").get_data(as_text=True)
    assert "Den visas med ditt namn på uppgiftens sida" in endorse
    assert "Chefer, HR och ledningen kan se ditt namn och din uppskattning" in endorse
    proposal = client.get("/uppgifter/ny").get_data(as_text=True)
    assert "Chefer, HR och ledningen kan se förslaget och ditt namn." in proposal
