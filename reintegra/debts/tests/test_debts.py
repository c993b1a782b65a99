"""Debts as records, through HTTP: recorded, changed with history, totals, and who sees them."""

import json
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.audit.models import AuditRecord
from reintegra.debts.models import Debt, DebtChange

pytestmark = pytest.mark.django_db

NOW = "2026-06-10 03:00Z"  # 10:00 in a UTC+7 office


def add(client, case, **overrides):
    data = {
        "creditor_kind": "money_lender",
        "creditor": "Village lender, Mr Thắng",
        "amount": "45000000",
        "currency": "vnd",
        "since": "2024-03-01",
        "pressure": "threats",
        "note": "Took the loan to pay the recruiter; interest doubles each year.",
    }
    data.update(overrides)
    return client.post(reverse("debts:debts", args=[case.pk]), data)


def change(client, case, debt, **overrides):
    data = {"changed_on": "2026-06-10", "status": "negotiated", "amount": "30000000", "pressure": "none", "note": ""}
    data.update(overrides)
    return client.post(reverse("debts:change", args=[case.pk, debt.pk]), data)


@time_machine.travel(NOW, tick=False)
def test_a_debt_is_recorded_read_back_and_its_changes_kept(as_worker, worker, case):
    assert add(as_worker, case).status_code == 302
    debt = Debt.objects.get()
    assert (debt.amount, debt.currency, debt.status, debt.pressure) == (Decimal("45000000"), "VND", "open", "threats")
    page = as_worker.get(reverse("debts:debts", args=[case.pk])).content.decode()
    for typed in ("Village lender, Mr Thắng", "interest doubles each year", "2024-03-01", "45,000,000 VND"):
        assert typed in page
    assert change(as_worker, case, debt, note="The shelter's lawyer agreed new terms.").status_code == 302
    change(as_worker, case, debt, status="repaid", amount="0", pressure="none")
    debt.refresh_from_db()
    assert (debt.status, debt.amount) == ("repaid", 0)
    history = list(DebtChange.objects.filter(debt=debt).values_list("status", "amount"))
    assert history == [("open", Decimal("45000000")), ("negotiated", Decimal("30000000")), ("repaid", Decimal("0"))]
    page = as_worker.get(reverse("debts:debts", args=[case.pk])).content.decode()
    assert "new terms" in page and "Nothing recorded as owed." in page
    assert AuditRecord.objects.filter(action__in=["record_debt", "change_debt"]).count() == 3


@time_machine.travel(NOW, tick=False)
def test_what_is_still_owed_is_totalled_per_currency(as_worker, case):
    add(as_worker, case, amount="45000000", currency="VND")
    add(as_worker, case, amount="20000000", currency="VND", creditor_kind="family")
    add(as_worker, case, amount="1200", currency="THB", creditor_kind="employer")
    owed = as_worker.get(reverse("debts:debts", args=[case.pk])).content.decode().split('id="still-owed"')[1]
    assert "65,000,000 VND" in owed.split("</ul>")[0] and "1,200.00 THB" in owed.split("</ul>")[0]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "bad",
    [
        {"amount": "0"},
        {"amount": "-5"},
        {"amount": "1" * 17},
        {"amount": "abc"},
        {"currency": "dong"},
        {"currency": "V1D"},
        {"creditor_kind": "loan_shark"},
        {"pressure": "maybe"},
        {"since": "9999-01-01"},
        {"since": "2027-01-01"},
        {"since": "1899-12-31"},
        {"creditor": "x" * 201},
    ],
)
def test_bad_debt_input_is_refused_with_a_message_and_changes_nothing(as_worker, case, bad):
    response = add(as_worker, case, **bad)
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert not Debt.objects.exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "bad",
    [
        {"status": "repaid", "amount": "10"},
        {"amount": "-1"},
        {"changed_on": "2026-06-09"},  # before the history's last entry
        {"changed_on": "2026-06-11"},  # tomorrow
        {"status": "paid"},
    ],
)
def test_a_bad_change_is_refused_and_the_history_stays(as_worker, case, bad):
    add(as_worker, case)
    debt = Debt.objects.get()
    response = as_worker.get(reverse("debts:debts", args=[case.pk]))
    assert response.status_code == 200
    refused = change(as_worker, case, debt, **bad)
    assert refused.status_code == 302
    message = as_worker.get(reverse("debts:debts", args=[case.pk])).content.decode()
    assert '<li class="error">' in message
    assert DebtChange.objects.filter(debt=debt).count() == 1
    debt.refresh_from_db()
    assert debt.status == "open"


@time_machine.travel(NOW, tick=False)
def test_debts_stay_with_the_team(as_worker, as_supervisor, as_teammate, as_manager_elsewhere, as_outsider, case):
    add(as_worker, case)
    debt = Debt.objects.get()
    assert "Village lender" in as_supervisor.get(reverse("debts:debts", args=[case.pk])).content.decode()
    for stranger in (as_teammate, as_manager_elsewhere, as_outsider):
        assert stranger.get(reverse("debts:debts", args=[case.pk])).status_code == 404
        assert change(stranger, case, debt).status_code == 404
        assert add(stranger, case).status_code == 404
    assert Debt.objects.count() == 1 and DebtChange.objects.count() == 1
    # The case page links to the debts only for those who may open them.
    assert (
        reverse("debts:debts", args=[case.pk])
        not in as_manager_elsewhere.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )


@time_machine.travel(NOW, tick=False)
def test_the_debts_page_costs_the_same_for_one_debt_or_ten(as_worker, case):
    add(as_worker, case)
    with CaptureQueriesContext(connection) as one:
        as_worker.get(reverse("debts:debts", args=[case.pk]))
    for _ in range(9):
        add(as_worker, case)
    debt = Debt.objects.first()
    change(as_worker, case, debt)
    with CaptureQueriesContext(connection) as ten:
        as_worker.get(reverse("debts:debts", args=[case.pk]))
    assert len(ten) == len(one)


def test_the_work_and_income_assessment_points_to_the_debts_and_promises_only_what_exists(as_worker, case):
    as_worker.post(reverse("assessments:list", args=[case.pk]), {"assessed_on": "2026-01-10", "reason": "first"})
    page = as_worker.get(reverse("assessments:edit_area", args=[case.pk, 1, "ECO"])).content.decode()
    assert reverse("debts:debts", args=[case.pk]) in page
    assert "debt list" not in page


@time_machine.travel(NOW, tick=False)
def test_the_api_records_and_reads_back_debts_and_refuses_what_the_page_refuses(worker, outsider, case):
    from django.test import Client

    from reintegra.accounts.models import ApiToken

    def call(user, method, path, body=None):
        _token, secret = ApiToken.issue(user)
        return Client().generic(
            method,
            path,
            data=json.dumps(body or {}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )

    base = f"/api/v1/cases/{case.pk}/debts"
    body = {
        "creditor_kind": "recruiter",
        "amount": "1500.50",
        "currency": "usd",
        "pressure": "pressure",
        "note": "For the visa",
    }
    created = call(worker, "POST", base, body)
    assert created.status_code == 201 and created.json()["currency"] == "USD"
    debt_id = created.json()["id"]
    changed = call(
        worker,
        "POST",
        f"{base}/{debt_id}/changes",
        {"changed_on": "2026-06-10", "status": "repaid", "amount": "0", "pressure": "none"},
    )
    assert changed.status_code == 201 and [c["status"] for c in changed.json()["changes"]] == ["open", "repaid"]
    listed = call(worker, "GET", base).json()["items"]
    assert listed[0]["changes"][0]["note"] == "For the visa"
    for bad in ({**body, "amount": "0"}, {**body, "since": "9999-01-01"}, {**body, "currency": "US"}):
        assert call(worker, "POST", base, bad).status_code == 422
    refused = call(
        worker,
        "POST",
        f"{base}/{debt_id}/changes",
        {"changed_on": "2026-06-10", "status": "repaid", "amount": "5", "pressure": "none"},
    )
    assert refused.status_code == 422
    assert call(outsider, "GET", base).status_code == 404
    assert Debt.objects.count() == 1 and DebtChange.objects.count() == 2


@time_machine.travel(NOW, tick=False)
def test_a_debts_history_is_bounded(monkeypatch, as_worker, case):
    monkeypatch.setattr(Debt, "MAX_CHANGES", 2)  # the first entry and one change
    add(as_worker, case)
    debt = Debt.objects.get()
    change(as_worker, case, debt)
    data = {"changed_on": "2026-06-10", "status": "negotiated", "amount": "20000000", "pressure": "none"}
    refused = as_worker.post(reverse("debts:change", args=[case.pk, debt.pk]), data, follow=True)
    assert "the most one debt keeps" in refused.content.decode()
    assert DebtChange.objects.count() == 2
