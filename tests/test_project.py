"""Project-wide guarantees that no single feature test would notice breaking."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command

from reintegra.audit.models import AuditRecord
from reintegra.cases.models import Case, CaseStatusChange, Person, PersonIndexEntry

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_migrations_are_up_to_date():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_admin_never_shows_case_data():
    for model in (Person, Case, CaseStatusChange, PersonIndexEntry, AuditRecord):
        assert not admin.site.is_registered(model), f"{model.__name__} must stay out of the admin"


def test_templates_have_no_inline_script_or_style():
    for template in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("reintegra/*/templates/**/*.html")]:
        text = template.read_text()
        assert "<script>" not in text and "<style" not in text, template
        assert " style=" not in text and " onclick=" not in text, template


@pytest.mark.django_db
def test_strict_content_security_policy(as_worker):
    header = as_worker.get("/cases/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in header and "unsafe-inline" not in header
    assert "frame-ancestors 'none'" in header


@pytest.mark.django_db
def test_errors_show_no_traceback(as_worker, settings):
    assert settings.DEBUG is False
    body = as_worker.get("/no/such/page/").content.decode()
    assert "Traceback" not in body and "Not found" in body


def test_env_example_lists_every_setting_read_from_the_environment():
    settings_source = (ROOT / "reintegra" / "settings.py").read_text()
    example = (ROOT / ".env.example").read_text()
    import re

    names = set(re.findall(r'env(?:_bool|_list)?\("([A-Z_]+)"', settings_source))
    names -= {"LOG_LEVEL", "EMAIL_BACKEND", "DEFAULT_FROM_EMAIL", "SECURE_COOKIES", "SECURE_PROXY_SSL_HEADER"}
    missing = sorted(n for n in names if n not in example)
    assert not missing, f".env.example should document {missing}"


PROTECTED_MODELS = (
    "Person",
    "PersonIndexEntry",
    "Case",
    "CaseStatusChange",
    "CaseTeamMember",
    "AuditRecord",
    "Assessment",
    "Observation",
    "Consent",
    "Plan",
    "Goal",
    "Action",
    "SupportItem",
    "FollowUp",
    "ContactPreference",
    "Contact",
    "Review",
    "Rating",
    "Setback",
    "SupervisionNote",
)


def test_views_and_api_never_query_protected_models_directly():
    """Views and API operations reach case data only through the access modules."""
    import re

    pattern = re.compile(r"\b(" + "|".join(PROTECTED_MODELS) + r")\.objects\b")
    offenders = []
    for path in [*ROOT.glob("reintegra/*/views.py"), *ROOT.glob("reintegra/*/api.py")]:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_health_answers_without_the_database(client):
    response = client.get("/health/")  # no django_db mark: any query would raise
    assert response.status_code == 200 and response.content == b"ok"
    assert "sessionid" not in response.cookies
