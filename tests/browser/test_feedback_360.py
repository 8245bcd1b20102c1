"""Issue 18 in Chromium: chef@example.se opens a round with all three
groups; three staff members, three colleagues and the own manager answer
through their mailed links, each reading the statements in their own
words; the own manager is told before the first question that the answers
are shown as theirs. The results show staff, colleagues and "Din chef"
apart, with the own manager's comment attributed; the report and the plan
button work. axe runs once on each new or changed page kind."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_feedback import check, fresh, links_in, submit  # noqa: F401 - fixture
from toolbox.extensions import mail

pytestmark = pytest.mark.browser

TITLE = "360 i webbläsaren"
STAFF = [f"med{n}@example.se" for n in range(1, 4)]
PEERS = [f"kollega{n}@example.se" for n in range(1, 4)]
BOSS = "chefens.chef@example.se"
BOSS_COMMENT = "Du har fått ordning på schemat; nästa steg är att delegera mer."
WORDING = {
    "medarbetare": "Min chef ger återkoppling regelbundet",
    "kollegor": "Min kollega ger sina medarbetare återkoppling regelbundet",
    "chef": "Min medarbetare ger sina medarbetare återkoppling regelbundet",
}


def invite(page: Page, group: str, addresses: list[str]) -> None:
    page.get_by_role("link", name="Bjud in via e-post").click()
    page.get_by_label(group, exact=True).check()
    page.get_by_label("E-postadresser").fill("\n".join(addresses))
    assert submit(page, "Skicka inbjudan") == 302


def open_round(page: Page, outbox: list) -> dict[str, list[str]]:
    page.goto("/aterkoppling/ny")
    page.get_by_label("Namn på omgången").fill(TITLE)
    for group in ("Medarbetare", "Kollegor", "Egen chef"):
        page.get_by_label(group).check()
    assert submit(page, "Starta omgången") == 302
    invite(page, "Medarbetare", STAFF)
    invite(page, "Kollegor", PEERS)
    page.get_by_role("link", name="Bjud in via e-post").click()
    page.get_by_label("Egen chef", exact=True).check()
    page.get_by_label("E-postadresser").fill(f"{BOSS}\nen.till@example.se")
    assert submit(page, "Skicka inbjudan") == 422  # the own manager is one person
    expect(page.locator(".error-summary, .field-error").first).to_contain_text(
        "Din egen chef är en person"
    )
    page.get_by_label("E-postadresser").fill(BOSS)
    assert submit(page, "Skicka inbjudan") == 302
    assert len(outbox) == 7
    assert outbox[-1].body.split("\n")[2].startswith("Dina svar är inte anonyma")
    links = links_in(outbox, 0)
    return {"medarbetare": links[:3], "kollegor": links[3:6], "chef": links[6:]}


def statements(page: Page) -> list[str]:
    return page.locator('fieldset:has(input[name^="q_"]) legend').all_inner_texts()


def answer(page: Page, value: str, comment: str = "") -> None:
    for radio_group in page.locator('fieldset:has(input[name^="q_"])').all():
        radio_group.locator(f'input[value="{value}"]').check()
    if comment:
        page.get_by_label(re.compile("Vad skulle du vilja att din medarbetare utvecklar")).fill(
            comment
        )
    assert submit(page, "Skicka svaren") == 302


def boss_notice_comes_first(page: Page) -> None:
    notice = page.locator("#named-notice")
    expect(notice).to_contain_text("Dina svar är inte anonyma")
    expect(notice).to_contain_text("med din roll utskriven")
    first_question = page.locator('fieldset:has(input[name^="q_"])').first
    # In document order and on screen, the notice comes before the first question.
    before = page.evaluate(
        "([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
        [notice.element_handle(), first_question.element_handle()],
    )
    assert before
    assert notice.bounding_box()["y"] < first_question.bounding_box()["y"]


def everyone_answers(fresh, links: dict[str, list[str]]) -> None:  # noqa: F811
    values = {"medarbetare": "4", "kollegor": "2", "chef": "5"}
    for group, group_links in links.items():
        for number, link in enumerate(group_links):
            page = fresh()
            page.goto(link)
            texts = statements(page)
            assert texts[0].startswith("1. " + WORDING[group]), (group, texts[0])
            others = [w for g, w in WORDING.items() if g != group]
            assert not any(w in t for t in texts for w in others), group
            if number == 0:
                if group == "chef":
                    boss_notice_comes_first(page)
                else:
                    expect(page.locator("#named-notice")).to_have_count(0)
                check(page, f"svarande ({group}): formuläret")
            answer(page, values[group], BOSS_COMMENT if group == "chef" else "")


def check_results(page: Page) -> None:
    results = page.locator("#fb-results")
    expect(results).to_contain_text("Antal svar: Medarbetare 3, Kollegor 3.")
    expect(results).to_contain_text("Din chef har svarat.")
    table = page.locator("table", has=page.locator("caption", has_text="Medelvärde 1–5 per område"))
    headers = table.locator("thead th").all_inner_texts()
    assert headers[:6] == [
        "Område",
        "Du själv",
        "Medarbetare",
        "Kollegor",
        "Alla andra",
        "Din chef",
    ]
    for row in table.locator("tbody tr").all():
        cells = row.locator("th, td").all_inner_texts()
        # Alla andra is staff and colleagues only: (3×4 + 3×2) / 6; Din chef apart.
        assert cells[2:6] == ["4,0", "2,0", "3,0", "5,0"], cells
    named = page.locator("section", has=page.get_by_role("heading", name="Din chefs kommentarer"))
    expect(named).to_contain_text(BOSS_COMMENT)
    expect(named.locator("figcaption")).to_have_text("– Din chef")
    pooled = page.locator("section", has=page.locator("#comments-title"))
    expect(pooled).not_to_contain_text(BOSS_COMMENT)


def test_a_360_round_with_every_group_in_its_own_words(fresh, log_in):  # noqa: F811
    manager = fresh()
    log_in(manager, "chef@example.se")
    with mail.record_messages() as outbox:
        links = open_round(manager, outbox)
    round_url = manager.url.split("/bjud-in")[0]
    everyone_answers(fresh, links)
    manager.goto(round_url)
    expect(manager.locator(".fb-thresholds")).to_contain_text("Din chef: har svarat")
    assert submit(manager, "Avsluta omgången nu") == 302
    check_results(manager)
    check(manager, "chef: 360-resultatet")
    suggestions = manager.locator(".fb-suggestions")
    button = suggestions.get_by_role("button", name=re.compile("Lägg i min utvecklingsplan")).first
    title = suggestions.locator("h3").first.inner_text()
    assert submit_button(manager, button) == 302
    assert manager.url.rstrip("/").endswith(round_url.split("127.0.0.1")[-1].split("/", 1)[-1])
    expect(manager.locator(".notice-success")).to_contain_text(
        f"{title} finns nu i din utvecklingsplan"
    )
    expect(manager.locator(".fb-suggestions h3", has_text=title)).to_have_count(0)
    manager.get_by_role("link", name="Rapport att ta med till samtalet med din chef").click()
    expect(manager.locator(".fb-report-page")).to_have_count(5)
    expect(manager.locator("table").first.locator("thead")).to_contain_text("Din chef")
    check(manager, "chef: rapporten")


def submit_button(page: Page, button) -> int:
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        button.click()
    page.wait_for_load_state()
    return posted.value.status


def test_reflection_results_with_fitting_advice_are_accessible(fresh, log_in):  # noqa: F811
    page = fresh()
    log_in(page, "chef@example.se")
    page.goto("/sjalvskattning/")
    page.get_by_role("link", name=re.compile("resultat", re.IGNORECASE)).first.click()
    expect(page.get_by_role("heading", name="Förslag på erbjudanden och verktyg")).to_be_visible()
    expect(page.locator(".rf-reason").first).to_contain_text("Riktar sig till")
    check(page, "chef: självskattningens resultat med förslag")
