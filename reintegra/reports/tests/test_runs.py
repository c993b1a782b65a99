"""The printable report: asked for from the report page, prepared in the background while its
page shows the progress, and fetched as a PDF by the one user who asked, as long as they may
still see those figures."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import IDENTIFIERS, signed_in
from reintegra.accounts.models import RoleGrant
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.reports import actions
from reintegra.reports.models import ReportRun, ReportRunStatus
from reintegra.reports.tests.test_reports import register

QUERY = {"organisation": "", "start": "2025-03-16", "end": "2026-03-15"}


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(date(2026, 3, 15), tick=False):
        yield


@pytest.fixture
def shelter_cases(case, worker, supervisor):
    register(worker, supervisor, 14, gender="Feminine", born=date(1996, 5, 1), nationality="VN")
    register(worker, supervisor, 3, gender="Masculine", born=date(2004, 5, 1), nationality="VN")


def ask(client, user, **changes):
    return client.post(reverse("reports:pdf"), {**QUERY, "organisation": str(user.organisation_id), **changes})


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
def test_the_page_follows_the_run_until_the_file_is_ready(shelter_cases, analyst):
    client = signed_in(analyst)
    response = ask(client, analyst)
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:run", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for its turn" in page and 'hx-trigger="every 2s"' in page
    assert AuditRecord.objects.filter(action=AuditAction.DOWNLOAD_REPORT, actor=analyst).count() == 1
    # Not ready yet: no file to fetch.
    assert client.get(reverse("reports:run_file", args=[run.pk])).status_code == 404

    seen: list[tuple[int, int]] = []
    original = actions.build_report

    def watched(*args, on_section, **kwargs):
        def progress(done: int, total: int) -> None:
            on_section(done, total)
            seen.append((done, total))
            polled = client.get(reverse("reports:run_progress", args=[run.pk]))
            assert f"{done} of {total} sections done" in polled.content.decode()
            assert "HX-Refresh" not in polled

        return original(*args, on_section=progress, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(actions, "build_report", watched)
        actions.build_pdf(run_id=str(run.pk))
    assert seen and seen[-1][0] == seen[-1][1]
    assert client.get(reverse("reports:run_progress", args=[run.pk]))["HX-Refresh"] == "true"

    download = client.get(reverse("reports:run_file", args=[run.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    text = pdf_text(download.content)
    assert "Monitoring report" in text and "Persons assisted" in text
    assert "<10" in text  # the three men
    for value in (v for v in IDENTIFIERS.values() if isinstance(v, str)):
        assert value not in text


@pytest.mark.django_db
def test_only_the_one_who_asked_fetches_it_and_only_while_allowed(shelter_cases, analyst, admin, outsider, worker):
    run = ReportRun.objects.get(pk=ask(signed_in(analyst), analyst)["Location"].rstrip("/").rsplit("/", 1)[1])
    actions.build_pdf(run_id=str(run.pk))
    for other in (admin, outsider, worker):
        client = signed_in(other)
        for name in ("reports:run", "reports:run_progress", "reports:run_file"):
            assert client.get(reverse(name, args=[run.pk])).status_code == 404
    # The analyst's role is taken away: the file they asked for goes with it.
    RoleGrant.objects.filter(user=analyst).delete()
    assert signed_in(analyst).get(reverse("reports:run_file", args=[run.pk])).status_code == 404


@pytest.mark.django_db
def test_bad_filters_queue_nothing_and_say_why(analyst, outsider):
    client = signed_in(analyst)
    response = ask(client, analyst, start="2026-03-10", end="2026-03-01")
    assert response.status_code == 200 and "comes before its start" in response.content.decode()
    # Another organisation's figures: refused like a filter value that does not exist.
    response = ask(client, analyst, organisation=str(outsider.organisation_id))
    assert response.status_code == 200
    assert not ReportRun.objects.exists() and not AuditRecord.objects.filter(action=AuditAction.DOWNLOAD_REPORT)


@pytest.mark.django_db
def test_a_run_that_fails_says_so_and_keeps_no_file(analyst):
    run = ReportRun.objects.get(pk=ask(signed_in(analyst), analyst)["Location"].rstrip("/").rsplit("/", 1)[1])

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(actions, "build_report", broken)
        assert actions.build_pdf(run_id=str(run.pk)).status == ReportRunStatus.FAILED
    page = signed_in(analyst).get(reverse("reports:run", args=[run.pk])).content.decode()
    assert "could not be prepared" in page and "database went away" not in page
    assert signed_in(analyst).get(reverse("reports:run_file", args=[run.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_background_job_prepares_it(shelter_cases, analyst):
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        response = ask(signed_in(analyst), analyst)
    run = ReportRun.objects.get()
    assert run.status == ReportRunStatus.READY and run.sections_done == run.sections_total > 0
    assert signed_in(analyst).get(response["Location"]).content.decode().count("Download the report (PDF)") == 1


@pytest.mark.django_db
def test_the_job_counts_in_the_askers_time_zone_not_the_servers(shelter_cases, analyst):
    """The job runs outside any request, in the server's zone (UTC here); the shelter works in
    Ho Chi Minh City, seven hours ahead. Its days, its "today" and the time printed are the shelter's."""
    response = ask(signed_in(analyst), analyst)
    run = ReportRun.objects.get()
    assert run.time_zone == "Asia/Ho_Chi_Minh"
    zones: list[str] = []
    original = actions.build_report

    def watched(*args, **kwargs):
        zones.append(timezone.get_current_timezone_name())
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(actions, "build_report", watched)
        actions.build_pdf(run_id=str(run.pk))
    assert zones == ["Asia/Ho_Chi_Minh"] and timezone.get_current_timezone_name() == "UTC"
    text = pdf_text(signed_in(analyst).get(reverse("reports:run_file", args=[run.pk])).content)
    # Midnight in UTC, the clock of this test, is seven in the morning in the shelter.
    assert "Prepared on March 15, 2026 at 07:00 (Asia/Ho_Chi_Minh)." in " ".join(text.split())
    assert response.status_code == 302
