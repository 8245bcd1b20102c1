"""The ceiling: a bare Flask + Flask-SQLAlchemy page that lists 50 rows
through a Jinja template, served like the portal to measure what the stack
itself can do on this machine (issue 9, PRODUCT.md section 7).

    export CEILING_DATABASE_URL=sqlite:////tmp/ceiling.db
    python bench/ceiling.py          # create and fill the table (once)
    gunicorn --chdir bench "ceiling:create_app()"
"""

import os

from flask import Flask, render_template
from flask_sqlalchemy import SQLAlchemy
from jinja2 import DictLoader
from sqlalchemy import String, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROWS = 1_000
PER_PAGE = 50
PAGE = """<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Tak</title></head>
<body>
<main>
<h1>Rader</h1>
<table>
<thead>
<tr><th scope="col">Nr</th><th scope="col">Titel</th><th scope="col">Sammanfattning</th></tr>
</thead>
<tbody>
{% for row in rows %}
<tr><td>{{ row.id }}</td><td>{{ row.title }}</td><td>{{ row.summary }}</td></tr>
{% endfor %}
</tbody>
</table>
</main>
</body>
</html>
"""


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Row(db.Model):
    __tablename__ = "bench_ceiling_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(600))


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["CEILING_DATABASE_URL"]
    app.jinja_loader = DictLoader({"rows.html": PAGE})
    db.init_app(app)

    @app.get("/")
    def index():
        rows = db.session.scalars(select(Row).order_by(Row.id).limit(PER_PAGE)).all()
        return render_template("rows.html", rows=rows)

    return app


def fill() -> None:
    """Create and fill the table unless it is filled already."""
    db.create_all()
    if db.session.scalar(select(func.count()).select_from(Row)):
        return
    db.session.execute(
        insert(Row),
        [
            {"title": f"Rad {n}", "summary": f"En kort sammanfattning av rad {n}."}
            for n in range(1, ROWS + 1)
        ],
    )
    db.session.commit()


if __name__ == "__main__":
    with create_app().app_context():
        fill()
