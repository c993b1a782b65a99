"""The production setup of docs/operations.md, brought up by scripts/production.sh on loopback as
an operator would: PostgreSQL, gunicorn, nginx in front ending TLS, and mail through an SMTP
server (a local sink here). Through the proxy: the database health check answers, plain HTTP is
sent to HTTPS, pages carry HSTS, secure cookies and no-store, the application sees the client's
own address, not one a client forged in X-Forwarded-For (so the sign-in lockout and the access
log count the right person), and a password reset mails a link to the HTTPS address."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from email import message_from_bytes

import pytest
import requests
from aiosmtpd.controller import Controller

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


class MailSink:
    """An SMTP server on loopback that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(envelope.content)
        return "250 Message accepted"


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
    sink = MailSink()
    smtp = Controller(sink, hostname="127.0.0.1", port=free_port())
    smtp.start()
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
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "0",  # the sink is on this machine
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
        # The task worker that runs the reminder job is up beside the application.
        worker_pid = int((tmp_path / "installation" / "worker.pid").read_text())
        os.kill(worker_pid, 0)
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

        # A password reset, asked through the proxy, is mailed with a link to the HTTPS address.
        with_email = 'User.objects.filter(username="drill.worker").update(email="drill@example.org")'
        assert (
            manage(installation, "shell", "-c", f"from reintegra.accounts.models import User; {with_email}").returncode
            == 0
        )
        reset = f"{site}/accounts/password/reset/"
        web.get(reset, timeout=10)
        asked = web.post(
            reset,
            {"email": "drill@example.org", "csrfmiddlewaretoken": web.cookies["csrftoken"]},
            headers={"Referer": reset},
            timeout=10,
        )
        assert asked.status_code == 200, asked.status_code
        for _ in range(100):
            if sink.messages:
                break
            time.sleep(0.1)
        (mail,) = [message_from_bytes(raw) for raw in sink.messages]
        assert mail["To"] == "drill@example.org"
        assert f"{site}/accounts/password/reset/key/" in mail.get_payload(decode=True).decode()

        # Running it again keeps the keys and settings (new keys would lock the data away).
        keys_before = (tmp_path / "installation" / "keys").read_text()
        again = script("up", run_dir, env)
        assert again.returncode == 0, again.stderr[-2000:]
        assert (tmp_path / "installation" / "keys").read_text() == keys_before
        assert web.get(f"{site}/health/database/", timeout=10).status_code == 200
    finally:
        smtp.stop()
        script("down", run_dir, env)
        subprocess.run(["scripts/pg_test_server.sh", "stop", PG_PORT], cwd=ROOT, capture_output=True, timeout=120)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{http}/", timeout=5)
