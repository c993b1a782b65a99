"""Project-wide guarantees that no single feature test would notice breaking."""

import ast
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command

from reintegra.audit.models import AuditRecord
from reintegra.cases.models import Case, CaseStatusChange, Person, PersonIndexEntry
from reintegra.legal.models import StatusStep

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_migrations_are_up_to_date():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_admin_never_shows_case_data():
    for model in (Person, Case, CaseStatusChange, PersonIndexEntry, AuditRecord, StatusStep):
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


# Modules allowed to reach protected models directly, and why. Everything else in reintegra/
# (views, API operations, forms, middleware, template tags...) goes through the access layer.
MAY_QUERY_PROTECTED = {
    "access.py": "the access layer itself",
    "actions.py": "workflows, given records the access layer returned",
    "models.py": "a model's own QuerySet and methods",
    "reintegra/access/scope.py": "the case scope",
    "reintegra/audit/log.py": "writes the audit trail",
    "reintegra/audit/verify.py": "checks the audit chain (a management command's)",
    "reintegra/cases/history.py": "the timeline and access log of a case the access layer returned",
    "reintegra/cases/indexing.py": "blind-index maintenance, called by actions",
    "reintegra/exchange/bulk.py": "the bulk import's check and writing, run by exchange.actions",
    "reintegra/supervision/queries.py": "warning signs over querysets the access layer returned",
    "reintegra/reports/queries.py": "counts and sums for the organisations reports.access allowed; no record leaves",
    "reintegra/reports/statistics.py": "derives the counting categories of cases (signals, bulk paths)",
    "reintegra/reports/extract.py": "the research extract's rows, for the organisations reports.access allowed",
    "reintegra/notifications/due.py": "the reminder job's sources: the system finds what is due, no user reads",
    "reintegra/privacy/holdings.py": "what is held about a person whose case privacy.access returned",
    "reintegra/privacy/export.py": "the subject access document of a person whose case privacy.access returned",
    "reintegra/privacy/anonymise.py": "empties a person's data, for the privacy workflows and the retention job",
    "reintegra/privacy/retention.py": "the retention job: the system finds what is due, no user reads",
    "reintegra/quality/indicators.py": "counts over the user's own organisation's open cases; no record leaves",
    "reintegra/demo/": "builds the fictional demo network and synthetic data",
    "management/commands/": "operators' commands, not reachable from the web",
    "/migrations/": "schema history",
    "/tests/": "tests",
}


def _protected_models() -> tuple[set[str], set[str]]:
    """Names of the models that hold case data, and the reverse relations from a case or a
    person to them."""
    from reintegra.access.scope import RECORD_SECTIONS

    models = {*RECORD_SECTIONS, Person, Case, CaseStatusChange, PersonIndexEntry, AuditRecord}
    reverse = set()
    for model in models:
        for field in model._meta.get_fields():
            if (field.many_to_one or field.one_to_one) and field.concrete and field.related_model in (Case, Person):
                reverse.add(field.remote_field.get_accessor_name())
    return {model.__name__ for model in models}, reverse


def _root_name(node) -> str:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _offences(tree: ast.AST, models: set[str], reverse: set[str]) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = node.value
            if node.attr in {"objects", "_default_manager", "_base_manager"} and _root_name(owner) in models:
                yield node.lineno, f"{_root_name(owner)}.{node.attr}"
            # case.consents, scope.case.contacts, self.person.index_entries ...
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if node.attr in reverse and owner_name in {"case", "person"}:
                yield node.lineno, f"{owner_name}.{node.attr}"
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in {"get_object_or_404", "get_list_or_404"}:
                yield node.lineno, name


def _checked_modules() -> Iterator[Path]:
    for path in sorted(ROOT.glob("reintegra/**/*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if not any(
            relative.endswith(key) or relative.startswith(key) or key in relative for key in MAY_QUERY_PROTECTED
        ):
            yield path


def test_only_the_access_layer_and_workflows_reach_case_data():
    """Parsed, not grepped: managers of protected models, get_object_or_404 and reverse relations
    from a case or a person are only for the modules listed in MAY_QUERY_PROTECTED."""
    models, reverse = _protected_models()
    assert {"consents", "contacts", "family_members", "assessments"} <= reverse
    offenders = []
    checked = 0
    for path in _checked_modules():
        checked += 1
        for line, what in _offences(ast.parse(path.read_text()), models, reverse):
            offenders.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert checked > 40
    assert not offenders, "reach case data through the access layer:\n" + "\n".join(offenders)


def test_the_structural_check_sees_what_it_is_for():
    models, reverse = _protected_models()
    sample = """
def view(request, case_id):
    case = Case.objects.get(pk=case_id)
    consent = get_object_or_404(Consent, pk=1)
    rows = scope.case.contacts.all()
    return case.consents.count()
"""
    found = [what for _line, what in _offences(ast.parse(sample), models, reverse)]
    assert sorted(found) == ["Case.objects", "case.consents", "case.contacts", "get_object_or_404"]


def test_health_answers_without_the_database(client):
    response = client.get("/health/")  # no django_db mark: any query would raise
    assert response.status_code == 200 and response.content == b"ok"
    assert "sessionid" not in response.cookies


def _runtime_imports(tree: ast.Module) -> Iterator[str]:
    """Modules imported outside `if TYPE_CHECKING:` blocks (those are for the type checker)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_core_is_the_ground_floor():
    """core holds what every app uses (encryption, the form kit, normalisation) and imports no
    app, so any app may import it without a cycle."""
    offenders = []
    for path in sorted(ROOT.glob("reintegra/core/**/*.py")):
        if "/tests/" in path.as_posix():
            continue
        for module in _runtime_imports(ast.parse(path.read_text())):
            if module.startswith("reintegra.") and not module.startswith("reintegra.core"):
                offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert not offenders, "\n".join(offenders)
