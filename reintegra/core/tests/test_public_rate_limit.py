"""Visitors who are not signed in are limited per address; signed-in users, the API (limited on
its own) and the health checks are not."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@override_settings(REINTEGRA_PUBLIC_PAGES_PER_MINUTE=5)
def test_an_address_that_asks_too_often_is_told_to_wait(time_machine):
    time_machine.move_to("2026-12-04 09:00:10+07:00", tick=False)  # one clock minute throughout
    visitor = Client(REMOTE_ADDR="203.0.113.7")
    assert [visitor.get("/accounts/login/").status_code for _n in range(5)] == [200] * 5
    refused = visitor.get("/accounts/password/reset/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "50"  # until the minute ends
    assert "Wait a minute" in refused.content.decode()
    # Another address, the health check and the API are not counted with it.
    assert Client(REMOTE_ADDR="203.0.113.8").get("/accounts/login/").status_code == 200
    assert visitor.get("/health/").status_code == 200
    assert visitor.get("/api/v1/cases").status_code == 401


@override_settings(REINTEGRA_PUBLIC_PAGES_PER_MINUTE=5)
def test_signed_in_users_are_not_counted(worker):
    client = signed_in(worker)
    assert all(client.get("/cases/").status_code == 200 for _n in range(8))


@override_settings(REINTEGRA_PUBLIC_PAGES_PER_MINUTE=5)
def test_the_count_ends_with_the_minute(time_machine):
    time_machine.move_to("2026-12-04 09:00:00+07:00", tick=False)
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    for _n in range(5):
        visitor.get("/accounts/login/")
    assert visitor.get("/accounts/login/").status_code == 429
    time_machine.move_to("2026-12-04 09:01:30+07:00", tick=False)
    assert visitor.get("/accounts/login/").status_code == 200
