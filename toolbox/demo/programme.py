"""Demo programme plan: the activities of the seed's report back to the
board (content/program.yaml), dated around today. Idempotent."""

from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from toolbox import clock
from toolbox.extensions import db
from toolbox.programme.content import FILENAME, load_programme_content
from toolbox.programme.models import Activity


def seed_programme(content_dir: Path, _size: str) -> str:
    if db.session.scalar(select(func.count()).select_from(Activity)):
        return "programplan: aktiviteterna fanns redan"
    content = load_programme_content(content_dir / FILENAME)
    today = clock.today()
    db.session.add_all(
        Activity(
            track=starter.track,
            title=starter.title,
            owner=starter.owner,
            status=starter.status,
            starts_on=today + timedelta(days=starter.start_days),
            ends_on=today + timedelta(days=starter.end_days),
            outcome=starter.outcome,
        )
        for starter in content.activities
    )
    return f"programplan: {len(content.activities)} aktiviteter"
