"""accounts builds on clinical and Django only: diary depends on it, never the
reverse (the audit trail hears of invitations through accounts/signals.py)."""

from __future__ import annotations

from accounts import invites
from diary.models import AuditEvent
from tests.factories import make_nurse, make_team
from tests.imports import files_importing


def test_no_accounts_module_imports_diary_even_inside_a_function():
    assert files_importing("accounts", "diary") == []


def test_the_check_sees_an_import_inside_a_function(tmp_path, monkeypatch):
    # The check reads source, so prove it finds the kind of import a quick
    # fix would add: one tucked inside a function.
    package = tmp_path / "somewhere"
    package.mkdir()
    (package / "module.py").write_text(
        "def f():\n    from diary import audit\n    import diary.models\n"
    )
    monkeypatch.setattr("tests.imports.REPO", tmp_path)
    assert files_importing("somewhere", "diary") == ["somewhere/module.py"]


def test_the_audit_trail_still_hears_of_invitations_and_new_links(db):
    team = make_team()
    nurse = make_nurse(team)
    invitation = invites.invite_patient(
        nurse=nurse, team=team, full_name="Ann Example", email="ann@example.org"
    )
    again = invites.reinvite(patient=invitation.patient, nurse=nurse)
    events = AuditEvent.objects.filter(action=AuditEvent.Action.INVITED_PATIENT)
    assert [(e.actor, e.patient, e.detail) for e in events.order_by("pk")] == [
        (
            nurse,
            invitation.patient,
            {"email": "ann@example.org", "invitation": invitation.pk},
        ),
        (
            nurse,
            invitation.patient,
            {"email": "ann@example.org", "invitation": again.pk, "again": True},
        ),
    ]
