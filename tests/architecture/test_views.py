"""Every view function says what it returns."""

import inspect

from toolbox import create_app


def test_every_view_function_has_a_return_type():
    app = create_app({"TESTING": True, "SECRET_KEY": "test"})
    views = {
        endpoint: inspect.unwrap(view)
        for endpoint, view in app.view_functions.items()
        if endpoint != "static"
    }
    assert len(views) > 100  # every feature's routes are registered
    assert [
        endpoint for endpoint, view in views.items() if "return" not in view.__annotations__
    ] == []
