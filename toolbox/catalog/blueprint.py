"""The catalog's blueprint; routes live in browse.py (everyone) and manage.py (HR)."""

from flask import Blueprint

bp = Blueprint("catalog", __name__, url_prefix="/katalog")
