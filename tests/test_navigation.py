"""The main menu: entries by role and language, the current entry marked."""

import re

from toolbox.web.navigation import MENU_CACHE_KEY

NAV = re.compile(r'<nav class="main-nav".*?</nav>', re.S)
LINK = re.compile(r'<li><a href="([^"]+)"( aria-current="page")?>([^<]+)</a></li>')


def menu(client, path: str = "/") -> list[tuple[str, bool, str]]:
    page = client.get(path).get_data(as_text=True)
    return [
        (url, bool(current), label) for url, current, label in LINK.findall(NAV.search(page)[0])
    ]


def test_each_user_sees_the_entries_of_their_roles(app, make_user, login_as, client):
    login_as(make_user(roles=("chef",)))
    chef = menu(client)
    assert [label for _, _, label in chef] == [
        "Min sida",
        "Katalog",
        "Självskattning",
        "Återkoppling",
        "Administrativa uppgifter",
        "Goda exempel",
        "Ledningsgrupp",
    ]
    login_as(make_user(roles=("ledning", "admin")))
    labels = [label for _, _, label in menu(client)]
    assert "Gapanalys" in labels
    assert "Program" in labels
    assert "Administration" in labels
    assert "Självskattning" not in labels
    login_as(make_user(roles=("chef",)))
    assert menu(client) == chef


def test_the_current_entry_follows_the_address(make_user, login_as, client):
    login_as(make_user(roles=("chef",)))
    assert [(url, current) for url, current, _ in menu(client)][:2] == [
        ("/", True),
        ("/katalog/", False),
    ]
    current = [label for _, is_current, label in menu(client, "/katalog/") if is_current]
    assert current == ["Katalog"]


def test_the_menu_is_in_the_chosen_language(app, make_user, login_as, client):
    login_as(make_user(roles=("chef",)))
    assert menu(client)[1][2] == "Katalog"
    client.post("/sprak", data={"lang": "en", "next": "/"})
    assert menu(client)[1][2] == "Catalogue"
    client.post("/sprak", data={"lang": "sv", "next": "/"})
    assert menu(client)[1][2] == "Katalog"
    assert len(app.extensions[MENU_CACHE_KEY]) == 2


def test_the_addresses_follow_where_the_app_is_mounted(make_user, login_as, client):
    login_as(make_user(roles=("chef",)))
    assert menu(client)[1][0] == "/katalog/"
    page = client.get("/", environ_overrides={"SCRIPT_NAME": "/verktyg"}).get_data(as_text=True)
    assert '<li><a href="/verktyg/katalog/">' in NAV.search(page)[0]


def test_the_fixed_links_follow_where_the_app_is_mounted(client):
    for mount in ("", "/verktyg", ""):
        page = client.get("/sidor/om", environ_overrides={"SCRIPT_NAME": mount}).get_data(
            as_text=True
        )
        assert f'<link rel="stylesheet" href="{mount}/static/css/main.css">' in page
        assert f'<li><a href="{mount}/sidor/hjalp">' in page
        assert f'action="{mount}/sprak"' in page


def test_hr_has_a_menu_entry_to_the_catalog_coverage(make_user, login_as, client):
    login_as(make_user(roles=("hr",)))
    entries = menu(client, "/analys/katalog")
    assert ("/analys/katalog", True, "Katalogens täckning") in entries
    assert "Gapanalys" not in [label for _, _, label in entries]
    assert client.get("/analys/katalog").status_code == 200
    assert 'href="/analys/katalog"' in client.get("/katalog/hantera").get_data(as_text=True)
    # Leadership finds it under Gapanalys: one entry, not two.
    login_as(make_user("ledning-hr@example.se", roles=("ledning", "hr")))
    labels = [label for _, _, label in menu(client, "/analys/katalog")]
    assert "Gapanalys" in labels
    assert "Katalogens täckning" not in labels
