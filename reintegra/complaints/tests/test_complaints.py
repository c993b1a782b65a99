"""Complaints and feedback: filed on a public page by anyone, or taken down by staff; answered by
the organisation's complaints officer, who holds no case; followed up with a reference code."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import IDENTIFIERS, make_user, signed_in
from reintegra.accounts.models import Role
from reintegra.audit.models import AuditRecord
from reintegra.complaints import actions
from reintegra.complaints.models import Channel, Complaint, ComplaintStatus, normalise_reference

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'"X-CSRFToken": "[^"]+"')
CODE = re.compile(r"<strong>([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})</strong>")


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(shelter):
    return make_user("officer", shelter, Role.COMPLAINTS_OFFICER)


@pytest.fixture
def officer_elsewhere(partner):
    return make_user("officer.bkk", partner, Role.COMPLAINTS_OFFICER)


def public_form(org, **change):
    return {
        "organisation": org.pk,
        "kind": "complaint",
        "about": "My case worker shouted at me and told me not to tell anyone.",
        "filer_name": "",
        "contact": "",
        "language": "en",
        **change,
    }


def filed(client, organisation, **change) -> str:
    response = client.post(reverse("complaints:file"), public_form(organisation, **change))
    assert response.status_code == 200, response.content[:500]
    (code,) = CODE.findall(response.content.decode())
    return code


def test_anyone_files_a_complaint_without_an_account_and_gets_a_code(shelter):
    with time_machine.travel("2026-12-04 03:00Z", tick=False):  # a Friday in Viet Nam
        code = filed(Client(), shelter, filer_name="Trần Thị Mai", contact="+84 912 000 111")
    complaint = Complaint.objects.get(reference=code)
    assert complaint.organisation == shelter and complaint.channel == Channel.WEB
    assert complaint.recorded_by is None
    assert complaint.filer_name == "Trần Thị Mai"
    # Working days of the organisation's country: five after a Friday is the next Friday.
    assert complaint.acknowledge_by == date(2026, 12, 11)
    assert complaint.answer_by > complaint.acknowledge_by
    assert complaint.events.get().kind == "received"
    assert AuditRecord.objects.filter(action="file_complaint", actor=None).count() == 1


def test_the_page_answers_alike_whether_or_not_the_named_person_is_a_client(shelter, case):
    """Nothing is looked up: the answer differs only in the new code."""
    known = f"{IDENTIFIERS['given_name']} {IDENTIFIERS['family_name']}"
    answers = []
    for name in (known, "Nobody Knownhere"):
        response = Client().post(
            reverse("complaints:file"), public_form(shelter, filer_name=name, about=f"About {name}.")
        )
        page = CODE.sub("CODE", response.content.decode()).replace(name, "NAME")
        answers.append(CSRF.sub("TOKEN", page))
    assert answers[0] == answers[1]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"about": ""}, "This field is required."),
        ({"kind": "threat"}, "Select a valid choice."),
        ({"organisation": ""}, "This field is required."),
        ({"about": "x" * 5001}, "Ensure this value has at most 5000 characters"),
    ],
)
def test_a_complaint_with_bad_input_says_why_and_keeps_nothing(shelter, change, message):
    response = Client().post(reverse("complaints:file"), public_form(shelter, **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Complaint.objects.exists()


@override_settings(REINTEGRA_COMPLAINTS_PER_HOUR=3)
def test_the_public_page_is_rate_limited_per_address(shelter):
    client = Client()
    for _n in range(3):
        filed(client, shelter)
    refused = client.post(reverse("complaints:file"), public_form(shelter))
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert Complaint.objects.count() == 3
    # Another address is not held back.
    assert Client(REMOTE_ADDR="203.0.113.9").post(reverse("complaints:file"), public_form(shelter)).status_code == 200


@override_settings(REINTEGRA_COMPLAINT_LOOKUPS_PER_HOUR=4)
def test_codes_cannot_be_guessed_at_machine_speed(shelter):
    client = Client()
    for n in range(4):
        response = client.post(reverse("complaints:follow"), {"reference": f"AAAA-BBBB-CCC{n + 2}"})
        assert "No complaint has this code" in response.content.decode()
    assert client.post(reverse("complaints:follow"), {"reference": "AAAA-BBBB-CCCC"}).status_code == 429


def test_the_officer_acknowledges_answers_and_closes_and_the_filer_reads_the_answer(shelter, officer):
    code = filed(Client(), shelter)
    complaint = Complaint.objects.get(reference=code)
    as_officer = signed_in(officer)
    inbox = as_officer.get(reverse("complaints:inbox")).content.decode()
    assert code in inbox
    page = as_officer.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "shouted at me" in page
    assert AuditRecord.objects.filter(action="view_complaint", actor=officer).count() == 1

    as_officer.post(reverse("complaints:acknowledge", args=[complaint.pk]), {"note": "Spoke to the supervisor."})
    as_officer.post(
        reverse("complaints:answer", args=[complaint.pk]),
        {"answer": "We are sorry. Another worker now follows your case."},
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED and complaint.answered_in_time()

    # The filer follows it up, typing the code as people do.
    typed = code.lower().replace("-", " ")
    followed = Client().post(reverse("complaints:follow"), {"reference": typed}).content.decode()
    assert "Another worker now follows your case." in followed
    assert "shouted at me" not in followed  # what they wrote is not shown back to whoever holds the code

    refused = as_officer.post(reverse("complaints:close", args=[complaint.pk]), {"note": ""})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    as_officer.post(reverse("complaints:close", args=[complaint.pk]), {"note": "Passed on by phone."})
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED
    assert [e.kind for e in complaint.events.all()] == ["received", "acknowledged", "answered", "closed"]
    assert AuditRecord.objects.filter(action="handle_complaint", actor=officer).count() == 3


def test_staff_take_down_a_phone_complaint_and_then_no_longer_see_it(shelter, worker, officer):
    as_worker = signed_in(worker)
    response = as_worker.post(
        reverse("complaints:record"),
        {
            "channel": "phone",
            "received_on": timezone.localdate(timezone=shelter.tzinfo).isoformat(),
            "kind": "feedback",
            "about": "The shelter's food made my daughter ill.",
            "language": "en",
        },
    )
    (code,) = CODE.findall(response.content.decode())
    complaint = Complaint.objects.get(reference=code)
    assert complaint.recorded_by == worker and complaint.channel == Channel.PHONE
    assert as_worker.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404
    assert as_worker.get(reverse("complaints:inbox")).status_code == 404
    assert code in signed_in(officer).get(reverse("complaints:inbox")).content.decode()


def test_a_future_or_year_old_day_of_receipt_is_refused(shelter, worker):
    office_today = timezone.localdate(timezone=shelter.tzinfo)  # the page counts in the office's days
    for day in (office_today + timedelta(days=1), office_today - timedelta(days=400)):
        response = signed_in(worker).post(
            reverse("complaints:record"),
            {"channel": "paper", "received_on": day.isoformat(), "kind": "complaint", "about": "x", "language": "en"},
        )
        assert "within the last year" in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("persona", ["worker", "supervisor", "admin", "analyst", "officer_elsewhere"])
def test_only_the_organisations_complaints_officers_open_its_complaints(request, persona, shelter):
    complaint = actions.file_complaint(organisation=shelter, kind="complaint", about="Seed-complaint", language="en")
    client = signed_in(request.getfixturevalue(persona))
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404
    for name in ("acknowledge", "answer", "close", "note"):
        response = client.post(reverse(f"complaints:{name}", args=[complaint.pk]), {"note": "x", "answer": "x"})
        assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED and complaint.events.count() == 1


def test_a_complaints_officer_holds_no_case(as_admin_of_shelter, worker):
    response = as_admin_of_shelter.post(
        reverse("accounts:staff_member", args=[worker.pk]), {"roles": [Role.CASE_WORKER, Role.COMPLAINTS_OFFICER]}
    )
    assert "A complaints officer holds no cases" in response.content.decode()
    assert worker.roles == {Role.CASE_WORKER}
    # An account that holds both some other way (the Django shell) still reaches no complaint.
    both = make_user("both", worker.organisation, Role.CASE_WORKER, Role.COMPLAINTS_OFFICER)
    assert signed_in(both).get(reverse("complaints:inbox")).status_code == 404


@pytest.fixture
def as_admin_of_shelter(admin):
    return signed_in(admin)


def test_late_complaints_are_marked_in_the_inbox(shelter, officer):
    with time_machine.travel("2026-11-02 03:00Z", tick=False):
        late = actions.file_complaint(organisation=shelter, kind="complaint", about="old", language="en")
    actions.file_complaint(organisation=shelter, kind="complaint", about="new", language="en")
    body = signed_in(officer).get(reverse("complaints:inbox")).content.decode()
    row = body[body.index(late.reference) : body.index("</tr>", body.index(late.reference))]
    assert "late" in row
    assert late.answered_in_time() is False


def test_the_inbox_costs_the_same_queries_for_few_or_many(shelter, officer):
    client = signed_in(officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("complaints:inbox")).status_code == 200
        return len(captured)

    actions.file_complaint(organisation=shelter, kind="complaint", about="one", language="en")
    client.get(reverse("complaints:inbox"))
    few = queries()
    for n in range(6):
        complaint = actions.file_complaint(organisation=shelter, kind="feedback", about=f"more {n}", language="en")
        if n % 2:
            actions.answer(actor=officer, complaint=complaint, answer="Thank you.")
            actions.close(actor=officer, complaint=complaint, note="Done.")
    assert queries() == few


def test_a_code_is_read_however_it_was_typed():
    assert normalise_reference(" k7qm 4tzx-b9hd ") == "K7QM-4TZX-B9HD"


# The JSON API (tag "complaints") ------------------------------------------------------------------


def api(user, method: str, path: str, body: dict | None = None):
    from reintegra.accounts.models import ApiToken

    _token, secret = ApiToken.issue(user)
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    return getattr(Client(), method)(f"/api/v1{path}", headers={"Authorization": f"Bearer {secret}"}, **kwargs)


def test_the_api_takes_a_complaint_down_and_the_officer_handles_it(shelter, worker, officer):
    taken = api(
        worker,
        "post",
        "/complaints/recorded",
        {
            "channel": "in_person",
            "received_on": timezone.localdate(timezone=shelter.tzinfo).isoformat(),
            "kind": "complaint",
            "about": "Nobody explained the plan in Khmer.",
            "language": "en",
        },
    )
    assert taken.status_code == 200
    complaint_id = taken.json()["id"]
    assert api(worker, "get", f"/complaints/{complaint_id}").status_code == 404

    listed = api(officer, "get", "/complaints").json()
    assert [item["id"] for item in listed["items"]] == [complaint_id]
    assert "about" not in listed["items"][0]  # the list names no content
    assert api(officer, "get", f"/complaints/{complaint_id}").json()["about"] == "Nobody explained the plan in Khmer."
    assert (
        api(officer, "post", f"/complaints/{complaint_id}/acknowledge", {"note": ""}).json()["status"] == "acknowledged"
    )
    answered = api(officer, "post", f"/complaints/{complaint_id}/answer", {"answer": "An interpreter will join."})
    assert answered.json()["status"] == "answered"
    noted = api(officer, "post", f"/complaints/{complaint_id}/notes", {"note": "Called back."})
    assert noted.status_code == 201 and noted["Location"] == f"/api/v1/complaints/{complaint_id}"
    closed = api(officer, "post", f"/complaints/{complaint_id}/close", {"note": "Done."})
    assert closed.json()["status"] == "closed"
    refused = api(officer, "post", f"/complaints/{complaint_id}/answer", {"answer": "Again."})
    assert refused.status_code == 422


def test_the_api_refuses_bad_input_and_other_organisations(shelter, worker, officer, officer_elsewhere):
    refused = api(
        worker,
        "post",
        "/complaints/recorded",
        {"channel": "web", "received_on": "2026-11-20", "kind": "complaint", "about": "x", "language": "en"},
    )
    assert refused.status_code == 422
    assert not Complaint.objects.exists()
    complaint = actions.file_complaint(organisation=shelter, kind="complaint", about="x", language="en")
    assert api(officer_elsewhere, "get", f"/complaints/{complaint.pk}").status_code == 404
    assert api(officer_elsewhere, "post", f"/complaints/{complaint.pk}/answer", {"answer": "x"}).status_code == 404
    assert api(officer_elsewhere, "get", "/complaints").json()["count"] == 0
    assert api(worker, "get", "/complaints").status_code == 404


def test_the_officer_adds_a_note_to_the_history(shelter, officer):
    complaint = actions.file_complaint(organisation=shelter, kind="complaint", about="x", language="en")
    as_officer = signed_in(officer)
    refused = as_officer.post(reverse("complaints:note", args=[complaint.pk]), {"note": ""})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    response = as_officer.post(reverse("complaints:note", args=[complaint.pk]), {"note": "Called the shelter."})
    assert response.status_code == 302
    assert [(e.kind, e.note) for e in complaint.events.all()][-1] == ("note", "Called the shelter.")
    assert "Called the shelter." in as_officer.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()


def test_staff_give_the_day_a_complaint_came_and_its_dates_count_from_it(shelter, worker):
    office_today = timezone.localdate(timezone=shelter.tzinfo)
    earlier = office_today - timedelta(days=10)
    response = signed_in(worker).post(
        reverse("complaints:record"),
        {"channel": "paper", "received_on": earlier.isoformat(), "kind": "complaint", "about": "x", "language": "en"},
    )
    (code,) = CODE.findall(response.content.decode())
    complaint = Complaint.objects.get(reference=code)
    assert timezone.localdate(complaint.received_at, shelter.tzinfo) == earlier
    assert complaint.acknowledge_by < office_today + timedelta(days=5)
