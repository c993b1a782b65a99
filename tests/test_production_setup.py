"""The production setup of docs/operations.md, brought up by scripts/production.sh on loopback as
an operator would: PostgreSQL, gunicorn, and nginx in front ending TLS. Through the proxy: the
database health check answers, plain HTTP is sent to HTTPS, pages carry HSTS, secure cookies and
no-store, and the application sees the client's own address, not one a client forged in
X-Forwarded-For (so the sign-in lockout and the access log count the right person)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess

import pytest
import requests

from tests.processes import POSTGRES_BIN, ROOT, SETUP, manage

pytestmark = [
    pytest.mark.skipif(
        bool(os.environ.get("TEST_DATABASE_URL")), reason="runs once, in the SQLite pass, with its own database"
    ),
    pytest.mark.skipif(not POSTGRES_BIN, reason="PostgreSQL is not installed (make test installs it)"),
    pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (make test installs it)"),
]

PG_PORT = "54396"
LAST_API_ADDRESS = """
from reintegra.audit.models import AuditRecord
print(AuditRecord.objects.filter(channel="api").latest("sequence").ip)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def script(action: str, run_dir: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["scripts/production.sh", action, run_dir], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_production_setup_comes_up_behind_its_proxy(tmp_path):
    started = subprocess.run(
        ["scripts/pg_test_server.sh", "start", PG_PORT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert started.returncode == 0, started.stderr
    database_url = started.stdout.strip().splitlines()[-1]
    https, http = free_port(), free_port()
    # Nothing of the test run's own settings or keys: the script makes its own.
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/root"),
        "LANG": "C.UTF-8",
        "DATABASE_URL": database_url,
        "HTTPS_PORT": str(https),
        "HTTP_PORT": str(http),
        "APP_PORT": str(free_port()),
        "WORKERS": "2",
    }
    run_dir = str(tmp_path / "installation")
    try:
        up = script("up", run_dir, env)
        assert up.returncode == 0, up.stdout[-2000:] + up.stderr[-2000:]
        settings = dict(line.split("=", 1) for line in (tmp_path / "installation" / "env").read_text().split())
        assert settings["DEBUG"] == "0" and settings["REINTEGRA_DEMO_MODE"] == "0"
        assert oct((tmp_path / "installation" / "keys").stat().st_mode & 0o777) == "0o600"
        site = f"https://127.0.0.1:{https}"
        web = requests.Session()
        # Trust the installation's own certificate; without trust_env=False a CA bundle named in
        # the environment would take its place.
        web.trust_env = False
        web.verify = str(tmp_path / "installation" / "tls" / "cert.pem")

        health = web.get(f"{site}/health/database/", timeout=10)
        assert health.status_code == 200
        plain = web.get(f"http://127.0.0.1:{http}/accounts/login/", allow_redirects=False, timeout=10)
        assert plain.status_code == 301 and plain.headers["Location"].startswith(f"{site}/accounts/login/")
        login = web.get(f"{site}/accounts/login/", timeout=10)
        assert login.status_code == 200
        assert login.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "no-store" in login.headers["Cache-Control"]
        assert all(cookie.secure for cookie in web.cookies)

        # A worker's token, made with the installation's own settings and keys.
        installation = {**env, **settings, "REINTEGRA_SKIP_DOTENV": "1"}
        made = manage(installation, "shell", "-c", SETUP)
        assert made.returncode == 0, made.stderr[-2000:]
        token = made.stdout.strip().splitlines()[-1]
        forged = {"Authorization": f"Bearer {token}", "X-Forwarded-For": "203.0.113.7"}
        registered = web.post(
            f"{site}/api/v1/cases",
            headers=forged,
            json={"person": {"given_name": "Proxy", "family_name": "Probe"}, "confirm_new_person": True},
            timeout=10,
        )
        assert registered.status_code == 201, registered.text
        cases = web.get(f"{site}/api/v1/cases", headers=forged, timeout=10)
        assert cases.status_code == 200 and "no-store" in cases.headers["Cache-Control"]
        recorded = manage(installation, "shell", "-c", LAST_API_ADDRESS)
        assert recorded.stdout.strip().splitlines()[-1] == "127.0.0.1", recorded.stderr[-2000:]

        # Running it again keeps the keys and settings (new keys would lock the data away).
        keys_before = (tmp_path / "installation" / "keys").read_text()
        again = script("up", run_dir, env)
        assert again.returncode == 0, again.stderr[-2000:]
        assert (tmp_path / "installation" / "keys").read_text() == keys_before
        assert web.get(f"{site}/health/database/", timeout=10).status_code == 200
    finally:
        script("down", run_dir, env)
        subprocess.run(["scripts/pg_test_server.sh", "stop", PG_PORT], cwd=ROOT, capture_output=True, timeout=120)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{http}/", timeout=5)
