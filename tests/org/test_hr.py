"""How a manager reaches HR: the nearest active HR user up the organisation,
the setting before it, and a change seen at once."""

from toolbox.extensions import db
from toolbox.org.hr import hr_contact
from toolbox.org.models import OrgUnit


def test_the_nearest_active_hr_user_up_the_organisation(app, make_unit, make_user):
    top = make_unit(level="forvaltning")
    middle = make_unit(level="verksamhet", parent_id=top.id)
    unit = make_unit(parent_id=middle.id)
    alone = make_unit()
    make_user("b-hr@example.se", roles=("hr",), unit_id=top.id)
    make_user("a-hr@example.se", roles=("hr",), unit_id=top.id)
    make_user("gone@example.se", roles=("hr",), unit_id=middle.id, active=False)
    make_user("chef@example.se", roles=("chef",), unit_id=middle.id)
    with app.app_context():
        assert hr_contact(unit.id) == "a-hr@example.se"  # two on the same unit: the first
        assert hr_contact(alone.id) is None
        assert hr_contact(None) is None
    make_user("near@example.se", roles=("hr",), unit_id=middle.id)
    with app.app_context():
        assert hr_contact(unit.id) == "near@example.se"  # the cached map follows
        db.session.get(OrgUnit, alone.id).parent_id = top.id
        db.session.commit()
        assert hr_contact(alone.id) == "a-hr@example.se"


def test_the_setting_comes_first(app, make_unit, make_user):
    unit = make_unit()
    make_user("hr@example.se", roles=("hr",), unit_id=unit.id)
    app.config["HR_CONTACT_EMAIL"] = " chefsstod@region.example "
    with app.app_context():
        assert hr_contact(unit.id) == "chefsstod@region.example"
