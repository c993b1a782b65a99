"""Who sees which case, through HTTP. The rules are in reintegra/cases/access.py."""

import pytest
from django.urls import reverse

from conftest import IDENTIFIERS, signed_in
from reintegra.audit.models import AuditKind, AuditRecord
from reintegra.cases import actions
from reintegra.cases.models import Case

pytestmark = pytest.mark.django_db


def test_worker_on_team_sees_case_and_identifiers(as_worker, case):
    response = as_worker.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert IDENTIFIERS["family_name"] in response.content.decode()


def test_teammate_not_on_team_gets_404(as_teammate, case):
    assert as_teammate.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_outsider_gets_404_for_existing_and_missing_cases(as_outsider, case):
    # The same answer for a case that exists elsewhere and one that does not exist at all.
    assert as_outsider.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert as_outsider.get(reverse("cases:detail", args=[case.pk + 999])).status_code == 404


def test_supervisor_sees_all_unrestricted_cases(as_supervisor, case):
    assert as_supervisor.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_restricted_case_is_seen_only_by_named_team(worker, teammate, supervisor, shelter):
    from conftest import make_user, person_details

    other_manager = make_user("manager2", shelter, "supervisor")
    restricted = actions.register_person_with_case(
        actor=worker,
        person=person_details(given_name="Restricted", phones=[]),
        case=actions.CaseDetails(restricted=True),
        supervisor=supervisor,
    )
    url = reverse("cases:detail", args=[restricted.pk])
    assert signed_in(worker).get(url).status_code == 200
    assert signed_in(supervisor).get(url).status_code == 200  # named as its supervisor
    assert signed_in(other_manager).get(url).status_code == 404
    assert signed_in(teammate).get(url).status_code == 404


@pytest.mark.parametrize("persona", ["admin", "analyst"])
def test_roles_without_casework_see_no_case(request, persona, case):
    client = signed_in(request.getfixturevalue(persona))
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert IDENTIFIERS["family_name"] not in client.get(reverse("cases:caseload")).content.decode()
    assert client.get(reverse("cases:register")).status_code == 403


def test_access_log_shown_to_supervisor_only(as_worker, as_supervisor, case):
    as_worker.get(reverse("cases:detail", args=[case.pk]))
    page = as_supervisor.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Who has opened this case" in page
    assert "Worker" in page  # the worker's view is listed
    assert "Who has opened this case" not in as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_every_case_view_is_logged_with_origin(as_worker, worker, case):
    before = AuditRecord.objects.filter(kind=AuditKind.ACCESS, case=case).count()
    as_worker.get(reverse("cases:detail", args=[case.pk]), REMOTE_ADDR="10.1.2.3")
    record = AuditRecord.objects.filter(kind=AuditKind.ACCESS, case=case).latest("sequence")
    assert AuditRecord.objects.filter(kind=AuditKind.ACCESS, case=case).count() == before + 1
    assert (record.actor, record.ip, record.channel) == (worker, "10.1.2.3", "web")
    assert "identity" in record.section


def test_sensitive_sections_need_team_membership(supervisor, worker, case, manager_elsewhere):
    from reintegra.access.sections import Section
    from reintegra.cases.access import get_case_for_user

    def granted(user):
        return get_case_for_user(user, case.pk, sections=Section.values).visible_sections

    assert Section.HEALTH in granted(worker)
    assert Section.HEALTH in granted(supervisor)  # supervisor of this case
    assert Section.HEALTH not in granted(manager_elsewhere)
    assert Section.IDENTITY in granted(manager_elsewhere)
    assert Section.ACCESS_LOG not in granted(worker)
    # The clinical section needs the clinical role on top of team membership.
    assert Section.CLINICAL not in granted(worker) | granted(supervisor)


def test_cases_never_cross_organisations(outsider, case):
    from reintegra.cases.access import cases_visible_to

    assert not cases_visible_to(outsider).filter(pk=case.pk).exists()
    assert Case.objects.filter(pk=case.pk).exists()


def test_caseload_and_supervision_sets_stay_within_what_is_visible(worker, teammate, supervisor, outsider, shelter):
    """The caseload and the supervision view use narrower, cheaper queries than cases_visible_to;
    they must never reach a case it would hide, and must keep restricted cases for their team."""
    from conftest import make_user, person_details
    from reintegra.accounts.models import RoleGrant, User
    from reintegra.cases.access import cases_on_team_of, cases_supervised_by, cases_visible_to

    other_manager = make_user("manager2", shelter, "supervisor")
    inactive_manager = make_user("manager3", shelter, "supervisor")
    plain = actions.register_person_with_case(
        actor=worker, person=person_details(phones=[]), case=actions.CaseDetails(), supervisor=supervisor
    )
    restricted = actions.register_person_with_case(
        actor=worker,
        person=person_details(given_name="Restricted", phones=[]),
        case=actions.CaseDetails(restricted=True),
        supervisor=supervisor,
    )
    elsewhere = actions.register_person_with_case(
        actor=outsider, person=person_details(phones=[]), case=actions.CaseDetails(), supervisor=outsider
    )
    # Managed by someone who then leaves: their supervision list must empty at once.
    left_behind = actions.register_person_with_case(
        actor=worker, person=person_details(phones=[]), case=actions.CaseDetails(), supervisor=inactive_manager
    )
    inactive_manager.is_active = False
    inactive_manager.save()
    # Stepped down to case work: still sees the case they managed, but supervises nothing.
    former_manager = make_user("manager4", shelter, "supervisor", "case_worker")
    handed_over = actions.register_person_with_case(
        actor=worker, person=person_details(phones=[]), case=actions.CaseDetails(), supervisor=former_manager
    )
    RoleGrant.objects.filter(user=former_manager, role="supervisor").delete()
    former_manager = User.objects.get(pk=former_manager.pk)  # as the next request loads them
    # Nobody named as manager: every manager of the organisation supervises it, nobody elsewhere.
    unmanaged = actions.register_person_with_case(
        actor=worker, person=person_details(phones=[]), case=actions.CaseDetails(), supervisor=None
    )
    # Restricted and without a manager: still only its named team, even for supervision.
    unmanaged_restricted = actions.register_person_with_case(
        actor=worker,
        person=person_details(given_name="Hidden", phones=[]),
        case=actions.CaseDetails(restricted=True),
        supervisor=None,
    )
    from reintegra.cases.models import CaseTeamMember

    CaseTeamMember.objects.create(case=unmanaged_restricted, user=other_manager)  # a manager on its team
    # Data that should never exist (a manager from another organisation) still reaches nobody.
    Case.objects.filter(pk=elsewhere.pk).update(supervisor=supervisor)

    def ids(queryset):
        return set(queryset.values_list("pk", flat=True))

    for user in (worker, teammate, supervisor, other_manager, outsider, inactive_manager, former_manager):
        visible = ids(cases_visible_to(user))
        assert ids(cases_on_team_of(user)) <= visible
        assert ids(cases_supervised_by(user)) <= visible
    assert ids(cases_on_team_of(worker)) == {
        plain.pk,
        restricted.pk,
        left_behind.pk,
        handed_over.pk,
        unmanaged.pk,
        unmanaged_restricted.pk,
    }  # registered them
    assert ids(cases_supervised_by(supervisor)) == {plain.pk, restricted.pk, unmanaged.pk}
    assert ids(cases_supervised_by(worker)) == set()  # a case worker supervises nobody
    assert ids(cases_supervised_by(other_manager)) == {unmanaged.pk, unmanaged_restricted.pk}
    assert ids(cases_supervised_by(inactive_manager)) == set()
    assert ids(cases_on_team_of(teammate)) == set()
    assert ids(cases_on_team_of(outsider)) == {elsewhere.pk}  # the registering worker's team
    assert ids(cases_supervised_by(outsider)) == set()
    assert ids(cases_on_team_of(former_manager)) == {handed_over.pk}
    assert ids(cases_supervised_by(former_manager)) == set()


def test_a_child_known_only_by_age_band_grows_up():
    """15 to 17 on the day it was given: a child for three more years at most, not for ever."""
    from datetime import date

    from reintegra.cases.models import Person

    person = Person(age_band="15-17", age_band_on=date(2026, 1, 10))
    assert person.is_child_on(date(2026, 6, 1))
    assert person.is_child_on(date(2029, 1, 9))  # the youngest she could be is still 17
    assert not person.is_child_on(date(2029, 1, 10))
    assert Person(age_band="0-11", age_band_on=date(2026, 1, 10)).is_child_on(date(2040, 1, 1))
    assert not Person(age_band="18-24", age_band_on=date(2026, 1, 10)).is_child_on(date(2026, 1, 10))
    disputed = Person(age_band="15-17", age_band_on=date(2020, 1, 10), age_disputed=True)
    assert disputed.is_child_on(date(2026, 1, 10))  # a disputed age protects until settled
