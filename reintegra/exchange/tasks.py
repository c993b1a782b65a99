"""Background jobs of the bulk import, on django-tasks' database backend: checking a file and
importing it take longer than a request may, so the page polls the batch for progress."""

from __future__ import annotations

from django_tasks import task

from reintegra.exchange import actions


@task()
def check_records_file(batch_id: int) -> str:
    return actions.check_import(batch_id=batch_id).status


@task()
def import_records_file(batch_id: int) -> str:
    return actions.run_import(batch_id=batch_id).status
