"""Chart labels are never clipped and never overlap (issue 21): on every
chart page, at 320 px and at 1280 px, each SVG text's box lies inside the
chart's viewBox and clear of every other text's box."""

import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from tests.browser.conftest import DEMO_ACCOUNTS, sign_in
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.feedback.models import FeedbackRound
from toolbox.reflection.models import SUBMITTED, Reflection

pytestmark = pytest.mark.browser

WIDTHS = (320, 1280)
# A feedback round's pages with its results: the round, its print view and report.
ROUND_PAGES = ("", "/utskrift", "/rapport")
# Text boxes may touch (a glyph's box includes its line gap), not cross.
TOLERANCE = 0.5

MEASURE = """(tolerance) => {
  const problems = [];
  document.querySelectorAll('svg[viewBox]').forEach((svg, n) => {
    const [vx, vy, vw, vh] = svg.getAttribute('viewBox').split(/[ ,]+/).map(Number);
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
    const boxes = texts.map(t => ({text: t.textContent.trim(), box: t.getBBox()}));
    const name = svg.id || (svg.querySelector('title') || {}).textContent || `svg ${n}`;
    for (const {text, box} of boxes) {
      if (box.x < vx - tolerance || box.y < vy - tolerance ||
          box.x + box.width > vx + vw + tolerance || box.y + box.height > vy + vh + tolerance) {
        problems.push(`${name}: "${text}" is clipped`);
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box, b = boxes[j].box;
        const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        if (overlapX > tolerance && overlapY > tolerance) {
          problems.push(`${name}: "${boxes[i].text}" overlaps "${boxes[j].text}"`);
        }
      }
    }
  });
  return problems;
}"""


def chart_pages(app) -> dict[str, list[str]]:
    with app.app_context():
        chef = db.session.scalar(select(User.id).where(User.email == DEMO_ACCOUNTS["chef"]))
        reflection = db.session.scalar(
            select(Reflection.id)
            .where(Reflection.user_id == chef, Reflection.status == SUBMITTED)
            .order_by(Reflection.id.desc())
            .limit(1)
        )
        rounds = db.session.scalars(
            select(FeedbackRound.id).where(FeedbackRound.manager_id == chef)
        ).all()
    return {
        "ledning": [
            "/analys/",
            "/analys/skattning",
            "/analys/forutsattningar",
            "/analys/goda-exempel",
        ],
        "chef": [
            "/sjalvskattning/",
            f"/sjalvskattning/{reflection}",
            f"/sjalvskattning/{reflection}/utskrift",
            "/aterkoppling/jamfor",
            *(f"/aterkoppling/omgangar/{r}{page}" for r in rounds for page in ROUND_PAGES),
        ],
    }


def charts_checked(page: Page, url: str) -> tuple[int, list[str]]:
    response = page.goto(url)
    assert response.status == 200, url
    count = page.locator("svg[viewBox] text").count()
    return count, page.evaluate(MEASURE, TOLERANCE)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_chart_label_is_clipped_or_overlaps(chromium, server_url, browser_app, width):
    problems, texts = [], 0
    for role, urls in chart_pages(browser_app).items():
        context = chromium.new_context(
            base_url=server_url, locale="sv-SE", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        sign_in(page, DEMO_ACCOUNTS[role])
        for url in urls:
            count, found = charts_checked(page, url)
            texts += count
            problems += [f"{width} px {url}: {problem}" for problem in found]
        context.close()
    assert texts > 50  # the charts were there to measure
    assert not problems, "\n".join(problems)
