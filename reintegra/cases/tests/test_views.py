"""Registration, duplicates, search, edits and status changes, through HTTP."""

import pytest
from django.urls import reverse

from conftest import IDENTIFIERS, record_final_review
from reintegra.audit.models import AuditKind, AuditRecord
from reintegra.cases.models import Case, CaseStatusChange, Person

pytestmark = pytest.mark.django_db


def registration(**person):
    data = {
        "person-given_name": "Somchai",
        "person-family_name": "Boonmee",
        "person-birth_date": "1990-05-01",
        "person-phones": "+66 81 234 5678",
        "person-nationalities": ["TH"],
        "person-languages": ["th"],
        "case-identification_status": "not_identified",
        "case-exploitation_types": ["ForcedLabour"],
    }
    data.update({f"person-{k}": v for k, v in person.items()})
    return data


def test_register_opens_case_with_worker_on_team(as_worker, worker):
    response = as_worker.post(reverse("cases:register"), registration())
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[case.pk])
    assert case.status == "intake" and case.number.startswith("SHELTER-")
    assert case.team_members.filter(user=worker).exists()
    assert case.person.full_name == "Somchai Boonmee"
    assert CaseStatusChange.objects.filter(case=case, to_status="intake").count() == 1
    timeline = as_worker.get(response.url).content.decode()
    assert timeline.count("Case opened") == 1


def test_duplicate_warning_then_confirmed_registration(as_worker, case):
    again = registration(given_name="zubrowska-pham", family_name="Quynh Anh", phones="", birth_date="")
    response = as_worker.post(reverse("cases:register"), again)
    assert response.status_code == 200
    assert "may already be registered" in response.content.decode()
    assert case.number in response.content.decode()
    assert Case.objects.count() == 1
    confirmed = as_worker.post(reverse("cases:register"), {**again, "dup-confirm_new_person": "on"})
    assert confirmed.status_code == 302
    assert Case.objects.count() == 2


def test_duplicate_in_case_the_user_cannot_open_is_counted_not_shown(as_teammate, case):
    response = as_teammate.post(reverse("cases:register"), registration(phones=IDENTIFIERS["phone"]))
    body = response.content.decode()
    assert "1 match is in a case you cannot open" in body
    assert case.number not in body and IDENTIFIERS["family_name"] not in body


def test_duplicates_are_not_searched_across_organisations(as_outsider, case):
    response = as_outsider.post(reverse("cases:register"), registration(phones=IDENTIFIERS["phone"]))
    assert response.status_code == 302  # no warning: the other organisation's records are invisible


@pytest.mark.parametrize("bad", [{"given_name": ""}, {"birth_date": "2999-01-01"}, {"document_number": "X1"}])
def test_invalid_registration_changes_nothing(as_worker, bad):
    response = as_worker.post(reverse("cases:register"), registration(**bad))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Person.objects.exists()


def test_formal_identification_needs_date_and_authority(as_worker):
    data = {**registration(), "case-identification_status": "formal"}
    response = as_worker.post(reverse("cases:register"), data)
    body = response.content.decode()
    assert "A formal identification needs its date." in body
    assert "needs the authority that made it" in body
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("name", "quynh anh zubrowska pham"),
        ("phone", "0912770431"),
        ("birth_date", "2001-02-28"),
    ],
)
def test_search_finds_exact_matches(as_worker, case, kind, value):
    response = as_worker.post(reverse("cases:search"), {"kind": kind, "value": value})
    assert case.number in response.content.decode()


def test_search_by_case_number_and_misses(as_worker, case):
    assert (
        case.number
        in as_worker.post(reverse("cases:search"), {"kind": "number", "value": case.number}).content.decode()
    )
    part = as_worker.post(reverse("cases:search"), {"kind": "name", "value": "Quynh"}).content.decode()
    assert case.number in part  # a part of the name is enough
    missed = as_worker.post(reverse("cases:search"), {"kind": "name", "value": "Quynh Lan"}).content.decode()
    assert "0 cases found" in missed  # but every part typed must be in the person's names
    typed = f"  {case.number.lower()} "  # typed in small letters with stray spaces
    assert case.number in as_worker.post(reverse("cases:search"), {"kind": "number", "value": typed}).content.decode()


def test_case_numbers_are_stored_in_capitals(case):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        type(case).objects.filter(pk=case.pk).update(number=case.number.lower())


def test_search_terms_are_logged_encrypted(as_worker, case):
    as_worker.post(reverse("cases:search"), {"kind": "phone", "value": "0912770431"})
    record = AuditRecord.objects.filter(kind=AuditKind.SEARCH, action="search").get()
    assert "0912770431" not in record.detail
    assert record.decrypted_detail()["terms"]["value"] == "0912770431"


def test_search_does_not_reach_other_teams(as_teammate, case):
    body = as_teammate.post(reverse("cases:search"), {"kind": "number", "value": case.number}).content.decode()
    assert "0 cases found" in body


def test_bad_search_date_gets_a_clear_message(as_worker):
    body = as_worker.post(reverse("cases:search"), {"kind": "birth_date", "value": "28/02/2001"}).content.decode()
    assert "YYYY-MM-DD" in body


def test_edit_person_records_old_and_new_values(as_worker, case):
    url = reverse("cases:edit_person", args=[case.pk])
    form = as_worker.get(url)
    assert IDENTIFIERS["notes"] in form.content.decode()
    data = registration(given_name="Quỳnh-Anh", family_name="Phạm", phones="", birth_date="")
    assert as_worker.post(url, data).status_code == 302
    case.person.refresh_from_db()
    assert case.person.family_name == "Phạm"
    change = AuditRecord.objects.filter(kind=AuditKind.CHANGE, action="update_person").get()
    assert change.decrypted_detail()["family_name"] == {"old": IDENTIFIERS["family_name"], "new": "Phạm"}
    page = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Personal details changed" in page and "family name" in page


def test_old_name_no_longer_found_after_edit(as_worker, case):
    url = reverse("cases:edit_person", args=[case.pk])
    as_worker.post(url, registration(given_name="Lan", family_name="Vo", phones="", birth_date=""))
    old = as_worker.post(reverse("cases:search"), {"kind": "name", "value": "Quỳnh-Anh Zubrowska-Phạm"})
    assert "0 cases found" in old.content.decode()
    new = as_worker.post(reverse("cases:search"), {"kind": "name", "value": "vo lan"})
    assert case.number in new.content.decode()


def test_close_needs_reason_and_final_review_and_reopen_keeps_history(as_worker, worker, case):
    url = reverse("cases:change_status", args=[case.pk])
    as_worker.post(url, {"to_status": "closed"})
    case.refresh_from_db()
    assert case.status == "intake"  # refused: no reason
    refused = as_worker.post(url, {"to_status": "closed", "closure_reason": "lost_contact"}, follow=True)
    assert "Record a final outcome review before closing" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == "intake" and not case.status_changes.filter(to_status="closed").exists()
    record_final_review(worker, case)
    as_worker.post(url, {"to_status": "closed", "closure_reason": "lost_contact", "note": "No answer since May"})
    case.refresh_from_db()
    assert (case.status, case.closure_reason) == ("closed", "lost_contact")
    page = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'name="reopening_reason"' in page and 'name="requested_by"' in page
    refused = as_worker.post(url, {"to_status": "active"}, follow=True).content.decode()
    assert "Say why the case is reopened" in refused and "Say who asked" in refused
    case.refresh_from_db()
    assert case.status == "closed"
    as_worker.post(url, {"to_status": "active", "reopening_reason": "safety", "requested_by": "person"})
    case.refresh_from_db()
    assert (case.status, case.closure_reason, case.episode) == ("active", "", 2)
    history = list(case.status_changes.values_list("from_status", "to_status", "reopening_reason", "requested_by"))
    assert history == [
        ("", "intake", "", ""),
        ("intake", "closed", "", ""),
        ("closed", "active", "safety", "person"),
    ]
    page = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Reopened: Active support" in page and "No answer since May" in page


def test_impossible_transition_is_refused_with_a_message(as_worker, case):
    response = as_worker.post(reverse("cases:change_status", args=[case.pk]), {"to_status": "follow_up"}, follow=True)
    assert "cannot move from Intake to Follow-up" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "intake"


def test_caseload_shows_counts_by_status(as_worker, case):
    body = as_worker.get(reverse("cases:caseload")).content.decode()
    assert 'data-status="intake">1<' in body
    assert IDENTIFIERS["given_name"] in body


def test_supervisor_assigns_team_and_access_follows(as_supervisor, as_teammate, teammate, supervisor, case):
    url = reverse("cases:edit_team", args=[case.pk])
    assert as_teammate.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    response = as_supervisor.post(url, {"supervisor": supervisor.pk, "team": [teammate.pk]})
    assert response.status_code == 302
    assert as_teammate.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    change = AuditRecord.objects.filter(kind=AuditKind.CHANGE, action="set_team").get()
    assert change.decrypted_detail()["team"]["new"] == [teammate.pk]


def test_workers_cannot_change_the_team(as_worker, teammate, case):
    response = as_worker.post(reverse("cases:edit_team", args=[case.pk]), {"team": [teammate.pk]})
    assert response.status_code == 404
    assert not case.team_members.filter(user=teammate).exists()


def test_team_cannot_include_another_organisation(as_supervisor, outsider, case):
    response = as_supervisor.post(reverse("cases:edit_team", args=[case.pk]), {"team": [outsider.pk]})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not case.team_members.filter(user=outsider).exists()


def test_live_duplicate_check_while_typing(as_worker, as_teammate, case):
    url = reverse("cases:check_duplicates")
    fields = {"person-given_name": "Quynh Anh", "person-family_name": "Zubrowska Pham"}
    assert case.number in as_worker.post(url, fields).content.decode()
    hidden = as_teammate.post(url, fields).content.decode()
    assert "1 match is in a case you cannot open" in hidden and case.number not in hidden
    assert as_worker.post(url, {"person-given_name": "Nobody", "person-family_name": "Else"}).content.strip() == b""
    assert as_worker.get(url).status_code == 405


def test_reopening_records_the_closure_reason_it_clears(worker, case):
    from reintegra.cases import actions

    record_final_review(worker, case)
    actions.change_status(actor=worker, case=case, to_status="closed", closure_reason="reintegrated")
    actions.change_status(
        actor=worker, case=case, to_status="follow_up", reopening_reason="new_need", requested_by="partner"
    )
    reopen = AuditRecord.objects.filter(action="reopen").get()
    assert reopen.decrypted_detail()["closure_reason"] == {"old": "reintegrated", "new": ""}


def test_stale_status_in_memory_cannot_bypass_the_transition_rules(worker, case):
    from django.core.exceptions import ValidationError

    from reintegra.cases import actions

    stale = Case.objects.get(pk=case.pk)  # still "intake" in this copy
    record_final_review(worker, case)
    record_final_review(worker, case)  # a second unused review: only the transition rule stops it
    actions.change_status(actor=worker, case=case, to_status="closed", closure_reason="declined")
    with pytest.raises(ValidationError):
        actions.change_status(actor=worker, case=stale, to_status="closed", closure_reason="other")
    assert CaseStatusChange.objects.filter(case=case, to_status="closed").count() == 1


def test_each_closing_needs_its_own_final_review(worker, case):
    from django.core.exceptions import ValidationError

    from reintegra.cases import actions

    record_final_review(worker, case)
    first = actions.change_status(actor=worker, case=case, to_status="closed", closure_reason="reintegrated")
    actions.change_status(
        actor=worker, case=case, to_status="follow_up", reopening_reason="new_need", requested_by="person"
    )
    with pytest.raises(ValidationError):
        actions.change_status(actor=worker, case=case, to_status="closed", closure_reason="reintegrated")
    record_final_review(worker, case)
    second = actions.change_status(actor=worker, case=case, to_status="closed", closure_reason="reintegrated")
    assert first.final_review_id != second.final_review_id and second.final_review.kind == "final"


def test_a_final_review_from_before_a_reopening_does_not_count(worker, case):
    from datetime import timedelta

    import time_machine
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from reintegra.cases import actions

    record_final_review(worker, case)
    record_final_review(worker, case)  # left unused by the first closing
    actions.change_status(actor=worker, case=case, to_status="closed", closure_reason="reintegrated")
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        actions.change_status(
            actor=worker, case=case, to_status="active", reopening_reason="came_back", requested_by="person"
        )
        with pytest.raises(ValidationError):
            actions.change_status(actor=worker, case=case, to_status="closed", closure_reason="moved_away")


def test_a_case_worker_cannot_be_made_supervisor(as_supervisor, worker, case):
    response = as_supervisor.post(reverse("cases:edit_team", args=[case.pk]), {"supervisor": worker.pk, "team": []})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.supervisor_id != worker.pk


def test_case_page_says_whether_closing_has_its_final_review(as_worker, worker, case):
    detail = reverse("cases:detail", args=[case.pk])
    page = as_worker.get(detail).content.decode()
    assert "Closing needs a final outcome review first." in page
    form = as_worker.get(reverse("outcomes:outcomes", args=[case.pk]) + "?kind=final").content.decode()
    assert '<option value="final" selected>' in form
    record_final_review(worker, case)
    assert "Closing will rest on the final review of" in as_worker.get(detail).content.decode()


def test_every_matching_duplicate_check_is_audited_even_when_nothing_is_shown(as_teammate, teammate, case):
    as_teammate.post(reverse("cases:register"), registration(phones=IDENTIFIERS["phone"]))
    record = AuditRecord.objects.get(actor=teammate, kind=AuditKind.SEARCH, action="duplicate_warning")
    assert record.decrypted_detail() == {
        "terms": {"shown": "", "persons_not_shown": str(case.person_id), "kinds": "phone"},
        "results": 1,
    }
    # A check that matches nothing reveals nothing and is not recorded.
    as_teammate.post(reverse("cases:check_duplicates"), registration(phones="+66 81 000 0000"))
    assert AuditRecord.objects.filter(actor=teammate, kind=AuditKind.SEARCH).count() == 1


def test_the_live_duplicate_check_is_rate_limited(as_teammate, teammate, case):
    probe = registration(phones=IDENTIFIERS["phone"])
    for _ in range(30):
        assert "cannot open" in as_teammate.post(reverse("cases:check_duplicates"), probe).content.decode()
    refused = as_teammate.post(reverse("cases:check_duplicates"), probe).content.decode()
    assert "was not run" in refused and "cannot open" not in refused
    assert AuditRecord.objects.filter(actor=teammate, action="duplicate_warning").count() == 30
