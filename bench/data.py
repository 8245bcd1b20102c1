"""What the benchmark reads from (and sets up in) the seeded database: plain
SQL through SQLAlchemy Core, so that the benchmark does not depend on how the
portal's own modules are laid out."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, bindparam, create_engine, text

CHEF = "chef@example.se"
APPROVED = "godkand"
SUBMITTED = "inskickad"


@contextmanager
def connected(url: str) -> Iterator[Connection]:
    """A connection in a transaction, committed on a clean exit."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def key_ids(url: str) -> dict:
    """The ids in the fixed key pages' URLs: the first item of the catalog, the
    chef's latest submitted reflection and latest closed feedback round."""
    with connected(url) as db:
        chef = db.scalar(text("SELECT id FROM users WHERE email = :email"), {"email": CHEF})
        return {
            "item": db.scalar(
                text(
                    "SELECT slug FROM catalog_items WHERE state = :approved "
                    "ORDER BY priority_rank, title LIMIT 1"
                ),
                {"approved": APPROVED},
            ),
            "reflection": db.scalar(
                text(
                    "SELECT id FROM reflections WHERE user_id = :chef AND status = :submitted "
                    "ORDER BY submitted_at DESC LIMIT 1"
                ),
                {"chef": chef, "submitted": SUBMITTED},
            ),
            "round": latest_closed_round(db, chef),
        }


def latest_closed_round(db: Connection, manager: int) -> int | None:
    return db.scalar(
        text(
            "SELECT id FROM feedback_rounds WHERE manager_id = :manager "
            "AND (closed_on IS NOT NULL OR closes_on < CURRENT_DATE) "
            "ORDER BY closes_on DESC LIMIT 1"
        ),
        {"manager": manager},
    )


def managers(url: str, count: int) -> list[tuple[int, str]]:
    """(id, email) of `count` generated managers of the large data, spread over
    the list, each with submitted reflections and a feedback round. They have
    no password in the demo data: they get the demo password (the chef's hash)."""
    with connected(url) as db:
        found = db.execute(
            text(
                "SELECT u.id, u.email FROM users u JOIN user_roles r ON r.user_id = u.id "
                "WHERE r.role = 'chef' AND u.email LIKE 'chef0%' AND u.active "
                "AND EXISTS (SELECT 1 FROM feedback_rounds f WHERE f.manager_id = u.id) "
                "AND EXISTS (SELECT 1 FROM reflections s WHERE s.user_id = u.id) ORDER BY u.id"
            )
        ).all()
        chosen = [tuple(row) for row in found[:: max(1, len(found) // count)][:count]]
        db.execute(
            text(
                "UPDATE users SET password_hash = "
                "(SELECT password_hash FROM users WHERE email = :chef) WHERE id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {"chef": CHEF, "ids": [user for user, _ in chosen]},
        )
    return chosen


def own_pages(url: str, user: int) -> list[tuple[str, str]]:
    """(kind, path) of a manager's own pages: reflection results, feedback rounds."""
    with connected(url) as db:
        reflections = db.scalars(
            text("SELECT id FROM reflections WHERE user_id = :user AND status = :submitted"),
            {"user": user, "submitted": SUBMITTED},
        ).all()
        rounds = db.scalars(
            text("SELECT id FROM feedback_rounds WHERE manager_id = :user"), {"user": user}
        ).all()
    return [("Självskattning, resultat", f"/sjalvskattning/{r}") for r in reflections] + [
        ("Återkoppling, omgång", f"/aterkoppling/omgangar/{r}") for r in rounds
    ]


def item_slugs(url: str) -> list[str]:
    with connected(url) as db:
        query = text("SELECT slug FROM catalog_items WHERE state = :approved ORDER BY id")
        return list(db.scalars(query, {"approved": APPROVED}))


def unit_ids(url: str) -> list[int]:
    with connected(url) as db:
        return list(db.scalars(text("SELECT id FROM org_units ORDER BY id")))


def task_ids(url: str) -> list[int]:
    with connected(url) as db:
        return list(db.scalars(text("SELECT id FROM tasks ORDER BY id")))


def removable_entries(url: str, emails: list[str]) -> list[tuple[str, int]]:
    """(email, entry id) of the plan entries of these users that carry no rating
    (a final rating cannot be removed)."""
    with connected(url) as db:
        query = text(
            "SELECT u.email, e.id FROM catalog_plan_entries e JOIN users u ON u.id = e.user_id "
            "WHERE u.email IN :emails AND e.rating IS NULL ORDER BY e.id"
        ).bindparams(bindparam("emails", expanding=True))
        return [tuple(row) for row in db.execute(query, {"emails": emails})]
