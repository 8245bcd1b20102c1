"""The catalog's routes: importing the route modules registers them on `bp`."""

from toolbox.catalog import browse, manage, todos
from toolbox.catalog.blueprint import bp

__all__ = ["bp", "browse", "manage", "todos"]
