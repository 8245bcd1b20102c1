"""Searching and filtering issue the same number of SQL statements on 20 and
on 2,000 items (no N+1; PRODUCT.md section 7)."""

from toolbox.catalog import search
from toolbox.catalog.models import CatalogItem, PlanEntry
from toolbox.catalog.service import set_tags
from toolbox.extensions import db

PAGES = (
    "/katalog/",
    "/katalog/?q=ledarskapet",
    "/katalog/?area=kultur&principle=oppenhet&sort=titel",
    "/katalog/?kind=verktyg&cost=gratis&mode=eget",
    "/katalog/objekt-7",
    "/katalog/plan",
    "/katalog/larvagar",
)
HR_PAGES = ("/katalog/hantera", "/katalog/hantera?status=godkand&q=objekt")


def fill(app, start: int, stop: int, user_id: int) -> None:
    areas = ("ledarskap", "styrning", "kultur", "forutsattningar")
    principles = ("tillit", "oppenhet", "stod")
    with app.app_context():
        for number in range(start, stop):
            item = CatalogItem(
                slug=f"objekt-{number}",
                title=f"Objekt {number}",
                summary="Kort.",
                body="Om ledarskap och tillit i vardagen." if number % 3 else "Om budget.",
                kind=("verktyg", "erbjudande")[number % 2],
                format="kurs",
                provider="regionen",
                state="godkand",
                priority="medel",
                priority_rank=2,
                cost_sek=0 if number % 4 else 900,
                mode=("eget", "plats")[number % 2],
            )
            set_tags(
                item,
                {
                    "areas": [areas[number % 4]],
                    "principles": [principles[number % 3]],
                    "target_groups": ["forsta-linjen"],
                },
            )
            db.session.add(item)
            db.session.flush()
            search.reindex(db.session, item)
            if number < 5:
                db.session.add(PlanEntry(user_id=user_id, item_id=item.id))
        db.session.commit()


def statements_per_page(client, count_statements, pages) -> dict[str, int]:
    counts = {}
    for path in pages:
        client.get(path)  # warm: the first request loads lazily cached things
        with count_statements() as counter:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = counter.count
    return counts


def test_statement_count_does_not_grow_with_the_catalog(
    app, make_user, login_as, client, count_statements
):
    user = make_user(roles=("chef", "hr"))
    fill(app, 0, 20, user.id)
    login_as(user)
    small = statements_per_page(client, count_statements, PAGES + HR_PAGES)
    fill(app, 20, 2000, user.id)
    large = statements_per_page(client, count_statements, PAGES + HR_PAGES)
    assert large == small
    assert max(small.values()) <= 12, small
