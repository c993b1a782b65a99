"""The monitoring report through HTTP, as the personas of conftest.py: who sees it, that it shows
figures and nothing identifiable, that small counts and their partners are hidden in the page,
the downloads and the API alike, and that the number of queries does not grow with the cases."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import IDENTIFIERS, make_user, person_details, sign_network_agreement, signed_in
from reintegra.accounts.models import ApiToken, Role
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.cases import actions as case_actions
from reintegra.reports import actions
from reintegra.reports.exports import neutralise
from reintegra.reports.models import CaseStatistics, StatisticsAgreement
from reintegra.reports.statistics import refresh

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 15)
URL = "/reports/"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(date(2026, 3, 15), tick=False):
        yield


def register(actor, supervisor, count: int, *, gender: str, born: date, nationality: str, start: int = 0) -> None:
    for n in range(start, start + count):
        case_actions.register_person_with_case(
            actor=actor,
            person=person_details(
                given_name=f"Probe{gender}{n}",
                family_name="Tester",
                gender=gender,
                birth_date=born,
                nationalities=[nationality],
                phones=[],
                identity_documents=[],
                other_names=[],
            ),
            case=case_actions.CaseDetails(exploitation_types=["ForcedLabour", "SexualExploitation"]),
            supervisor=supervisor,
        )


@pytest.fixture
def shelter_cases(case, worker, supervisor):
    """The conftest case (a woman born 2001, Vietnamese) and 14 more women of 25 to 34, and 3 men
    of 18 to 24: 15 women aged 25 to 34 but 3 men, a small count."""
    register(worker, supervisor, 14, gender="Feminine", born=date(1996, 5, 1), nationality="VN")
    register(worker, supervisor, 3, gender="Masculine", born=date(2004, 5, 1), nationality="VN")


@pytest.fixture
def partner_cases(outsider):
    register(outsider, outsider, 25, gender="Masculine", born=date(1980, 1, 1), nationality="TH")


def cell(page: str, table: str) -> str:
    return page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]


def test_the_analyst_sees_figures_and_nothing_identifiable(shelter_cases, analyst, case):
    response = signed_in(analyst).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    age_sex = cell(page, "persons_by_age_and_sex")
    assert ">18<" in page or ">18</td>" in page  # 18 persons in all
    assert "&lt;10" in age_sex  # the 3 men
    assert ">x<" in age_sex  # and a partner hidden with them
    for value in [*(v for v in IDENTIFIERS.values() if isinstance(v, str)), case.number, "ProbeFeminine1"]:
        assert value not in page
    assert f"/cases/{case.pk}/" not in page
    record = AuditRecord.objects.filter(action=AuditAction.VIEW_REPORT, actor=analyst).get()
    assert record.case_id is None


def test_the_small_count_and_its_partners_are_hidden_in_every_form(shelter_cases, analyst, client):
    query = "?start=2025-03-16&end=2026-03-15"
    as_analyst = signed_in(analyst)
    text = as_analyst.get(f"/reports/report.csv{query}").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    start = rows.index(next(r for r in rows if r and r[0] == "By age at the opening of the case, and sex"))
    header, hxl = rows[start + 1], rows[start + 2]
    assert hxl[:3] == ["#affected+age_group", "#affected+f", "#affected+m"]
    by_band = {row[0]: row for row in rows[start + 3 : start + 11]}
    assert by_band["18 to 24"][header.index("Male")] == "<10"
    assert by_band["25 to 34"][header.index("Female")] == "x"
    assert "3" not in by_band["18 to 24"][1:] and "15" not in by_band["25 to 34"]

    book = load_workbook(io.BytesIO(as_analyst.get(f"/reports/report.xlsx{query}").content))
    sheet = book["1"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[2][:3] == ["#affected+age_group", "#affected+f", "#affected+m"]
    xlsx_bands = {row[0]: row for row in values[3:]}
    assert xlsx_bands["18 to 24"][2] == "<10" and xlsx_bands["25 to 34"][1] == "x"

    _token, secret = ApiToken.issue(analyst)
    body = client.get(f"/api/v1/reports{query}", headers={"Authorization": f"Bearer {secret}"}).json()
    table = next(t for s in body["sections"] for t in s["tables"] if t["key"] == "persons_by_age_and_sex")
    men = table["columns"].index("Masculine")
    row = next(r for r in table["rows"] if r["code"] == "18-24")
    assert row["cells"][men] == {"value": None, "suppressed": True, "text": "<10", "reason": "small"}
    women = table["columns"].index("Feminine")
    row = next(r for r in table["rows"] if r["code"] == "25-34")
    assert row["cells"][women]["suppressed"] is True and row["cells"][women]["value"] is None
    assert AuditRecord.objects.filter(action=AuditAction.DOWNLOAD_REPORT, actor=analyst).count() == 2


def test_another_organisations_figures_never_appear(shelter_cases, partner_cases, analyst, outsider):
    page = signed_in(analyst).get(URL).content.decode()
    assert "Thailand" not in page
    other = signed_in(outsider).get(URL).content.decode()
    assert "Thailand" in other and "Viet" not in cell(other, "persons_by_nationality")
    # Asking for the other organisation's figures by its id is refused like a missing page.
    partner_id = outsider.organisation_id
    response = signed_in(analyst).get(f"{URL}?organisation={partner_id}")
    assert response.status_code == 200 and "persons_by_age_and_sex" not in response.content.decode()


def test_the_network_counts_only_organisations_that_agree(
    shelter_cases, partner_cases, coordinator, admin, partner, clinic, client
):
    as_coordinator = signed_in(coordinator)
    network = f"{URL}?organisation=network"
    partner_admin = make_user("partner.admin", partner, Role.ORG_ADMIN)
    clinic_admin = make_user("clinic.admin", clinic, Role.ORG_ADMIN)
    clinic_worker = make_user("clinic.worker", clinic, Role.SUPERVISOR, Role.CASE_WORKER)
    signed_in(clinic_admin).post("/reports/agreement/", {"agreed": "yes"})
    response = signed_in(partner_admin).post("/reports/agreement/", {"agreed": "yes"})
    assert response.status_code == 302
    signed_in(admin).post("/reports/agreement/", {"agreed": "yes"})
    # The partner and the clinic have also signed a data-sharing agreement with the coordinator's
    # organisation (the shelter), which needs none with itself.
    sign_network_agreement(partner, coordinator.organisation)
    sign_network_agreement(clinic, coordinator.organisation)
    # Three organisations share, but the clinic has no case: either of the other two could take
    # its own figures away from the network's and read the other's, so none are shown.
    page = as_coordinator.get(network).content.decode()
    assert "persons_by_nationality" not in page and "only 2 had cases in this period" in page
    download = as_coordinator.get("/reports/report.csv?organisation=network")
    assert download["Content-Type"].startswith("text/html")
    _token, secret = ApiToken.issue(coordinator)
    answer = client.get("/api/v1/reports?organisation=network", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 409

    register(clinic_worker, clinic_worker, 12, gender="Feminine", born=date(1990, 1, 1), nationality="KH")
    page = as_coordinator.get(network).content.decode()
    nationalities = cell(page, "persons_by_nationality")
    assert "Thailand" in nationalities and "Viet" in nationalities and "Cambodia" in nationalities

    signed_in(partner_admin).post("/reports/agreement/", {"agreed": "no"})
    assert "persons_by_nationality" not in as_coordinator.get(network).content.decode()
    assert StatisticsAgreement.objects.filter(organisation=partner).count() == 2  # appended
    assert AuditRecord.objects.filter(action=AuditAction.AGREE_STATISTICS).count() == 4


def test_only_the_coordinator_chooses_the_network(analyst, admin):
    for user in (analyst, admin):
        response = signed_in(user).get(f"{URL}?organisation=network")
        assert response.status_code == 200 and "persons_by_age_and_sex" not in response.content.decode()


@pytest.mark.parametrize("persona", ["worker", "teammate", "clinic_provider"])
def test_others_get_404(request, persona):
    as_other = signed_in(request.getfixturevalue(persona))
    for url in (URL, "/reports/report.csv", "/reports/report.xlsx"):
        assert as_other.get(url).status_code == 404
    assert as_other.post("/reports/agreement/", {"agreed": "yes"}).status_code == 404


def test_only_the_organisations_administrator_decides_the_agreement(analyst, supervisor):
    for user in (analyst, supervisor):
        assert signed_in(user).post("/reports/agreement/", {"agreed": "yes"}).status_code == 404
    assert not StatisticsAgreement.objects.exists()


@pytest.mark.parametrize(
    "query, message",
    [
        ("?start=2026-03-10&end=2026-01-01", "The end of the period comes before its start."),
        ("?start=not-a-date", "Enter a valid date."),
        ("?start=2000-01-01&end=2026-01-01", "Choose a period of ten years or less."),
        ("?end=2030-01-01", ""),
    ],
)
def test_bad_filters_give_a_clear_message_and_no_figures(analyst, query, message):
    for url in (URL, "/reports/report.csv"):
        response = signed_in(analyst).get(url + query)
        assert response.status_code == 200
        page = response.content.decode()
        assert "persons_by_age_and_sex" not in page and "Traceback" not in page
        assert message in page
        assert 'class="errorlist' in page


def page_queries(client, url: str = URL) -> int:
    """Queries of one view of the report page, once the session and roles are loaded."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_cases(analyst, worker, supervisor):
    as_analyst = signed_in(analyst)
    as_analyst.get(URL)  # the session and the user's roles, once

    def queries() -> int:
        return page_queries(as_analyst)

    register(worker, supervisor, 2, gender="Feminine", born=date(1990, 1, 1), nationality="VN")
    few = queries()
    register(worker, supervisor, 12, gender="Masculine", born=date(1970, 1, 1), nationality="KH", start=10)
    assert queries() == few


def test_the_categories_follow_the_person_and_refresh_takes_many(case, worker):
    stats = CaseStatistics.objects.get(case=case)
    assert (stats.sex, stats.age_band, stats.nationality, stats.child) == ("Feminine", "25-34", "VN", False)
    assert stats.opened_month == TODAY.replace(day=1)
    person = case.person
    person.nationalities = ["th", "VN"]
    person.save()
    assert CaseStatistics.objects.get(case=case).nationality == "TH"
    CaseStatistics.objects.all().delete()
    refresh([case.pk, 10**9])
    assert CaseStatistics.objects.get(case=case).nationality == "TH"


def test_record_agreement_is_appended(admin):
    actions.record_agreement(actor=admin, agreed=True)
    actions.record_agreement(actor=admin, agreed=False)
    assert list(StatisticsAgreement.objects.values_list("agreed", flat=True)) == [False, True]
    assert StatisticsAgreement.agreeing_organisation_ids() == []


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formulas_are_neutralised(text):
    assert neutralise(text) == "'" + text
    assert neutralise("Viet Nam") == "Viet Nam"


def test_the_api_refuses_others_and_explains_a_bad_period(client, worker, analyst):
    _token, secret = ApiToken.issue(worker)
    assert client.get("/api/v1/reports", headers={"Authorization": f"Bearer {secret}"}).status_code == 404
    _token, secret = ApiToken.issue(analyst)
    headers = {"Authorization": f"Bearer {secret}"}
    response = client.get("/api/v1/reports?start=2026-03-10&end=2026-01-01", headers=headers)
    assert response.status_code == 422
    assert response.json()["fields"]["end"] == ["The end of the period comes before its start."]
    assert client.get("/api/v1/reports?organisation=network", headers=headers).status_code == 404
    assert client.get("/api/v1/reports", headers=headers).json()["min_cell"] == 10


@given(
    start=st.one_of(st.dates().map(str), st.text(max_size=30)),
    end=st.one_of(st.dates().map(str), st.text(max_size=30)),
    organisation=st.one_of(st.just(""), st.just("network"), st.text(max_size=12)),
)
@settings(deadline=None, max_examples=25, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_filter_input_gives_a_page_not_an_error(analyst, start, end, organisation):
    response = signed_in(analyst).get(URL, {"start": start, "end": end, "organisation": organisation})
    assert response.status_code in (200, 404)
    assert "Traceback" not in response.content.decode()
