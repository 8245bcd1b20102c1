"""The demo data: three dialogues at different stages, a reminder for the
demo manager, and leadership's overview over them."""

from sqlalchemy import func, select

from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.teams.models import Dialogue


def test_the_demo_shows_each_stage_of_a_dialogue(app, login_as, client):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert (
        "Ledningsgruppsdialog: 10 beteenden giltiga." in runner.invoke(args=["load-content"]).output
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Dialogue)) == 5
        chef = db.session.scalar(select(User).where(User.email == "chef@example.se"))
        leader = db.session.scalar(select(User).where(User.email == "ledning@example.se"))
        db.session.expunge_all()
    login_as(chef)
    assert (
        'Svara inför ledningsgruppsdialogen i <span lang="sv">Verksamhetsledningen Medicin</span>'
        in client.get("/").get_data(as_text=True)
    )
    login_as(leader)
    page = client.get("/ledningsgrupp/uppfoljning").get_data(as_text=True)
    for team in (
        "Verksamhetsledningen Medicin",
        "Verksamhetsledningen Kirurgi",
        "Förvaltningsledningen",
    ):
        assert team in page
    assert "5 dialoger, 3 med överenskommelse, 1 uppföljda." in page
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Dialogue)) == 5
