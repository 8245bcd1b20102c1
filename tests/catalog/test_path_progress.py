"""Learning-path progress is the manager's own: no one else sees it, and no
page shows a count over the managers who follow a path."""

from toolbox.catalog import plans
from toolbox.catalog.models import LearningPath, PathStep, PlanEntry
from toolbox.extensions import db


def test_progress_is_shown_to_its_manager_only(app, make_item, make_user, login_as, client):
    first, second = make_item("Första steget"), make_item("Andra steget")
    with app.app_context():
        path = LearningPath(slug="intro", title="Chefsintroduktion")
        db.session.add(path)
        db.session.flush()
        for position, item in enumerate((first, second), start=1):
            db.session.add(PathStep(path_id=path.id, position=position, item_id=item.id))
        db.session.commit()
        path_id = path.id
    follower = make_user("anna@example.se", roles=("chef",), name="Anna Följare")
    with app.app_context():
        plans.start_path(follower.id, db.session.get(LearningPath, path_id))
        entry = db.session.scalar(db.select(PlanEntry).where(PlanEntry.item_id == first.id))
        plans.set_status(entry, "genomford")
        db.session.commit()
    login_as(follower)
    assert "Du har genomfört 1 av 2 steg." in client.get("/katalog/larvagar/intro").get_data(True)
    for roles in (("hr",), ("ledning",), ("chef", "hr", "ledning", "admin")):
        login_as(make_user(roles=roles))
        pages = [
            client.get("/katalog/larvagar/intro").get_data(as_text=True),
            client.get("/katalog/larvagar").get_data(as_text=True),
        ]
        if "hr" in roles:
            pages += [
                client.get("/katalog/hantera/larvagar").get_data(as_text=True),
                client.get(f"/katalog/hantera/larvagar/{path_id}").get_data(as_text=True),
                client.get("/katalog/hantera/export.csv").get_data(as_text=True),
            ]
        assert "Du har genomfört 0 av 2 steg." in pages[0]
        assert "0 av 2 steg genomförda" in pages[1]
        assert not any("Anna" in page or "1 av 2" in page for page in pages)
