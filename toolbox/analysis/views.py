"""Importing the route modules registers them on `bp`."""

from toolbox.analysis import dashboards, home, planning
from toolbox.analysis.blueprint import bp

__all__ = ["bp", "dashboards", "home", "planning"]
