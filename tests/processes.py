"""Helpers for tests that run the application as separate processes (gunicorn, manage.py) on a
database of their own: the failure drills and the backup round trip."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
POSTGRES_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))

SETUP = """
from reintegra.accounts.models import ApiToken, Role, RoleGrant, TokenScope, User
from reintegra.orgs.models import Organisation, OrganisationType
shelter = Organisation.objects.create(name="Drill Shelter", code="drill", org_type=OrganisationType.NGO, country="VN")
user = User.objects.create_user(username="drill.worker", organisation=shelter)
RoleGrant.objects.create(user=user, role=Role.CASE_WORKER)
print(ApiToken.issue(user, scope=TokenScope.READ_WRITE)[1])
"""


def environment(database_url: str) -> dict[str, str]:
    # The test run's own keys and settings (reintegra/testing/pytest_env.py), another database.
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "CRITICAL",
        # The drills send bursts from one token at machine speed.
        "REINTEGRA_API_RATE": "1000000/s",
    }


def manage(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def prepare(env: dict[str, str]) -> str:
    """Migrate the drill's database and return a read-write token of a case worker."""
    for step in (("migrate", "--noinput", "-v", "0"), ("createcachetable",)):
        result = manage(env, *step)
        assert result.returncode == 0, result.stderr[-2000:]
    result = manage(env, "shell", "-c", SETUP)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


class Server:
    """gunicorn with its workers in a process group of their own, so one signal reaches all."""

    def __init__(self, env: dict[str, str], workers: int = 3) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "reintegra.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "critical",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/health/", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.kill()
        raise AssertionError("gunicorn did not start")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)


def call(url: str, token: str, body: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST" if body is not None else "GET",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
