"""Break-the-glass: a colleague outside a case's team opens it for a few hours with a reason; the
supervisor is told at once, the opening is audited and shown on the case's access log, and it
runs out on its own. Restricted cases, other organisations and a fourth try in a day are refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from conftest import person_details, signed_in
from reintegra.audit.models import AuditRecord
from reintegra.cases import actions
from reintegra.cases.models import EmergencyAccess
from reintegra.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db

URL = reverse("cases:emergency_access")


def ask(client, number: str, reason: str = "She called the hotline; her worker is on leave."):
    return client.post(URL, {"case_number": number, "emergency_reason": reason})


def test_a_colleague_opens_a_case_in_an_emergency_and_the_supervisor_is_told(case, teammate, supervisor):
    as_teammate = signed_in(teammate)
    detail = reverse("cases:detail", args=[case.pk])
    assert as_teammate.get(detail).status_code == 404

    response = ask(as_teammate, case.number.lower())
    assert response.status_code == 302 and response["Location"] == detail
    assert as_teammate.get(detail).status_code == 200

    (notice,) = Notification.objects.filter(kind=NotificationKind.EMERGENCY_ACCESS)
    assert notice.user == supervisor and notice.case == case
    assert "on leave" not in notice.message()  # the reason stays in the access log
    record = AuditRecord.objects.get(action="open_in_emergency")
    assert record.actor == teammate and record.case_id == case.pk
    # The supervisor sees it on the case's access log.
    page = signed_in(supervisor).get(detail).content.decode()
    assert "Opened under emergency access" in page and teammate.display_name() in page

    # It runs out on its own.
    with time_machine.travel(timezone.now() + timedelta(hours=actions.EMERGENCY_ACCESS_HOURS, minutes=1)):
        assert signed_in(teammate).get(detail).status_code == 404


def test_a_reason_is_required_and_nothing_opens_without_it(case, teammate):
    response = ask(signed_in(teammate), case.number, reason="   ")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not EmergencyAccess.objects.exists()


def test_a_restricted_case_and_an_unknown_number_get_the_same_refusal(worker, supervisor, teammate):
    restricted = actions.register_person_with_case(
        actor=worker,
        person=person_details(given_name="Hidden"),
        case=actions.CaseDetails(restricted=True),
        supervisor=supervisor,
    )
    as_teammate = signed_in(teammate)
    answers = [ask(as_teammate, number).content.decode() for number in (restricted.number, "SHELTER-1999-99999")]
    for answer in answers:
        assert "No case of your organisation with this number can be opened this way." in answer
    assert not EmergencyAccess.objects.exists()
    assert as_teammate.get(reverse("cases:detail", args=[restricted.pk])).status_code == 404


def test_another_organisation_cannot_break_in(case, outsider):
    as_outsider = signed_in(outsider)
    answer = ask(as_outsider, case.number).content.decode()
    assert "No case of your organisation with this number" in answer
    assert as_outsider.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert not EmergencyAccess.objects.exists()


def test_an_account_gets_three_a_day(worker, supervisor, teammate):
    cases = [
        actions.register_person_with_case(
            actor=worker,
            person=person_details(given_name=f"Probe{n}"),
            case=actions.CaseDetails(),
            supervisor=supervisor,
        )
        for n in range(4)
    ]
    as_teammate = signed_in(teammate)
    for case in cases[:3]:
        assert ask(as_teammate, case.number).status_code == 302
    refused = ask(as_teammate, cases[3].number)
    assert "3 times in the last day" in refused.content.decode()
    assert EmergencyAccess.objects.count() == 3
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        assert ask(as_teammate, cases[3].number).status_code == 302


def test_roles_without_casework_have_no_emergency_access(case, analyst):
    assert signed_in(analyst).post(URL, {"case_number": case.number, "emergency_reason": "x"}).status_code == 403
    assert not EmergencyAccess.objects.exists()


def test_the_supervision_page_lists_emergency_openings_of_ones_cases(case, teammate, supervisor, manager_elsewhere):
    ask(signed_in(teammate), case.number, reason="Seed-emergency Brackwater")
    page = signed_in(supervisor).get(reverse("supervision:supervision")).content.decode()
    assert "Seed-emergency Brackwater" in page and case.number in page
    # Another supervisor of the organisation does not supervise this case: not on their list.
    other = signed_in(manager_elsewhere).get(reverse("supervision:supervision")).content.decode()
    assert "Seed-emergency Brackwater" not in other
