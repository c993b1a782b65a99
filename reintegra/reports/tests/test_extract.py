"""The research extract through HTTP, as the personas of conftest.py: only persons who agreed are
in it, nothing in it identifies them, rare combinations are generalised or dropped, only the
organisation's analysts and administrators and the network's coordinator take it, every download
is logged, the network's follows the network's rule. And `suppress` itself, with hypothesis."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import IDENTIFIERS, make_user, person_details, sign_network_agreement, signed_in
from reintegra.accounts.models import ApiToken, Role
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.cases import actions as case_actions
from reintegra.cases.models import Case
from reintegra.consents import actions as consent_actions
from reintegra.consents.actions import ConsentDecision
from reintegra.consents.models import Consent, ConsentScope
from reintegra.orgs.models import Organisation, OrganisationType
from reintegra.reports import actions as report_actions
from reintegra.reports.extract import (
    ADULT,
    CHILD,
    GENDER_VALUES,
    HEADER,
    QUASI_IDENTIFIERS,
    SUPPRESSED,
    QuasiIdentifiers,
    as_csv,
    suppress,
)
from reintegra.reports.models import CaseStatistics, ReportAgeBand

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 15)
URL = "/reports/research-extract.csv"
API = "/api/v1/reports/research-extract"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(TODAY, tick=False):
        yield


def research_consent(actor, case, *, status="given", decided_on=TODAY, review_on=TODAY + timedelta(days=365)):
    return consent_actions.record_consent(
        actor=actor,
        case=case,
        decision=ConsentDecision(
            scope=ConsentScope.RESEARCH,
            subject="Her anonymised row in the research extract",
            status=status,
            decided_on=decided_on,
            information_given="One row without her name goes to researchers; she can say no at any time.",
            language="vi",
            understood=True,
            review_on=review_on if status == "given" else None,
        ),
    )


def register(
    actor,
    count: int,
    *,
    gender="Feminine",
    born=date(1996, 5, 1),
    nationality="VN",
    where: list[str] | None = None,
    consent: str | None = "given",
    name="Probe",
) -> list[Case]:
    cases = []
    for n in range(count):
        case = case_actions.register_person_with_case(
            actor=actor,
            person=person_details(
                given_name=f"{name}{gender}{nationality}{n}",
                family_name="Tester",
                gender=gender,
                birth_date=born,
                nationalities=[nationality],
                phones=[],
                identity_documents=[],
                other_names=[],
            ),
            case=case_actions.CaseDetails(
                exploitation_types=["ForcedLabour", "SexualExploitation"], exploitation_countries=where or []
            ),
            supervisor=actor if actor.has_role(Role.SUPERVISOR) else None,
        )
        if consent:
            research_consent(actor, case, status=consent)
        cases.append(case)
    return cases


def rows_of(response) -> tuple[list[str], list[list[str]]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text[1:])))
    return header, rows


def combinations(rows: list[list[str]]) -> Counter[tuple[str, ...]]:
    return Counter(tuple(row[: len(QUASI_IDENTIFIERS)]) for row in rows)


def test_only_persons_who_agreed_are_in_it_and_nothing_identifies_them(case, worker, supervisor, analyst):
    research_consent(worker, case)  # the conftest person: a woman of 25, Vietnamese
    register(worker, 11)
    [withdrawn] = register(worker, 1, name="Withdrawn")
    consent_actions.withdraw_consent(
        actor=worker, consent=Consent.objects.get(case=withdrawn, scope="research"), withdrawn_on=TODAY
    )
    [lapsed] = register(worker, 1, name="Lapsed", consent=None)
    research_consent(worker, lapsed, decided_on=date(2025, 1, 10), review_on=date(2026, 3, 1))
    # A new "no" recorded beside the old "yes" instead of withdrawing it: the latest word counts.
    [said_no_later] = register(worker, 1, name="Later")
    research_consent(worker, said_no_later, status="declined")
    register(worker, 12, gender="Masculine", nationality="TH", consent="declined")
    register(worker, 12, gender="Masculine", nationality="KH", consent=None)

    response = signed_in(analyst).get(URL)
    header, rows = rows_of(response)
    assert header == list(HEADER)
    assert len(rows) == 12  # 15 women, less the withdrawn, the lapsed and the later "no"
    assert all(row[:6] == ["2026", "25-34", "female", "VN", "unknown", "not_identified"] for row in rows)
    forced_labour = HEADER.index("exploitation_ForcedLabour")
    assert all(row[forced_labour] == "1" and row[HEADER.index("exploitation_Surrogacy")] == "0" for row in rows)
    body = response.content.decode()
    assert "male" not in body.replace("female", "") and "TH" not in body and "KH" not in body
    numbers = list(Case.objects.values_list("number", flat=True))
    names = ["Probe", "Withdrawn", "Lapsed", "Later", "Tester"]
    for value in [*(v for v in IDENTIFIERS.values() if isinstance(v, str)), *numbers, *names]:
        assert value not in body
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|2001", body)  # no date, no birth year

    record = AuditRecord.objects.get(action=AuditAction.RESEARCH_EXTRACT)
    assert record.actor_id == analyst.pk and record.case_id is None
    detail = record.decrypted_detail()
    assert detail["results"] == 12
    assert detail["terms"] == {
        "extract": str(case.organisation_id),
        "organisations": str(case.organisation_id),
        "form": "csv",
    }


def test_rows_come_in_a_new_random_order_each_time(worker, analyst):
    cases = register(worker, 12)
    Case.objects.filter(pk__in=[c.pk for c in cases[:6]]).update(identification_status="informal")
    as_analyst = signed_in(analyst)
    orders = {tuple(row[5] for row in rows_of(as_analyst.get(URL))[1]) for _ in range(8)}
    assert len(orders) > 1  # 924 orders of six and six: eight draws all alike would be a fixed order


def test_rare_combinations_are_generalised_or_dropped(worker, admin):
    register(worker, 12, where=["TH"])
    register(worker, 6, where=["MY"])  # Malaysia is rarer than Vietnam here: the country goes
    register(worker, 5, where=["KH"])  # and with it these five join the six above
    register(worker, 3, gender="Masculine", born=date(2004, 5, 1), nationality="LA", where=["MY"])

    _header, rows = rows_of(signed_in(admin).get(URL))
    counts = combinations(rows)
    assert all(count >= 10 for count in counts.values()), counts
    assert counts == {
        ("2026", "25-34", "female", "VN", "TH"): 12,
        ("2026", "25-34", "female", "VN", SUPPRESSED): 11,
    }
    body = "\n".join(",".join(row) for row in rows)
    assert "MY" not in body and "KH" not in body and "LA" not in body and "male" not in body.replace("female", "")


def test_k_follows_the_setting(worker, analyst):
    register(worker, 3, gender="Masculine", born=date(2004, 5, 1), nationality="LA", where=["MY"])
    register(worker, 2, born=date(2010, 5, 1), nationality="KH", where=["TH"])
    register(worker, 1, born=date(2012, 5, 1), nationality="KH", where=["TH"], gender="NonConforming")
    with override_settings(REINTEGRA_REPORT_MIN_CELL=3):
        _header, rows = rows_of(signed_in(analyst).get(URL))
    assert combinations(rows) == {("2026", "18-24", "male", "LA", "MY"): 3}


@pytest.mark.parametrize(
    "persona", ["worker", "teammate", "supervisor", "manager_elsewhere", "outsider", "clinic_provider"]
)
def test_others_get_404(request, persona, client, case, worker):
    research_consent(worker, case)
    user = request.getfixturevalue(persona)
    as_other = signed_in(user)
    for query in ("", "?organisation=network", f"?organisation={case.organisation_id}"):
        assert as_other.get(URL + query).status_code == 404
    _token, secret = ApiToken.issue(user)
    assert client.get(API, headers={"Authorization": f"Bearer {secret}"}).status_code == 404
    assert not AuditRecord.objects.filter(action=AuditAction.RESEARCH_EXTRACT).exists()


def test_each_takes_only_the_extract_they_may(analyst, admin, coordinator, supervisor, partner, case):
    assert signed_in(analyst).get(f"{URL}?organisation=network").status_code == 404
    assert signed_in(admin).get(f"{URL}?organisation={partner.pk}").status_code == 404
    assert signed_in(analyst).get(f"{URL}?organisation=not-a-number").status_code == 404
    # The coordinator takes the network's, not the organisation that employs them.
    assert signed_in(coordinator).get(f"{URL}?organisation={case.organisation_id}").status_code == 404
    # The link is on the report page for those who may follow it, and only for them.
    assert "research-extract.csv" in signed_in(analyst).get("/reports/").content.decode()
    assert "research-extract.csv" in signed_in(admin).get("/reports/").content.decode()
    assert "research-extract.csv" not in signed_in(supervisor).get("/reports/").content.decode()
    assert "research-extract.csv" not in signed_in(coordinator).get("/reports/").content.decode()


def test_the_network_extract_needs_three_organisations_with_rows(worker, coordinator, outsider, partner, client):
    third = Organisation.objects.create(name="Third Harbour", code="third", org_type=OrganisationType.NGO, country="KH")
    third_worker = make_user("third.worker", third, Role.SUPERVISOR, Role.CASE_WORKER)
    silent = Organisation.objects.create(name="Silent", code="silent", org_type=OrganisationType.NGO, country="MM")
    silent_worker = make_user("silent.worker", silent, Role.SUPERVISOR, Role.CASE_WORKER)
    register(worker, 12)
    register(outsider, 12, gender="Masculine", nationality="TH")
    register(silent_worker, 12, nationality="MM")  # an organisation that does not share
    for organisation in (worker.organisation, partner, third):
        report_actions.record_agreement(
            actor=make_user(f"admin.{organisation.code}", organisation, Role.ORG_ADMIN), agreed=True
        )
    for organisation in (partner, third):
        sign_network_agreement(organisation, coordinator.organisation)
    _token, secret = ApiToken.issue(coordinator)
    headers = {"Authorization": f"Bearer {secret}"}

    # Three organisations share, but only two have persons in the extract: either could take its
    # own rows away and read the other's.
    as_coordinator = signed_in(coordinator)
    response = as_coordinator.get(URL)
    assert response.status_code == 302 and response["Location"] == "/reports/?organisation=network"
    page = as_coordinator.get(response["Location"]).content.decode()
    assert "only 2 have persons in the research" in page
    assert client.get(API, headers=headers).status_code == 409
    assert not AuditRecord.objects.filter(action=AuditAction.RESEARCH_EXTRACT).exists()

    register(third_worker, 12, nationality="KH")
    _header, rows = rows_of(signed_in(coordinator).get(URL))
    assert combinations(rows) == {
        ("2026", "25-34", "female", "VN", "unknown"): 12,
        ("2026", "25-34", "male", "TH", "unknown"): 12,
        ("2026", "25-34", "female", "KH", "unknown"): 12,
    }
    answer = client.get(API, headers=headers)
    assert answer.status_code == 200 and answer["Content-Type"] == "text/csv; charset=utf-8"
    text = answer.content.decode()
    assert not text.startswith("\ufeff") and text.count("\n") == 37 and "MM" not in text
    logged = AuditRecord.objects.filter(action=AuditAction.RESEARCH_EXTRACT, actor=coordinator)
    assert sorted(r.decrypted_detail()["terms"]["form"] for r in logged) == ["api", "csv"]
    assert all(r.case_id is None and r.decrypted_detail()["terms"]["extract"] == "network" for r in logged)

    assert "research-extract.csv" in signed_in(coordinator).get("/reports/?organisation=network").content.decode()

    # Rows that suppression drops do not count: split into two genders of six, the third
    # organisation's persons are all rare, and two organisations remain.
    third_rows = CaseStatistics.objects.filter(organisation=third).order_by("case_id")
    CaseStatistics.objects.filter(pk__in=list(third_rows.values_list("pk", flat=True)[:6])).update(sex="NonConforming")
    assert signed_in(coordinator).get(URL).status_code == 302


def test_formula_cells_are_neutralised(worker, analyst):
    cases = register(worker, 12)
    # A value that bypassed the forms (an old import, a direct change) is not a country's code:
    # it never reaches the file, as a formula or at all.
    Case.objects.filter(pk=cases[0].pk).update(exploitation_countries=['=HYPERLINK("http://evil.example")'])
    _header, rows = rows_of(signed_in(analyst).get(URL))
    assert len(rows) == 12
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    text = as_csv([["=1+1", "-2", "+3", "@SUM(A1)", "2026"]]).decode("utf-8-sig")
    assert text.splitlines()[1] == "'=1+1,'-2,'+3,'@SUM(A1),2026"


def test_the_number_of_queries_does_not_grow_with_the_persons(worker, analyst):
    register(worker, 10)
    as_analyst = signed_in(analyst)
    as_analyst.get(URL)  # sessions, roles: what a first request reads once
    with CaptureQueriesContext(connection) as few:
        assert len(rows_of(as_analyst.get(URL))[1]) == 10
    register(worker, 25, name="More")
    with CaptureQueriesContext(connection) as many:
        assert len(rows_of(as_analyst.get(URL))[1]) == 35
    assert len(many) == len(few)


def test_the_consent_form_offers_the_research_scope(as_worker, case):
    page = as_worker.get(f"/cases/{case.pk}/consents/").content.decode()
    assert 'value="research"' in page and "Anonymised records for research" in page


# --- suppress(), a pure function ---------------------------------------------------------------

YEARS = ["2023", "2024", "2025"]
COUNTRIES = ["VN", "TH", "KH", "unknown"]
AGE_BANDS = ReportAgeBand.values
quasi_identifiers = st.builds(
    QuasiIdentifiers,
    year=st.sampled_from(YEARS),
    age_band=st.sampled_from(AGE_BANDS),
    gender=st.sampled_from(sorted(GENDER_VALUES)),
    citizenship=st.sampled_from(COUNTRIES),
    country_of_exploitation=st.sampled_from(COUNTRIES),
)


@settings(deadline=None, max_examples=300, derandomize=True)
@given(rows=st.lists(quasi_identifiers, max_size=80), k=st.integers(min_value=2, max_value=12))
def test_after_suppression_every_combination_is_shared_by_k_rows(rows, k):
    published = suppress(rows, k)
    assert len(published) == len(rows)
    counts = Counter(row for row in published if row is not None)
    assert all(count >= k for count in counts.values())
    before = Counter(rows)
    for original, row in zip(rows, published, strict=True):
        if before[original] >= k:
            assert row == original  # what was common enough is left as it was
        if row is None:
            continue
        # Nothing outside the vocabularies, and each value is the original or a coarser one.
        assert row.year in {original.year, SUPPRESSED}
        assert row.age_band in {
            original.age_band,
            SUPPRESSED,
            *({CHILD, ADULT} if original.age_band != "unknown" else ()),
        }
        assert row.age_band in {*AGE_BANDS, CHILD, ADULT, SUPPRESSED}
        assert row.gender == original.gender
        assert row.citizenship in {original.citizenship, SUPPRESSED}
        assert row.country_of_exploitation in {original.country_of_exploitation, SUPPRESSED}


@settings(deadline=None, max_examples=100, derandomize=True)
@given(rows=st.lists(quasi_identifiers, max_size=60), k=st.integers(min_value=2, max_value=10), seed=st.randoms())
def test_suppression_is_deterministic_and_ignores_the_order(rows, k, seed):
    published = suppress(rows, k)
    order = list(range(len(rows)))
    seed.shuffle(order)
    shuffled = suppress([rows[i] for i in order], k)
    assert shuffled == [published[i] for i in order]


def test_the_ladder_by_hand():
    common = [QuasiIdentifiers("2025", "25-34", "female", "VN", "TH")] * 3
    to_malaysia = QuasiIdentifiers("2025", "25-34", "female", "VN", "MY")
    to_laos = QuasiIdentifiers("2025", "25-34", "female", "VN", "LA")
    cambodian = QuasiIdentifiers("2025", "25-34", "female", "KH", "TH")
    lonely = QuasiIdentifiers("2024", "50+", "other", "LA", "LA")
    published = suppress([*common, to_malaysia, to_laos, cambodian, lonely], 2)
    assert published[:3] == common
    # Malaysia and Laos are rarer here than Viet Nam: the countries go, and the two rows meet.
    assert published[3] == published[4] == QuasiIdentifiers("2025", "25-34", "female", "VN", SUPPRESSED)
    # Cambodia is rarer than Thailand: the citizenship goes first; alone still, the row climbs
    # the whole ladder, as does the lonely one.
    assert published[5] is None and published[6] is None
    # A child and an adult alone climb until they meet: the age band suppressed, the year kept.
    child = QuasiIdentifiers("2025", "12-17", "female", "VN", "MY")
    adult = QuasiIdentifiers("2025", "18-24", "female", "KH", "TH")
    assert suppress([child, adult], 2) == [QuasiIdentifiers("2025", SUPPRESSED, "female", SUPPRESSED, SUPPRESSED)] * 2
    # And with a third adult, the two adults stop at "18+".
    assert (
        suppress([child, adult, adult._replace(age_band="35-49")], 2)[1:]
        == [QuasiIdentifiers("2025", ADULT, "female", SUPPRESSED, SUPPRESSED)] * 2
    )
