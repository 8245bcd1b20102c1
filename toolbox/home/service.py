"""Min sida: what each user should do next, gathered from the features."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app

from toolbox.auth.models import User


@dataclass(frozen=True)
class Todo:
    text: str
    url: str
    link_text: str


@dataclass(frozen=True)
class ChecklistItem:
    text: str
    url: str
    done: bool


TodoProvider = Callable[[User], list[Todo]]
ChecklistProvider = Callable[[User], list[ChecklistItem]]


def register(
    app: Flask, todos: TodoProvider | None = None, checklist: ChecklistProvider | None = None
) -> None:
    """A feature adds what it has to say on Min sida."""
    registry = app.extensions.setdefault("toolbox.home", {"todos": [], "checklist": []})
    if todos:
        registry["todos"].append(todos)
    if checklist:
        registry["checklist"].append(checklist)


def todos_for(user: User) -> list[Todo]:
    registry = current_app.extensions.get("toolbox.home", {"todos": []})
    return [todo for provider in registry["todos"] for todo in provider(user)]


def checklist_for(user: User) -> list[ChecklistItem]:
    registry = current_app.extensions.get("toolbox.home", {"checklist": []})
    return [item for provider in registry["checklist"] for item in provider(user)]


def show_checklist(user: User, items: list[ChecklistItem]) -> bool:
    """The "Kom igång" list is for managers, until done or hidden."""
    return (
        user.has_role("chef") and not user.checklist_hidden and any(not item.done for item in items)
    )
