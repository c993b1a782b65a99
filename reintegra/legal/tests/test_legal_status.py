"""The legal-status page through HTTP, as the personas see it, and its reminders through the job."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import IDENTIFIERS, signed_in
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.legal.models import CountryRules, StatusStep, StayKind, StepKind
from reintegra.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db

IDENTIFIER_STRINGS = [v for value in IDENTIFIERS.values() for v in (value if isinstance(value, list) else [value])]


# Sessions end after 30 idle minutes, so each step in time signs in again.
TODAY = "2026-12-23 03:00Z"  # 10:00 in Ho Chi Minh City


def url(case) -> str:
    return f"/cases/{case.pk}/legal/"


def gb() -> CountryRules:
    return CountryRules.objects.get(country="GB")


def post_step(client, case, **values):
    data = {"country": gb().pk, "kind": StepKind.REFERRED, "on": "2026-12-23", "decision": "", "stay": ""}
    data.update(values)
    return client.post(url(case), data)


def test_the_team_records_a_referral_and_reads_the_date_it_brings(case, worker):
    with time_machine.travel(TODAY, tick=False):
        as_worker = signed_in(worker)
        response = post_step(as_worker, case, note="Referred by the shelter as first responder")
        assert response.status_code == 302
        page = as_worker.get(url(case)).content.decode()
    # Christmas, Boxing Day (observed) and New Year fall inside the five working days.
    assert "2027-01-04" in page and "in 12 days" in page
    assert "Referred by the shelter as first responder" in page
    assert "National Referral Mechanism" in page
    step = StatusStep.objects.get(case=case)
    assert step.recorded_by == worker
    assert AuditRecord.objects.filter(case=case, action=AuditAction.RECORD_STATUS_STEP).count() == 1
    assert AuditRecord.objects.filter(case=case, action=AuditAction.VIEW_LEGAL_STATUS).exists()


def test_the_case_page_links_to_it_for_the_team(as_worker, case):
    assert url(case) in as_worker.get(f"/cases/{case.pk}/").content.decode()


@pytest.mark.parametrize("persona", ["as_teammate", "as_manager_elsewhere", "as_outsider"])
def test_outside_the_team_the_page_does_not_exist(request, persona, case):
    client = request.getfixturevalue(persona)
    assert client.get(url(case)).status_code == 404
    assert post_step(client, case).status_code == 404
    assert not StatusStep.objects.exists()


@pytest.mark.parametrize(
    ("values", "field_message"),
    [
        ({"kind": StepKind.FIRST_DECISION}, "positive or negative"),
        ({"kind": StepKind.REFERRED, "decision": "positive"}, "Only a decision"),
        ({"kind": StepKind.PERMIT_GRANTED}, "Choose the kind of permit"),
        ({"on": "2099-01-01"}, "cannot be in the future"),
        ({"kind": StepKind.REFERRED, "country": "FR"}, "no identification mechanism"),
        ({"kind": StepKind.PERMIT_GRANTED, "stay": "BE"}, "another country"),
        ({"kind": StepKind.PERMIT_GRANTED, "stay": "GB", "valid_until": "2026-12-01"}, "a day after it was granted"),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(worker, case, values, field_message):
    if values.get("country") == "FR":
        values["country"] = CountryRules.objects.get(country="FR").pk
    if "stay" in values:
        values["stay"] = (
            CountryRules.objects.get(country=values["stay"]).stay_rules.get(kind=StayKind.TEMPORARY_PERMIT).pk
        )
    with time_machine.travel(TODAY, tick=False):
        response = post_step(signed_in(worker), case, **values)
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert not StatusStep.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_page_costs_the_same_for_one_step_or_five(worker, case):
    as_worker = signed_in(worker)
    post_step(as_worker, case)
    with CaptureQueriesContext(connection) as one:
        assert as_worker.get(url(case)).status_code == 200
    for day in ("2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"):
        post_step(as_worker, case, on=day)
    with CaptureQueriesContext(connection) as five:
        assert as_worker.get(url(case)).content.decode().count("Referred to the identification mechanism") >= 5
    assert len(one) == len(five) > 0


def run_job(moment: str) -> str:
    with time_machine.travel(moment, tick=False):
        out = io.StringIO()
        call_command("send_reminders", stdout=out)
        return out.getvalue()


def test_the_worker_is_reminded_before_and_after_a_date_and_a_decision_settles_it(case, worker):
    worker.email = "worker@shelter.example"
    worker.save()
    with time_machine.travel(TODAY, tick=False):
        post_step(signed_in(worker), case)
    # Fourteen days ahead by default: the decision falls due on 4 January, so the reminder comes
    # on the day of the referral, once, however often the job runs.
    assert "1 new" in run_job("2026-12-23 04:00Z")
    assert "0 new" in run_job("2026-12-24 04:00Z")
    note = Notification.objects.get(user=worker)
    assert note.kind == NotificationKind.LEGAL_DEADLINE_NEAR
    assert note.message() == f"Case {case.number}: First identification decision due on 2027-01-04."
    assert note.link() == url(case)
    with time_machine.travel("2026-12-23 04:00Z", tick=False):
        listed = signed_in(worker).get("/notifications/").content.decode()
    assert f"Open the legal status of case {case.number}" in listed and "Open referral" not in listed
    message = mail.outbox[-1]
    assert url(case) in message.body
    for value in IDENTIFIER_STRINGS:
        assert value not in message.subject + message.body

    # Missed: a second reminder, and the first stops counting as new.
    assert "1 new" in run_job("2027-01-05 03:00Z")
    passed = Notification.objects.get(user=worker, kind=NotificationKind.LEGAL_DEADLINE_PASSED)
    assert passed.settled_at is None
    note.refresh_from_db()
    assert note.settled_at is not None

    # The decision is recorded (positive): the missed date is settled, and the reflection period's
    # end (5 Jan + 45 days = 19 Feb) is not yet within fourteen days.
    with time_machine.travel("2027-01-05 04:00Z", tick=False):
        post_step(signed_in(worker), case, kind=StepKind.FIRST_DECISION, on="2027-01-05", decision="positive")
    assert "0 new" in run_job("2027-01-05 05:00Z")
    passed.refresh_from_db()
    assert passed.settled_at is not None
    assert "1 new" in run_job("2027-02-05 05:00Z")
    assert Notification.objects.filter(user=worker, deadline="reflection_ends").get().due_on.isoformat() == "2027-02-19"


def test_a_closed_case_reminds_no_one(worker, case):
    with time_machine.travel(TODAY, tick=False):
        post_step(signed_in(worker), case)
    type(case).objects.filter(pk=case.pk).update(status="closed", closure_reason="reintegrated")
    assert "0 new" in run_job("2026-12-23 04:00Z")


def api_call(user, method, path, body=None):
    import json

    from django.test import Client

    from reintegra.accounts.models import ApiToken

    _token, secret = ApiToken.issue(user)
    return Client().generic(
        method,
        path,
        data=json.dumps(body or {}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


def test_the_api_records_steps_reads_the_dates_and_refuses_what_the_page_refuses(worker, teammate, outsider, case):
    base = f"/api/v1/cases/{case.pk}/legal-status"
    with time_machine.travel(TODAY, tick=False):
        created = api_call(
            worker,
            "POST",
            f"{base}/steps",
            {"country": "gb", "kind": "referred", "on": "2026-12-23", "note": "NRM form"},
        )
        assert created.status_code == 201, created.content
        assert created["Location"] == base
        assert created.json()["deadlines"] == [
            {
                "kind": "first_decision",
                "due_on": "2027-01-04",
                "days_left": 12,
                "basis": created.json()["deadlines"][0]["basis"],
                "caution": "",
                "step_id": created.json()["steps"][0]["id"],
            }
        ]
        granted = api_call(
            worker,
            "POST",
            f"{base}/steps",
            {"country": "BE", "kind": "permit_granted", "on": "2026-12-01", "stay": "temporary_permit"},
        )
        assert granted.status_code == 201
        # Soonest first: renewal on 31 Dec (60 days before 1 Mar), the UK decision on 4 Jan.
        assert [[item["kind"], item["due_on"]] for item in granted.json()["deadlines"]] == [
            ["renewal_due", "2026-12-31"],
            ["first_decision", "2027-01-04"],
            ["permit_expires", "2027-03-01"],
        ]
        read = api_call(worker, "GET", base).json()
        assert [step["note"] for step in read["steps"]] == ["", "NRM form"]  # in date order
        for bad in (
            {"country": "ZZ", "kind": "referred", "on": "2026-12-01"},
            {"country": "HU", "kind": "permit_granted", "on": "2026-12-01", "stay": "long_term_permit"},
            {"country": "GB", "kind": "first_decision", "on": "2026-12-01"},
            {"country": "GB", "kind": "referred", "on": "2027-12-01"},
        ):
            response = api_call(worker, "POST", f"{base}/steps", bad)
            assert response.status_code == 422, bad
        assert StatusStep.objects.count() == 2
        for stranger in (teammate, outsider):
            assert api_call(stranger, "GET", base).status_code == 404
            assert (
                api_call(
                    stranger, "POST", f"{base}/steps", {"country": "GB", "kind": "referred", "on": "2026-12-01"}
                ).status_code
                == 404
            )
        countries = api_call(outsider, "GET", "/api/v1/legal/countries").json()["items"]
        assert {item["country"] for item in countries} == {"BE", "FR", "GB", "HU", "IT"}


# --- identification, a history ------------------------------------------------------------------


def post_identification(client, case, **values):
    data = {
        "identification-status": "informal",
        "identification-identified_on": "2026-11-02",
        "identification-authority": "Hope Shelter outreach team",
        "identification-authority_type": "NGO",
        "identification-country": "TH",
        "identification-return_type": "",
        "identification-note": "",
    }
    data.update({f"identification-{name}": value for name, value in values.items()})
    return client.post(f"{url(case)}identification/", data)


def test_identification_is_a_history_and_the_case_shows_the_latest(case, worker):
    from reintegra.legal.models import Identification

    with time_machine.travel(TODAY, tick=False):
        client = signed_in(worker)
        assert post_identification(client, case).status_code == 302
        assert (
            post_identification(
                client,
                case,
                status="formal",
                identified_on="2026-12-01",
                authority="Anti-trafficking police, Hải Phòng",
                authority_type="Police",
                country="VN",
                return_type="assisted_voluntary",
                note="Confirmed after the return flight from Bangkok",
            ).status_code
            == 302
        )
        page = client.get(url(case)).content.decode()
    history = list(Identification.objects.filter(case=case).values_list("status", "country", "return_type"))
    assert history == [("informal", "TH", ""), ("formal", "VN", "assisted_voluntary")]
    case.refresh_from_db()
    assert (case.identification_status, case.identifying_authority) == ("formal", "Anti-trafficking police, Hải Phòng")
    assert case.identified_on.isoformat() == "2026-12-01"
    for text in (
        "Hope Shelter outreach team",
        "Thailand",
        "Assisted voluntary return",
        "Confirmed after the return flight",
    ):
        assert text in page
    assert AuditRecord.objects.filter(case=case, action=AuditAction.RECORD_IDENTIFICATION).count() == 2


def test_a_formal_identification_without_its_authority_is_refused_and_nothing_changes(case, worker):
    from reintegra.legal.models import Identification

    with time_machine.travel(TODAY, tick=False):
        response = post_identification(signed_in(worker), case, status="formal", authority="")
    assert response.status_code == 200
    assert "needs the authority that made it" in response.content.decode()
    assert not Identification.objects.exists()
    case.refresh_from_db()
    assert case.identification_status == "not_identified"


def test_the_case_form_appends_to_the_history_too(case, worker, as_worker):
    from reintegra.cases.actions import CaseDetails, update_case
    from reintegra.legal.models import Identification

    update_case(
        actor=worker,
        case=case,
        details=CaseDetails(
            identification_status="informal", exploitation_types=["ForcedLabour"], origin_countries=["VN"]
        ),
    )
    assert list(Identification.objects.filter(case=case).values_list("status", flat=True)) == ["informal"]
    # A change elsewhere in the case adds nothing.
    update_case(
        actor=worker,
        case=case,
        details=CaseDetails(identification_status="informal", exploitation_types=["Sexual"], origin_countries=["VN"]),
    )
    assert Identification.objects.filter(case=case).count() == 1


@pytest.mark.parametrize("persona", ["as_teammate", "as_manager_elsewhere", "as_outsider"])
def test_outside_the_team_no_identification_is_recorded(request, persona, case):
    from reintegra.legal.models import Identification

    assert post_identification(request.getfixturevalue(persona), case).status_code == 404
    assert not Identification.objects.exists()


def test_the_api_adds_an_identification_and_refuses_an_unknown_country(worker, case):
    base = f"/api/v1/cases/{case.pk}/legal-status"
    with time_machine.travel(TODAY, tick=False):
        done = api_call(
            worker,
            "POST",
            f"{base}/identifications",
            {"status": "informal", "identified_on": "2026-11-02", "country": "th", "return_type": "on_own"},
        )
        assert done.status_code == 201, done.content
        assert done.json()["identifications"][0]["country"] == "TH"
        bad = api_call(worker, "POST", f"{base}/identifications", {"status": "informal", "country": "QQ"})
        assert bad.status_code == 422 and "country" in bad.json()["fields"]
        formal = api_call(worker, "POST", f"{base}/identifications", {"status": "formal"})
        assert formal.status_code == 422 and set(formal.json()["fields"]) == {"identified_on", "authority"}


# --- legal proceedings --------------------------------------------------------------------------


def open_proceeding_through_the_page(client, case):
    return client.post(
        f"{url(case)}proceedings/",
        {
            "proceeding-kind": "criminal",
            "proceeding-role": "victim_witness",
            "proceeding-opened_on": "2026-10-01",
            "proceeding-authority": "Tòa án nhân dân thành phố Hải Phòng",
            "proceeding-reference": "HS-2026-118",
            "proceeding-lawyer": "Justice Access Legal Aid",
            "proceeding-currency": "vnd",
        },
    )


def add_event(client, case, proceeding, **values):
    data = {"kind": "interview", "on": "2026-12-01", "amount": "", "agreed": "", "note": ""}
    data.update(values)
    return client.post(f"{url(case)}proceedings/{proceeding.pk}/events/", data)


def test_a_proceeding_its_hearings_interviews_and_compensation(case, worker):
    from reintegra.legal.models import Proceeding, ProceedingEvent

    with time_machine.travel(TODAY, tick=False):
        client = signed_in(worker)
        assert open_proceeding_through_the_page(client, case).status_code == 302
        proceeding = Proceeding.objects.get(case=case)
        assert proceeding.currency == "VND"
        # The person's decision comes before the step: refused without a yes or no.
        add_event(client, case, proceeding, kind="consent", note="To testify in person")
        assert not ProceedingEvent.objects.exists()
        add_event(client, case, proceeding, kind="consent", agreed="yes", note="To testify in person")
        add_event(client, case, proceeding, kind="hearing", on="2027-01-02")
        add_event(client, case, proceeding, kind="claimed")  # no amount: refused
        add_event(client, case, proceeding, kind="claimed", amount="150000000")
        for day in ("2026-10-02", "2026-10-20"):
            add_event(client, case, proceeding, on=day)
        page = client.get(url(case)).content.decode()
        assert "Interviewed 2 times." in page and "interviews or more" not in page
        add_event(client, case, proceeding, on="2026-11-30")
        page = client.get(url(case)).content.decode()
    assert "Interviewed 3 times." in page and "3 interviews or more" in page
    assert "Tòa án nhân dân thành phố Hải Phòng" in page and "HS-2026-118" in page
    assert "150,000,000 VND" in page
    # The hearing and the safety reassessment a week before it are among the dates ahead.
    assert "Hearing" in page and "2027-01-02" in page
    assert "Reassess safety before a hearing" in page and "2026-12-26" in page
    assert ProceedingEvent.objects.filter(proceeding=proceeding).count() == 6

    # Reminders: both dates within fourteen days on 23 December; nothing once the hearing is past.
    assert "2 new" in run_job("2026-12-23 04:00Z")
    kinds = set(Notification.objects.filter(user=worker).values_list("deadline", flat=True))
    assert kinds == {"hearing", "safety_before_hearing"}
    assert "0 new" in run_job("2027-01-03 04:00Z")
    assert not Notification.objects.filter(settled_at__isnull=True).exists()
    assert not Notification.objects.filter(kind=NotificationKind.LEGAL_DEADLINE_PASSED).exists()


def test_nothing_is_added_to_a_proceeding_that_has_ended(case, worker):
    from reintegra.legal.models import Proceeding, ProceedingEvent

    with time_machine.travel(TODAY, tick=False):
        client = signed_in(worker)
        open_proceeding_through_the_page(client, case)
        proceeding = Proceeding.objects.get()
        add_event(client, case, proceeding, kind="ended", note="Verdict: 12 years")
        response = add_event(client, case, proceeding, kind="hearing", on="2027-01-02")
        assert response.status_code == 302
        assert "has ended" in client.get(response["Location"]).content.decode()
    assert ProceedingEvent.objects.count() == 1


@pytest.mark.parametrize("persona", ["as_teammate", "as_manager_elsewhere", "as_outsider"])
def test_outside_the_team_proceedings_do_not_exist(request, persona, case, worker):
    from reintegra.legal.models import Proceeding, ProceedingEvent

    with time_machine.travel(TODAY, tick=False):
        open_proceeding_through_the_page(signed_in(worker), case)
    proceeding = Proceeding.objects.get()
    client = request.getfixturevalue(persona)
    assert open_proceeding_through_the_page(client, case).status_code == 404
    assert add_event(client, case, proceeding, on="2026-12-01").status_code == 404
    assert Proceeding.objects.count() == 1 and not ProceedingEvent.objects.exists()


def test_the_api_records_a_proceeding_and_its_events(worker, outsider, case):
    base = f"/api/v1/cases/{case.pk}/legal-status"
    with time_machine.travel(TODAY, tick=False):
        opened = api_call(
            worker,
            "POST",
            f"{base}/proceedings",
            {
                "kind": "labour",
                "role": "complainant",
                "opened_on": "2026-09-01",
                "currency": "thb",
                "lawyer": "Legal aid",
            },
        )
        assert opened.status_code == 201, opened.content
        proceeding_id = opened.json()["proceedings"][0]["id"]
        events = f"{base}/proceedings/{proceeding_id}/events"
        assert (
            api_call(worker, "POST", events, {"kind": "claimed", "on": "2026-09-02", "amount": "5000"}).status_code
            == 201
        )
        hearing = api_call(worker, "POST", events, {"kind": "hearing", "on": "2027-01-10"})
        assert hearing.status_code == 201
        body = hearing.json()
        assert body["proceedings"][0]["currency"] == "THB"
        assert [event["kind"] for event in body["proceedings"][0]["events"]] == ["claimed", "hearing"]
        assert {item["kind"] for item in body["deadlines"]} == {"hearing", "safety_before_hearing"}
        for bad in ({"kind": "claimed", "on": "2026-09-02"}, {"kind": "consent", "on": "2026-09-02"}):
            assert api_call(worker, "POST", events, bad).status_code == 422
        assert api_call(outsider, "POST", events, {"kind": "interview", "on": "2026-09-02"}).status_code == 404


def test_a_new_responsible_worker_gets_the_reminder_and_the_old_one_stops_counting(case, worker, teammate):
    from reintegra.cases.models import CaseTeamMember

    with time_machine.travel(TODAY, tick=False):
        post_step(signed_in(worker), case)
    run_job("2026-12-23 04:00Z")
    CaseTeamMember.objects.create(case=case, user=teammate)
    type(case).objects.filter(pk=case.pk).update(responsible=teammate)
    assert "1 new" in run_job("2026-12-24 04:00Z")
    assert Notification.objects.get(user=teammate).settled_at is None
    assert Notification.objects.get(user=worker).settled_at is not None


def test_the_page_costs_the_same_for_one_proceeding_or_three_with_their_events(worker, case):
    with time_machine.travel(TODAY, tick=False):
        client = signed_in(worker)
        open_proceeding_through_the_page(client, case)
        from reintegra.legal.models import Proceeding

        add_event(client, case, Proceeding.objects.get(), kind="hearing", on="2027-01-02")
        with CaptureQueriesContext(connection) as one:
            assert client.get(url(case)).status_code == 200
        for _ in range(2):
            open_proceeding_through_the_page(client, case)
        for proceeding in Proceeding.objects.all():
            add_event(client, case, proceeding, kind="hearing", on="2027-01-05")
            add_event(client, case, proceeding, on="2026-12-01")
        with CaptureQueriesContext(connection) as three:
            assert client.get(url(case)).content.decode().count("Interviewed") == 3
    assert len(one) == len(three) > 0
