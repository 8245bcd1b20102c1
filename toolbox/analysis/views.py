"""Importing the route modules registers them on `bp`."""

from toolbox.analysis import dashboards, planning, todos
from toolbox.analysis.blueprint import bp

__all__ = ["bp", "dashboards", "planning", "todos"]
