"""Encrypted backups: the database and the keys that read it, in one file that only the holder of
the backup secret key can open.

The server holds only the backup *public* key (REINTEGRA_BACKUP_PUBLIC_KEY). Each backup gets a
fresh stream key; the file is encrypted with libsodium's secretstream (XChaCha20-Poly1305, every
chunk authenticated in order, the last one marked final, so a truncated or altered file is
refused), and the stream key is sealed to the public key (libsodium's sealed box). Whoever takes
the server cannot read its backups; the secret key is kept offline and needed only to restore.

File layout: MAGIC, the sealed stream key (fixed length), the secretstream header, then chunks,
each preceded by its length as 4 bytes, big-endian. Inside: a tar of `manifest.json`, `keys.env`
(the data, index and audit keys, as a REINTEGRA_KEY_FILE) and the database (`database.sqlite3`,
or `database.pgdump` in pg_dump's custom format).
"""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone
from nacl import bindings
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from reintegra.core.keys import KEY_NAMES, decode_key, keyring, raw_values

MAGIC = b"REINTEGRA-BACKUP-1\n"
CHUNK = 64 * 1024
SEALED_KEY_LENGTH = bindings.crypto_secretstream_xchacha20poly1305_KEYBYTES + bindings.crypto_box_SEALBYTES
HEADER_LENGTH = bindings.crypto_secretstream_xchacha20poly1305_HEADERBYTES
FINAL = bindings.crypto_secretstream_xchacha20poly1305_TAG_FINAL
MESSAGE = bindings.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE


class BackupError(Exception):
    """A backup or restore that cannot go on, said in words an operator can act on."""


def new_keypair() -> tuple[str, str]:
    """(public, secret), each base64."""
    secret = PrivateKey.generate()
    return _b64(bytes(secret.public_key)), _b64(bytes(secret))


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# --- writing -----------------------------------------------------------------------------------


def write_backup(output: IO[bytes], public_key: str) -> dict[str, Any]:
    """Write an encrypted backup of the configured database and keys to `output`. Returns the
    manifest (what was backed up)."""
    recipient = PublicKey(decode_key("REINTEGRA_BACKUP_PUBLIC_KEY", public_key, BackupError))
    try:
        keyring()  # the keys are there and sound: a backup without them is unreadable
    except ImproperlyConfigured as exc:
        raise BackupError(str(exc)) from exc
    keys = raw_values()
    with tempfile.TemporaryDirectory(prefix="reintegra-backup-") as work:
        workdir = Path(work)
        database_file = _dump_database(workdir)
        manifest = {
            "format": 1,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database_file": database_file.name,
            "migrations": _applied_migrations(),
        }
        archive = workdir / "backup.tar"
        with tarfile.open(archive, "w") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
            _add_bytes(tar, "keys.env", "".join(f"{name}={keys[name]}\n" for name in KEY_NAMES).encode())
            tar.add(database_file, arcname=database_file.name)
        stream_key = bindings.crypto_secretstream_xchacha20poly1305_keygen()
        state = bindings.crypto_secretstream_xchacha20poly1305_state()
        header = bindings.crypto_secretstream_xchacha20poly1305_init_push(state, stream_key)
        output.write(MAGIC + SealedBox(recipient).encrypt(stream_key) + header)
        with archive.open("rb") as plain:
            for chunk, last in _chunks(plain):
                sealed = bindings.crypto_secretstream_xchacha20poly1305_push(
                    state, chunk, tag=FINAL if last else MESSAGE
                )
                output.write(len(sealed).to_bytes(4, "big") + sealed)
    return manifest


def _chunks(plain: IO[bytes]) -> Iterator[tuple[bytes, bool]]:
    current = plain.read(CHUNK)
    while True:
        following = plain.read(CHUNK)
        yield current, not following
        if not following:
            return
        current = following


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _applied_migrations() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations")
        return int(cursor.fetchone()[0])


def _dump_database(workdir: Path) -> Path:
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        target = workdir / "database.sqlite3"
        # SQLite's online backup: a consistent copy even while the server writes.
        source = sqlite3.connect(database["NAME"])
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target
    if connection.vendor == "postgresql":
        target = workdir / "database.pgdump"
        _run(_pg_command("pg_dump", database, "--format=custom", "--no-owner", f"--file={target}"), database)
        return target
    raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def _pg_command(tool: str, database: dict[str, Any], *arguments: str) -> list[str]:
    found = shutil.which(tool) or next(
        (str(path) for path in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"), reverse=True)), None
    )
    if found is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    connection_options = [f"--dbname={database['NAME']}"]
    if database.get("HOST"):
        connection_options.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        connection_options.append(f"--port={database['PORT']}")
    if database.get("USER"):
        connection_options.append(f"--username={database['USER']}")
    return [found, *connection_options, *arguments]


def _run(command: list[str], database: dict[str, Any]) -> None:
    env = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-500:]}")


# --- reading -----------------------------------------------------------------------------------


def read_backup(source: IO[bytes], secret_key: str, into: Path) -> dict[str, Any]:
    """Decrypt a backup into the directory `into` (the tar's members). Returns its manifest.
    Refuses a wrong key, an altered byte and a truncated file, before anything is extracted."""
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("This is not a Reintegra backup file.")
    private = PrivateKey(decode_key("backup secret key", secret_key, BackupError))
    try:
        stream_key = SealedBox(private).decrypt(source.read(SEALED_KEY_LENGTH))
    except CryptoError as exc:
        raise BackupError("This backup was not made for this secret key.") from exc
    state = bindings.crypto_secretstream_xchacha20poly1305_state()
    bindings.crypto_secretstream_xchacha20poly1305_init_pull(state, source.read(HEADER_LENGTH), stream_key)
    archive = into / "backup.tar"
    finished = False
    with archive.open("wb") as plain:
        while True:
            length = source.read(4)
            if not length:
                break
            sealed = source.read(int.from_bytes(length, "big"))
            if finished:
                raise BackupError("The backup file goes on after its end: it was altered.")
            try:
                chunk, tag = bindings.crypto_secretstream_xchacha20poly1305_pull(state, sealed)
            except (CryptoError, ValueError) as exc:
                raise BackupError("The backup file was altered or damaged: nothing was restored.") from exc
            plain.write(chunk)
            finished = tag == FINAL
    if not finished:
        raise BackupError("The backup file is incomplete (cut short): nothing was restored.")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        expected = {"manifest.json", "keys.env"}
        if not expected <= names or len(names) != 3:
            raise BackupError("The backup holds unexpected files.")
        tar.extractall(into, filter="data")
    archive.unlink()
    return json.loads((into / "manifest.json").read_text())


def restore_database(manifest: dict[str, Any], unpacked: Path, *, replace: bool) -> None:
    """Load the unpacked database into the configured one, which must be empty unless
    `replace` is given."""
    database = settings.DATABASES["default"]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['vendor']} database; this installation uses {connection.vendor}."
        )
    if not replace and connection.introspection.table_names():
        raise BackupError("The configured database is not empty. Restore into an empty one, or pass --replace.")
    dump = unpacked / manifest["database_file"]
    if connection.vendor == "sqlite":
        connection.close()
        restored = sqlite3.connect(dump)
        target = sqlite3.connect(database["NAME"])
        try:
            restored.backup(target)
        finally:
            target.close()
            restored.close()
        return
    connection.close()
    _run(
        _pg_command("pg_restore", database, "--clean", "--if-exists", "--no-owner", "--single-transaction", str(dump)),
        database,
    )
