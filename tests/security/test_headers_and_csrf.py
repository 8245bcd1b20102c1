"""Security headers, cookies, CSRF and request limits (PRODUCT.md section 6)."""

import pytest
from flask import Response

from tests.conftest import PASSWORD, csrf_token_from
from toolbox import create_app
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.web.security import add_security_headers


def test_every_response_carries_the_security_headers(client):
    for path in ("/login", "/sidor/om", "/finns-inte", "/static/css/main.css", "/healthz"):
        response = client.get(path)
        response.close()
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp, path
        assert "script-src 'self'" in csp, path
        assert "unsafe-inline" not in csp, path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "same-origin", path
        assert "Strict-Transport-Security" not in headers, path


def test_a_header_the_view_sets_itself_is_kept_and_sent_once(app):
    with app.test_request_context("/"):
        response = Response("x", headers={"x-frame-options": "SAMEORIGIN"})
        headers = add_security_headers(response).headers
    assert headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert headers.getlist("X-Content-Type-Options") == ["nosniff"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


def test_pages_are_not_stored_but_static_files_may_be(make_user, login_as, client):
    login_as(make_user())
    assert client.get("/").headers["Cache-Control"] == "no-store"
    assert client.get("/login").headers["Cache-Control"] == "no-store"
    static = client.get("/static/css/main.css")
    assert static.headers.get("Cache-Control") != "no-store"
    static.close()


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    app = create_app(
        {
            "PRODUCTION": True,
            "SECRET_KEY": "s" * 40,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}",
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"]
    assert app.config["REMEMBER_COOKIE_SECURE"]
    response = app.test_client().get("/login")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


@pytest.fixture
def csrf_client(csrf_app):
    return csrf_app.test_client()


def test_login_without_csrf_token_is_400_with_the_form_and_input_kept(csrf_client):
    response = csrf_client.post("/login", data={"email": "karin@example.se", "password": PASSWORD})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Formuläret hade legat öppet för länge" in page
    assert 'value="karin@example.se"' in page
    assert 'name="password"' in page


def test_form_with_a_wrong_or_foreign_token_is_refused(csrf_app, csrf_client):
    other = csrf_app.test_client()
    foreign = csrf_token_from(other.get("/glomt-losenord").get_data(as_text=True))
    csrf_client.get("/glomt-losenord")
    for token in ("fel", foreign):
        response = csrf_client.post(
            "/glomt-losenord", data={"email": "karin@example.se", "csrf_token": token}
        )
        assert response.status_code == 400, token
        assert 'value="karin@example.se"' in response.get_data(as_text=True)


def test_button_posts_without_token_get_400(csrf_app, csrf_client):
    with csrf_app.app_context():
        user = User(email="k@example.se", name="K", password_hash="x")
        user.set_roles({"chef"})
        db.session.add(user)
        db.session.commit()
        user_id = user.get_id()
    with csrf_client.session_transaction() as session:
        session["_user_id"] = user_id
    for path in ("/logout", "/kom-igang/dolj", "/sprak"):
        response = csrf_client.post(path, data={"lang": "en"})
        assert response.status_code == 400, path
        assert "säkerhetskod" in response.get_data(as_text=True)
    assert csrf_client.get("/").status_code == 200  # still logged in


def test_valid_csrf_token_is_accepted(csrf_client):
    token = csrf_token_from(csrf_client.get("/glomt-losenord").get_data(as_text=True))
    response = csrf_client.post(
        "/glomt-losenord", data={"email": "karin@example.se", "csrf_token": token}
    )
    assert response.status_code == 302


def test_oversized_body_gets_413(app, make_user, login_as, client):
    login_as(make_user(roles=("admin",)))
    big = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post(
        "/admin/import", data=big, content_type="multipart/form-data; boundary=x"
    )
    assert response.status_code == 413
    assert "För mycket data" in response.get_data(as_text=True)


def test_error_pages_share_the_look(make_user, login_as, client):
    missing = client.get("/finns-inte")
    assert missing.status_code == 404
    page = missing.get_data(as_text=True)
    assert "Sidan finns inte" in page
    assert '<main id="main"' in page
    login_as(make_user(roles=("chef",)))
    forbidden = client.get("/admin/")
    assert forbidden.status_code == 403
    assert "Åtkomst nekad" in forbidden.get_data(as_text=True)
    wrong_method = client.delete("/login")
    assert wrong_method.status_code == 405


def test_nul_characters_in_a_form_get_400_with_the_input_shown(client):
    response = client.post("/glomt-losenord", data={"email": "karin\x00@example.se"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "(NUL)" in page
