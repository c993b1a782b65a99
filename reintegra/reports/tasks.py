"""Background jobs of the reports, on django-tasks' database backend: a printable report takes
longer to build and lay out than a request may, so its page polls the run for progress."""

from __future__ import annotations

from django_tasks import task

from reintegra.reports import actions


@task()
def build_report_pdf(run_id: str) -> str:
    return actions.build_pdf(run_id=run_id).status
