"""Min sida, content pages, language choice and the health check."""

from toolbox.extensions import db


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/")


def test_min_sida_greets_the_manager_with_checklist(make_user, login_as, client):
    user = make_user(name="Karin Lindqvist", roles=("chef",))
    page = login_as(user).get("/").get_data(as_text=True)
    assert "Välkommen, Karin Lindqvist." in page
    assert "Kom igång" in page
    assert "Välj ett eget lösenord" in page


def test_checklist_is_not_shown_to_hr(make_user, login_as, client):
    page = login_as(make_user(roles=("hr",))).get("/").get_data(as_text=True)
    assert "Kom igång" not in page


def test_hiding_the_checklist_is_remembered(app, make_user, login_as, client):
    user = make_user(roles=("chef",))
    login_as(user)
    assert client.post("/kom-igang/dolj").status_code == 302
    assert "Kom igång" not in client.get("/").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(type(user), user.id).checklist_hidden


def test_privacy_page_can_be_marked_read(app, make_user, login_as, client):
    user = make_user(roles=("chef",))
    login_as(user)
    page = client.get("/sidor/vem-ser-mina-svar").get_data(as_text=True)
    assert "Jag har läst sidan" in page
    client.post("/sidor/vem-ser-mina-svar/last")
    with app.app_context():
        assert db.session.get(type(user), user.id).privacy_read_at is not None
    assert "Jag har läst sidan" not in client.get("/sidor/vem-ser-mina-svar").get_data(as_text=True)


def test_content_pages_are_public_and_unknown_slug_is_404(client):
    for slug in ("om", "begrepp", "vem-ser-mina-svar", "tillganglighet", "hjalp"):
        response = client.get(f"/sidor/{slug}")
        assert response.status_code == 200, slug
        assert '<html lang="sv">' in response.get_data(as_text=True)
    assert client.get("/sidor/finns-inte").status_code == 404


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_language_choice_stays_on_this_host(client):
    response = client.post("/sprak", data={"lang": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    response = client.post("/sprak", data={"lang": "en", "next": "/sidor/om"})
    assert response.headers["Location"] == "/sidor/om"
    assert '<html lang="en">' in client.get("/sidor/om").get_data(as_text=True)


def test_english_is_available(make_user, login_as, client):
    login_as(make_user(roles=("chef",)))
    client.post("/sprak", data={"lang": "en", "next": "/"})
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "My page" in page
    assert "Skip to content" in page
