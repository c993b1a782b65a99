"""A backup restored on a machine that has nothing: the database comes back, the keys come back
with it, the names read back and the audit chain verifies. A wrong key, an altered byte and a
cut-short file are refused before anything is written. Run as an operator would, with manage.py
in processes of their own, on SQLite and, where it is installed, PostgreSQL."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.processes import POSTGRES_BIN, ROOT, environment, manage, prepare

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")), reason="runs once, in the SQLite pass, with its own databases"
)

NAME = "Ngọc Ánh Backup-Probe"
RECORD = f"""
from reintegra.accounts.models import User
from reintegra.cases import actions
worker = User.objects.get(username="drill.worker")
actions.register_person_with_case(actor=worker, person=actions.PersonDetails(given_name="{NAME}"), case=actions.CaseDetails())
"""
READ = """
from reintegra.cases.models import Person
print("|".join(sorted(p.given_name for p in Person.objects.all())))
"""
KEY_NAMES = ("REINTEGRA_DATA_KEYS", "REINTEGRA_INDEX_KEY", "REINTEGRA_AUDIT_KEY")


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode != 0
    assert words in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def databases(tmp_path, backend: str):
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'original.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}", None
    port = "54398"
    started = subprocess.run(
        ["scripts/pg_test_server.sh", "start", port], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert started.returncode == 0, started.stderr
    original = started.stdout.strip().splitlines()[-1]
    created = subprocess.run(
        [str(POSTGRES_BIN[-1] / "createdb"), "-h", "127.0.0.1", "-p", port, "-U", "reintegra", "restored"],
        capture_output=True,
        text=True,
    )
    assert created.returncode == 0, created.stderr
    return original, original.rsplit("/", 1)[0] + "/restored", port


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_backup_comes_back_whole_on_a_machine_without_the_keys(tmp_path, backend):
    if backend == "postgresql" and not POSTGRES_BIN:
        pytest.skip("PostgreSQL is not installed (make test installs it)")
    original_url, restored_url, port = databases(tmp_path, backend)
    try:
        original = environment(original_url)
        prepare(original)
        ok(manage(original, "shell", "-c", RECORD))
        pair = dict(line.split("=", 1) for line in ok(manage(original, "generate_backup_keypair")).split())
        secret_file = tmp_path / "backup-secret"
        secret_file.write_text(pair["REINTEGRA_BACKUP_SECRET_KEY"])
        backup = tmp_path / "nightly.backup"

        refused(manage(original, "backup", str(backup)), "REINTEGRA_BACKUP_PUBLIC_KEY is not set")
        original["REINTEGRA_BACKUP_PUBLIC_KEY"] = pair["REINTEGRA_BACKUP_PUBLIC_KEY"]
        ok(manage(original, "backup", str(backup)))
        assert oct(backup.stat().st_mode & 0o777) == "0o600"
        sealed = backup.read_bytes()
        # Neither the keys nor a name can be read from the file.
        assert not any(original[name].split(":")[-1].encode() in sealed for name in KEY_NAMES)
        assert NAME.encode() not in sealed and b"Backup-Probe" not in sealed
        refused(manage(original, "backup", str(backup)), "never overwritten")

        # The new machine has the application and the backup secret key, nothing else.
        bare = {key: value for key, value in environment(restored_url).items() if key not in KEY_NAMES}
        keys_file = tmp_path / "restored-keys.env"
        other_secret = tmp_path / "other-secret"
        other_secret.write_text(
            dict(line.split("=", 1) for line in ok(manage(original, "generate_backup_keypair")).split())[
                "REINTEGRA_BACKUP_SECRET_KEY"
            ]
        )
        restore = ("restore", "--keys-out", str(keys_file))
        refused(
            manage(bare, *restore, str(backup), "--secret-key-file", str(other_secret)), "not made for this secret key"
        )
        damaged = tmp_path / "damaged.backup"
        damaged.write_bytes(sealed[:-1000] + bytes([sealed[-1000] ^ 1]) + sealed[-999:])
        refused(manage(bare, *restore, str(damaged), "--secret-key-file", str(secret_file)), "altered or damaged")
        cut = tmp_path / "cut.backup"
        cut.write_bytes(sealed[: len(sealed) // 2])
        refused(manage(bare, *restore, str(cut), "--secret-key-file", str(secret_file)), "nothing was restored")
        assert not keys_file.exists()

        ok(manage(bare, *restore, str(backup), "--secret-key-file", str(secret_file)))
        assert oct(keys_file.stat().st_mode & 0o777) == "0o600"
        restored = {**bare, "REINTEGRA_KEY_FILE": str(keys_file)}
        assert NAME in ok(manage(restored, "shell", "-c", READ))
        assert "intact" in ok(manage(restored, "verify_audit_log"))
        refused(
            manage(
                bare,
                *restore[:1],
                str(backup),
                "--secret-key-file",
                str(secret_file),
                "--keys-out",
                str(tmp_path / "again.env"),
            ),
            "not empty",
        )
    finally:
        if port:
            subprocess.run(["scripts/pg_test_server.sh", "stop", port], cwd=ROOT, capture_output=True, timeout=120)


def test_a_data_key_rotated_as_an_operator_would_and_the_backup_after_it(tmp_path):
    """A new data key first in the list, rotate, check, drop the old key: the records read back
    under the new key alone, the old key alone opens nothing, and a backup taken afterwards
    restores with the new key."""
    env = environment(f"sqlite:///{tmp_path / 'rotated.sqlite3'}")
    prepare(env)
    ok(manage(env, "shell", "-c", RECORD))
    old_keys = env["REINTEGRA_DATA_KEYS"]
    generated = dict(line.split("=", 1) for line in ok(manage(env, "generate_keys")).split())
    new_key = generated["REINTEGRA_DATA_KEYS"]

    both = {**env, "REINTEGRA_DATA_KEYS": f"{new_key},{old_keys}"}
    assert not ok(manage(both, "rotate_data_key", "--check")).startswith("0 values")
    ok(manage(both, "rotate_data_key"))
    assert ok(manage(both, "rotate_data_key", "--check")).startswith("0 values")

    new_only = {**env, "REINTEGRA_DATA_KEYS": new_key}
    assert NAME in ok(manage(new_only, "shell", "-c", READ))
    assert "intact" in ok(manage(new_only, "verify_audit_log"))
    old_only = manage(env, "shell", "-c", READ)
    assert old_only.returncode != 0 and NAME not in old_only.stdout

    pair = dict(line.split("=", 1) for line in ok(manage(env, "generate_backup_keypair")).split())
    (tmp_path / "secret").write_text(pair["REINTEGRA_BACKUP_SECRET_KEY"])
    backup = tmp_path / "after-rotation.backup"
    ok(manage({**new_only, "REINTEGRA_BACKUP_PUBLIC_KEY": pair["REINTEGRA_BACKUP_PUBLIC_KEY"]}, "backup", str(backup)))
    bare = {
        key: value
        for key, value in environment(f"sqlite:///{tmp_path / 'restored.sqlite3'}").items()
        if key not in KEY_NAMES
    }
    keys_file = tmp_path / "keys.env"
    restore = ("restore", str(backup), "--secret-key-file", str(tmp_path / "secret"), "--keys-out", str(keys_file))
    ok(manage(bare, *restore))
    assert new_key in keys_file.read_text() and old_keys not in keys_file.read_text()
    assert NAME in ok(manage({**bare, "REINTEGRA_KEY_FILE": str(keys_file)}, "shell", "-c", READ))
