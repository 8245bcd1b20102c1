"""The teams feature's blueprint: /ledningsgrupp – the leadership team's
dialogue (pages.py) and förvaltningsledningens uppföljning (leadership.py).

Its own feature, not a part of Gapanalys: a dialogue is run by any manager
who leads managers (role chef or ledning) with their team, while Gapanalys
is leadership's dashboards; leadership's follow-up of the dialogues lives
here beside them."""

from flask import Blueprint

from toolbox.home import service as home
from toolbox.teams import content, leadership, pages, results, todos
from toolbox.web.routes import BOTH, GET, POST, add_routes

bp = Blueprint("teams", __name__, url_prefix="/ledningsgrupp")

ROUTES = (
    ("/", "index", pages.index, GET),
    ("/ny", "new", pages.new, BOTH),
    ("/<int:dialogue_id>", "dialogue", pages.dialogue, GET),
    ("/<int:dialogue_id>/svara", "answer", pages.answer, BOTH),
    ("/<int:dialogue_id>/medlemmar", "add_members", pages.add_members, POST),
    ("/<int:dialogue_id>/stang", "close", pages.close, POST),
    ("/<int:dialogue_id>/overenskommelse", "agree", pages.agree, POST),
    ("/<int:dialogue_id>/uppfoljning", "follow_up", pages.follow_up, POST),
    ("/uppfoljning", "overview", leadership.overview, GET),
    ("/samsyn", "shared_view", leadership.shared_view, BOTH),
)
add_routes(bp, ROUTES)

bp.context_processor(results.thresholds)
bp.record_once(lambda state: content.init_app(state.app))
bp.record_once(lambda state: home.register(state.app, todos=todos.todos))
