"""Loaded by pytest before Django (see addopts in pyproject.toml): gives every test run its own
fresh keys, its own database and the real second-factor rules, whatever a developer's .env says.

PostgreSQL runs use TEST_DATABASE_URL (set by `make test`, which starts a throwaway server).
"""

import os
from pathlib import Path

from reintegra.core.keys import new_key, new_key_id

ROOT = Path(__file__).resolve().parent.parent.parent

os.environ["REINTEGRA_SKIP_DOTENV"] = "1"
os.environ["SECRET_KEY"] = "test-" + new_key()
os.environ["REINTEGRA_DATA_KEYS"] = f"{new_key_id()}:{new_key()}"
os.environ["REINTEGRA_INDEX_KEY"] = new_key()
os.environ["REINTEGRA_AUDIT_KEY"] = new_key()
os.environ["REINTEGRA_DEMO_MODE"] = "0"
os.environ["REINTEGRA_KEY_FILE"] = ""
os.environ["DEBUG"] = "0"
# Production settings otherwise, but the test client and the browser tests' live server speak
# plain HTTP: redirecting them to HTTPS would test nothing.
os.environ["SECURE_SSL_REDIRECT"] = "0"
# Tests walk every URL as an anonymous visitor from one address, far beyond a person's pace; the
# limit on public pages is tested on its own (core/tests/test_public_rate_limit.py).
os.environ["REINTEGRA_PUBLIC_PAGES_PER_MINUTE"] = "100000"
# Informational records too, as production might log them: tests/test_logs.py reads them all.
os.environ["LOG_LEVEL"] = "INFO"
os.environ["LOG_FORMAT"] = "json"
# One SQLite file per run, so two runs in one checkout never share (and corrupt) a database.
os.environ["DATABASE_URL"] = (
    os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'test' / f'db-{os.getpid()}.sqlite3'}"
)
(ROOT / "var" / "test").mkdir(parents=True, exist_ok=True)
