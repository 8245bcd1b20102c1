"""Packaging: HR edits a case with a version guard, publishes it only when
de-identified, composes the report, prints it and marks it delivered."""

from sqlalchemy import select

from toolbox.audit.models import AuditEvent
from toolbox.examples.models import Collection, ExampleCase, ReportCase
from toolbox.extensions import db


def case_form(**changes) -> dict:
    return {
        "title": "Schemat lägger vi tillsammans",
        "setting": "En röntgenenhet",
        "summary": "Medarbetarna lägger schemat inom ramar.",
        "lesson_ledarskap": "Chefen släppte kontrollen.",
        "lesson_styrning": "",
        "lesson_kultur": "Alla tar ansvar för de obekväma passen.",
        "principle_keys": ["handlingsutrymme", "tillit"],
    } | changes


def actions(app) -> list[str]:
    with app.app_context():
        return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


def test_hr_packages_and_publishes_a_case(app, hr_client, make_collection, invite_example):
    example_id, _ = invite_example(make_collection())
    url = f"/goda-exempel/exempel/{example_id}/case"
    assert hr_client.get(url).status_code == 200
    assert hr_client.post(url, data=case_form()).status_code == 302
    with app.app_context():
        case = db.session.scalar(select(ExampleCase))
        case_id = case.id
        assert case.lesson("ledarskap") == "Chefen släppte kontrollen."
        assert {row.area for row in case.lessons} == {"ledarskap", "kultur"}
        assert case.principles == ["handlingsutrymme", "tillit"]
        assert case.published_at is None
        assert not case.anonymised
    page = hr_client.get(url).get_data(as_text=True)
    assert "Bekräfta att uppgifter som kan identifiera personer är borttagna." in page
    refused = hr_client.post(f"/goda-exempel/case/{case_id}/publicera")
    assert refused.status_code == 302
    with app.app_context():
        assert db.session.get(ExampleCase, case_id).published_at is None
    form = case_form(anonymised="y", version="1")
    assert hr_client.post(url, data=form).status_code == 302
    assert hr_client.post(f"/goda-exempel/case/{case_id}/publicera").status_code == 302
    with app.app_context():
        assert db.session.get(ExampleCase, case_id).published_at is not None
    assert actions(app) == ["example_case_published"]
    unticked = hr_client.post(url, data=case_form(version="3"))  # publishing was version 3
    assert unticked.status_code == 422
    assert "Ett publicerat exempel ska vara avidentifierat" in unticked.get_data(as_text=True)
    assert hr_client.post(f"/goda-exempel/case/{case_id}/avpublicera").status_code == 302
    assert actions(app) == ["example_case_published", "example_case_unpublished"]


def test_a_stale_case_edit_gets_409_and_keeps_the_text(
    app, hr_client, make_collection, invite_example
):
    example_id, _ = invite_example(make_collection())
    url = f"/goda-exempel/exempel/{example_id}/case"
    hr_client.post(url, data=case_form())
    assert hr_client.post(url, data=case_form(title="Först", version="1")).status_code == 302
    stale = hr_client.post(
        url,
        data=case_form(title="Min version", summary="Min text som inte får försvinna", version="1"),
    )
    page = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "Någon annan har sparat ändringar i caset" in page
    assert 'value="Min version"' in page
    assert "Min text som inte får försvinna" in page
    with app.app_context():
        assert db.session.scalar(select(ExampleCase.title)) == "Först"


def test_two_hr_users_creating_the_same_case_get_a_conflict(
    app, hr_client, make_collection, invite_example
):
    example_id, _ = invite_example(make_collection())
    url = f"/goda-exempel/exempel/{example_id}/case"
    assert hr_client.post(url, data=case_form()).status_code == 302
    # The second form was opened before the case existed: it has no version.
    second = hr_client.post(url, data=case_form(title="Andra", version=""))
    assert second.status_code == 409


def test_report_chooses_published_cases_prints_and_is_delivered(app, hr_client, published_case):
    case_id, _example_id = published_case("Föräldrarna i teamet")
    with app.app_context():
        collection_id = db.session.scalar(select(Collection.id))
    url = f"/goda-exempel/insamlingar/{collection_id}/rapport"
    empty_delivery = hr_client.post(f"/goda-exempel/insamlingar/{collection_id}/leverera")
    assert empty_delivery.status_code == 302
    with app.app_context():
        assert db.session.get(Collection, collection_id).delivered_at is None
    form = {
        "intro": "Tio enheter berättade.",
        "case_ids": [str(case_id)],
        "lesson_ledarskap": "Chefer som skapar utrymme.",
        "lesson_styrning": "",
        "lesson_kultur": "",
        "version": "1",
    }
    assert hr_client.post(url, data=form).status_code == 302
    stale = hr_client.post(url, data=form | {"intro": "Min gamla inledning"})
    assert stale.status_code == 409
    assert "Min gamla inledning" in stale.get_data(as_text=True)
    printed = hr_client.get(f"{url}/utskrift").get_data(as_text=True)
    assert "Föräldrarna i teamet" in printed
    assert "Chefer som skapar utrymme." in printed
    assert "Lärdomar per område" in printed
    assert "Utkast, leverans" in printed
    assert hr_client.post(f"/goda-exempel/insamlingar/{collection_id}/leverera").status_code == 302
    with app.app_context():
        assert db.session.get(Collection, collection_id).delivered_at is not None
    assert "Levererad" in hr_client.get(f"{url}/utskrift").get_data(as_text=True)
    locked = hr_client.post(url, data=form | {"version": "2"})
    assert locked.status_code in (409, 422)
    refused = hr_client.post(f"/goda-exempel/case/{case_id}/avpublicera")
    assert refused.status_code == 302
    with app.app_context():
        assert db.session.get(ExampleCase, case_id).published_at is not None
    assert (
        hr_client.post(f"/goda-exempel/insamlingar/{collection_id}/ater-oppna").status_code == 302
    )
    assert actions(app)[-2:] == ["example_collection_delivered", "example_collection_reopened"]


def test_report_refuses_cases_that_are_not_published_or_from_elsewhere(
    app, hr_client, published_case, make_collection, invite_example
):
    other_case, _ = published_case("Ett annat exempel")
    collection_id = make_collection(title="Tom insamling")
    response = hr_client.post(
        f"/goda-exempel/insamlingar/{collection_id}/rapport",
        data={"intro": "", "case_ids": [str(other_case)], "version": "1"},
    )
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(ReportCase)) is None
