"""Headers and settings that keep case data out of caches and on HTTPS."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import make_user
from reintegra.accounts.models import ApiToken, Role
from reintegra.core.http import client_ip

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_pages_and_api_answers_are_never_stored(as_worker, case, worker):
    for response in (
        as_worker.get(reverse("cases:caseload")),
        as_worker.get(reverse("cases:detail", args=[case.pk])),
        as_worker.get(f"/cases/{case.pk}/does-not-exist/"),
    ):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    _token, secret = ApiToken.issue(worker)
    api = Client().get(f"/api/v1/cases/{case.pk}", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200 and "no-store" in api["Cache-Control"]


def test_the_client_address_is_the_one_the_trusted_proxy_saw(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.REINTEGRA_TRUSTED_PROXIES = 0
    assert client_ip(request) == "10.0.0.1"  # no proxy configured: the header is the client's word only
    settings.REINTEGRA_TRUSTED_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"  # what the proxy appended, not what the client wrote
    settings.REINTEGRA_TRUSTED_PROXIES = 3
    assert client_ip(request) == "10.0.0.1"  # a header shorter than the chain of proxies proves nothing


def test_one_persons_typos_do_not_lock_out_the_office_behind_one_proxy(settings, shelter):
    settings.REINTEGRA_TRUSTED_PROXIES = 1
    make_user("typist", shelter, Role.CASE_WORKER)
    make_user("colleague", shelter, Role.CASE_WORKER)
    office = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    for _ in range(6):
        Client(**office).post(reverse("account_login"), {"login": "typist", "password": "wrong password"})
    typist = Client(**office).post(reverse("account_login"), {"login": "typist", "password": "wrong again"})
    assert "Too many failed login attempts" in typist.content.decode()
    colleague = Client(**office).post(reverse("account_login"), {"login": "colleague", "password": "wrong"})
    assert "Too many failed login attempts" not in colleague.content.decode()


def test_one_address_trying_many_accounts_is_stopped(settings, shelter):
    settings.REINTEGRA_TRUSTED_PROXIES = 1
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for number in range(60):
        Client(**attacker).post(reverse("account_login"), {"login": f"guess{number}", "password": "password1"})
    blocked = Client(**attacker).post(reverse("account_login"), {"login": "guess-next", "password": "password1"})
    assert "Too many failed login attempts" in blocked.content.decode()
    elsewhere = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.5"}
    other = Client(**elsewhere).post(reverse("account_login"), {"login": "guess-next", "password": "password1"})
    assert "Too many failed login attempts" not in other.content.decode()


def test_the_deployment_check_is_clean_with_production_settings(tmp_path):
    """`manage.py check --deploy` as an operator following .env.example for production runs it."""
    production = {
        # Only what an operator sets: not the test run's own switches (the browser tests', say).
        **{name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ},
        **{name: value for name, value in os.environ.items() if name.startswith("REINTEGRA_") and "KEY" in name},
        "REINTEGRA_SKIP_DOTENV": "1",
        "DEBUG": "0",
        "REINTEGRA_DEMO_MODE": "0",
        "SECRET_KEY": "x" * 20 + "A-long-random-production-key-for-this-check-only" + "y" * 10,
        "ALLOWED_HOSTS": "reintegra.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_database_health_check_says_whether_the_database_answers(client, monkeypatch):
    from django.db import OperationalError, connection

    assert client.get("/health/database/").status_code == 200

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)  # Django's connection, as when the server is down
    response = client.get("/health/database/")
    assert response.status_code == 503 and response.content == b"database unavailable"


def test_bodies_larger_than_usual_are_taken_only_where_files_are_uploaded(as_supervisor, supervisor, case):
    large = "x" * 3_000_000
    # An ordinary page and an ordinary API call refuse the body before any view reads it.
    page = as_supervisor.post(reverse("cases:caseload"), {"note": large})
    assert page.status_code == 413 and "nothing was saved" in page.content.decode()
    _token, secret = ApiToken.issue(supervisor)
    headers = {"Authorization": f"Bearer {secret}"}
    api = Client().post(
        f"/api/v1/cases/{case.pk}/notes", {"text": large}, content_type="application/json", headers=headers
    )
    assert api.status_code == 413 and api["Content-Type"].startswith("application/problem+json")
    # The import of case records takes its own, larger limit (its own check then applies).
    upload = as_supervisor.post(
        reverse("exchange:import_records"),
        {"file": SimpleUploadedFile("records.csv", b"prs_FirstName\n" + b"Ana\n" * 750_000)},
    )
    assert upload.status_code != 413
