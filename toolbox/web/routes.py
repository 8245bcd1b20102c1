"""A feature's URL table: rows of (rule, endpoint, handler, methods) that its
views.py adds to its blueprint."""

from collections.abc import Callable, Iterable

from flask import Blueprint

GET, POST, BOTH = ("GET",), ("POST",), ("GET", "POST")
Route = tuple[str, str, Callable, tuple[str, ...]]


def add_routes(bp: Blueprint, routes: Iterable[Route]) -> None:
    for rule, endpoint, handler, methods in routes:
        bp.add_url_rule(rule, endpoint, view_func=handler, methods=methods)
