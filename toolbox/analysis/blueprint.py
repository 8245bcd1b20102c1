"""The analysis blueprint; dashboards.py has the figures, planning.py goals and actions."""

from flask import Blueprint

bp = Blueprint("analysis", __name__, url_prefix="/analys")
