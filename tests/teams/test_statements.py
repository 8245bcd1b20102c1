"""The dialogue's pages issue as many SQL statements for a large team and
many dialogues as for a small one (no query per member or per dialogue)."""

from toolbox import clock
from toolbox.extensions import db
from toolbox.teams import service
from toolbox.teams.models import Dialogue


def agree(app, dialogue_id: int, behaviours: list[str]) -> None:
    with app.app_context():
        dialogue = db.session.get(Dialogue, dialogue_id)
        service.close(dialogue, clock.utcnow())
        service.record_agreement(dialogue, behaviours, "Åtagande", clock.today(), clock.utcnow())
        db.session.commit()


def counted(client, path: str, count_statements) -> int:
    with count_statements() as counter:
        assert client.get(path).status_code == 200
    return counter.count


def test_pages_do_not_grow_with_the_team_or_the_dialogues(
    app, open_dialogue, make_user, leader, login_as, client, count_statements
):
    small = open_dialogue([make_user() for _ in range(3)])
    agree(app, small, ["fraga-forst"])
    login_as(leader)
    pages = (f"/ledningsgrupp/{small}", "/ledningsgrupp/", "/ledningsgrupp/uppfoljning", "/")
    before = [counted(client, path, count_statements) for path in pages]
    large = open_dialogue([make_user() for _ in range(25)])
    agree(app, large, ["fraga-forst", "saga-ifran"])
    for _ in range(5):
        agree(app, open_dialogue([make_user()]), ["beslut-nara"])
    after = [
        counted(client, path.replace(str(small), str(large)), count_statements) for path in pages
    ]
    assert after == before
