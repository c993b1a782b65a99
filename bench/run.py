"""Reintegra's benchmark: build a synthetic database, serve it with gunicorn on loopback, load
it with wrk at several concurrencies as signed-in users, and report throughput and latency.

    .venv/bin/python bench/run.py --sizes 10000 100000 --backends sqlite postgresql

Prints a table and writes var/bench/latest.json (shape in docs/performance.md). Figures are
measurements of this machine at this moment, never assertions: nothing here fails on speed.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
LUA = Path(__file__).resolve().parent / "wrk_session.lua"
PG_PORT = 54339


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # may hold {case_id}
    user: str = "worker"  # whose sessions: worker, manager, or "" for none
    method: str = "GET"
    body: str = ""  # may hold {case_number}; {token} is filled per session by the wrk script
    api: bool = False


PAGES = (
    Page("hello", "/health/", user=""),
    Page("caseload", "/cases/"),
    Page("case_page", "/cases/{case_id}/"),
    Page("search", "/cases/search/", method="POST", body="csrfmiddlewaretoken={token}&kind=number&value={case_number}"),
    Page("supervision", "/cases/supervision/", user="manager"),
    Page("outcome_chart", "/cases/{case_id}/outcomes/"),
    # Every area's services are weighed when an area is asked for: the page's dearest form.
    Page("matching", "/directory/for-case/{case_id}/?area=MED&district=District+3"),
    Page("directory", "/directory/?area=ECO"),
    # The synthetic clinic's service provider: referrals waiting, in service and ended.
    Page("inbox", "/referrals/", user="provider"),
    Page("api_cases", "/api/v1/cases", user="", api=True),
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(command: list[str], env: dict[str, str], **kwargs: Any) -> str:
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def base_env() -> dict[str, str]:
    """A self-contained environment: fresh keys, demo mode (so the load's users sign in with a
    password only; the second factor is not what is measured), and no developer .env."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REINTEGRA_", "DATABASE_URL"))}
    env.update(REINTEGRA_SKIP_DOTENV="1", REINTEGRA_DEMO_MODE="1", SECRET_KEY=secrets.token_urlsafe(40))
    env.update(SECURE_COOKIES="0", DEBUG="0", LOG_LEVEL="ERROR", PYTHONHASHSEED="0")
    # The load comes from a handful of tokens at machine speed: the per-token limit would answer 429.
    env.update(REINTEGRA_API_RATE="1000000/s")
    keys = run([PYTHON, "manage.py", "generate_keys"], {**env, "SECRET_KEY": "x"})
    for line in keys.splitlines():
        name, _sep, value = line.partition("=")
        if name.startswith("REINTEGRA_") and value:
            env[name] = value
    return env


class Database:
    def __init__(self, backend: str, size: int) -> None:
        self.backend, self.size = backend, size

    def url(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{OUT_DIR / f'bench-{self.size}.sqlite3'}"
        return f"postgres://reintegra@127.0.0.1:{PG_PORT}/bench_{self.size}"

    def create(self) -> None:
        if self.backend == "sqlite":
            for path in OUT_DIR.glob(f"bench-{self.size}.sqlite3*"):
                path.unlink()
        else:
            subprocess.run([*pg_client("dropdb"), "--if-exists", f"bench_{self.size}"], check=True, capture_output=True)
            subprocess.run([*pg_client("createdb"), f"bench_{self.size}"], check=True, capture_output=True)


def pg_client(tool: str) -> list[str]:
    return [tool, "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "reintegra"]


def free_port() -> int:
    """A port nobody listens on: a fresh one per run, since an earlier server may still be
    shutting down, or another program may hold a fixed one."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """gunicorn on loopback, as in production: several worker processes, no debug."""

    def __init__(self, env: dict[str, str], port: int, workers: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        command = [
            str(Path(PYTHON).parent / "gunicorn"),
            "reintegra.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "error",
        ]
        self.process = subprocess.Popen(command, env=env, cwd=ROOT)
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()  # never leave a server behind, whatever went wrong
            raise

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited while starting")
            try:
                with urllib.request.urlopen(self.url + "/health/", timeout=2):
                    return
            except OSError:  # refused, reset or timed out while the workers boot
                time.sleep(0.3)
        raise SystemExit("gunicorn did not start within a minute")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def sign_in(base: str, username: str, password: str) -> tuple[str, str]:
    """A real sign-in through the login form. Returns the Cookie header and the CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/accounts/login/", timeout=30).read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode({"login": username, "password": password, "csrfmiddlewaretoken": csrf}).encode()
    opener.open(urllib.request.Request(base + "/accounts/login/", data=form), timeout=30).read()
    cookies = {c.name: c.value or "" for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"Signing in as {username} failed.")
    return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}", cookies["csrftoken"]


def wrk(url: str, *, concurrency: int, seconds: int, env: dict[str, str]) -> dict[str, float]:
    threads = min(concurrency, 4)
    command = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA), url]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    summary = json.loads(output.strip().splitlines()[-1])
    summary["rps"] = round(summary["requests"] / summary["seconds"], 1) if summary["seconds"] else 0.0
    return summary


def measure_backend(
    backend: str, size: int, *, args: argparse.Namespace, env: dict[str, str], password: str
) -> dict[str, Any]:
    database = Database(backend, size)
    database.create()
    env = {**env, "DATABASE_URL": database.url()}
    log(f"[{backend} {size}] migrating")
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run([PYTHON, "manage.py", "createcachetable"], env)
    log(f"[{backend} {size}] generating {size} cases")
    started = time.perf_counter()
    run([PYTHON, "manage.py", "generate_synthetic", "--cases", str(size), "--seed", "1"], env)
    generate_seconds = time.perf_counter() - started
    info = json.loads(run([PYTHON, "bench/prepare.py", "users", password], env))
    # A live database has statistics (autovacuum gathers them); one filled a minute ago may not
    # have them yet, and the planner would then choose plans no real installation would.
    run([PYTHON, "bench/prepare.py", "analyze"], env)
    server = Server(env, free_port(), args.workers)
    pages: dict[str, dict[str, dict[str, float]]] = {}
    try:
        sessions = {
            role: [sign_in(server.url, info[role], password) for _n in range(4)]
            for role in ("worker", "manager", "provider")
        }
        for page in PAGES:
            url = server.url + page.path.format(**info)
            load_env = dict(os.environ, BENCH_METHOD=page.method)
            if page.user:
                load_env["BENCH_COOKIES"] = "|".join(cookie for cookie, _token in sessions[page.user])
                load_env["BENCH_TOKENS"] = "|".join(token for _cookie, token in sessions[page.user])
            if page.body:
                load_env["BENCH_BODY"] = page.body.replace("{case_number}", info["case_number"])
            if page.api:
                load_env["BENCH_HEADER"] = f"Authorization: Bearer {info['token']}"
            pages[page.name] = {}
            # Warm every worker process up first (imports, templates, connections), unrecorded.
            wrk(url, concurrency=2 * args.workers, seconds=2, env=load_env)
            for concurrency in args.concurrency:
                log(f"[{backend} {size}] {page.name} c{concurrency}")
                pages[page.name][f"c{concurrency}"] = wrk(
                    url, concurrency=concurrency, seconds=args.seconds, env=load_env
                )
    finally:
        server.stop()
    for levels in pages.values():
        for level, figures in levels.items():
            hello = pages["hello"][level]["rps"]
            figures["rps_ratio_to_hello"] = round(figures["rps"] / hello, 3) if hello else 0.0
    measured = json.loads(run([PYTHON, "bench/prepare.py", "measure"], env))
    # Before the import, which adds an organisation the report does not count.
    log(f"[{backend} {size}] monitoring report against hand-written SQL")
    report = json.loads(run([PYTHON, "bench/report.py"], env))
    exchange = measure_exchange(backend, size, env)
    return {
        "pages": pages,
        "report": report,
        **exchange,
        "generate_synthetic": {"cases_per_second": round(size / generate_seconds, 1)},
        **measured,
    }


def measure_exchange(backend: str, size: int, env: dict[str, str]) -> dict[str, Any]:
    """The HTCDS export, of a tenth of the cases and of all (each in its own process, so that
    each peak is its own), then the full file imported into an empty organisation."""
    path = str(ROOT / "var" / "bench" / f"htcds-{backend}-{size}.csv")
    log(f"[{backend} {size}] HTCDS export")
    tenth = json.loads(run([PYTHON, "bench/exchange.py", "export", path, str(max(size // 10, 1))], env))
    full = json.loads(run([PYTHON, "bench/exchange.py", "export", path], env))
    log(f"[{backend} {size}] bulk import of {full['rows']} rows")
    imported = json.loads(run([PYTHON, "bench/exchange.py", "import", path], env))
    Path(path).unlink()
    return {
        "export": {**full, "tenth": tenth},
        "import": imported,
    }


def growth(small: dict[str, Any], large: dict[str, Any]) -> dict[str, float]:
    """How much p95 at 10 concurrent users (or the highest level run) grows with the data."""
    ratios = {}
    for name, levels in large["pages"].items():
        level = "c10" if "c10" in levels else sorted(levels)[-1]
        before = small["pages"][name][level]["p95_ms"]
        ratios[name] = round(levels[level]["p95_ms"] / before, 2) if before else 0.0
    return ratios


def table(results: dict[str, Any]) -> str:
    lines = []
    for backend, figures in results["backends"].items():
        size = figures["size"]
        lines.append(
            f"\n{backend}: {size['cases']} cases, {size['db_mb']} MB ({size['mb_per_1000_cases']} MB per 1,000 cases), "
            f"generate_synthetic {figures['generate_synthetic']['cases_per_second']} cases/s"
        )
        report = figures["report"]
        lines.append(
            f"monitoring report: {report['seconds']} s, hand-written SQL {report['sql_seconds']} s "
            f"(x{report['ratio_to_sql']}; {report['figures_compared']} figures compared)"
        )
        exported, imported = figures["export"], figures["import"]
        lines.append(
            f"HTCDS export: {exported['rows']} rows at {exported['rows_per_second']} rows/s, peak "
            f"{exported['peak_rss_mb']} MB ({exported['tenth']['peak_rss_mb']} MB for a tenth of the rows); "
            f"import: {imported['rows_per_second']} rows/s (check {imported['check_rows_per_second']}, "
            f"write {imported['write_rows_per_second']})"
        )
        lines.append(
            f"{'page':<14} {'users':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'x hello':>7} {'errors':>6}"
        )
        for name, levels in figures["pages"].items():
            for level, f in levels.items():
                errors = f["errors"] + f["non_200"]
                lines.append(
                    f"{name:<14} {level[1:]:>5} {f['rps']:>8} {f['p50_ms']:>8} {f['p95_ms']:>8} {f['p99_ms']:>8} "
                    f"{f['rps_ratio_to_hello']:>7} {errors:>6}"
                )
        enc = figures["encryption"]
        lines.append(
            f"decryption: {enc['decrypted_ms_per_person']} ms per person with, {enc['raw_ms_per_person']} ms without"
        )
        if "growth" in figures:
            lines.append(
                "p95 growth from the smaller size: " + ", ".join(f"{k} x{v}" for k, v in figures["growth"].items())
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="case counts; the largest is reported")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--seconds", type=int, default=10, help="length of each load run")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2 + 1, help="gunicorn workers")
    parser.add_argument("--out", type=Path, default=OUT_DIR / "latest.json")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk, or run `make bench`).")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    env, password = base_env(), secrets.token_urlsafe(16)
    # As in production, static files are collected before the server starts; without them
    # every gunicorn worker warns that the static directory is missing.
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    args.sizes = sorted(set(args.sizes))
    results: dict[str, Any] = {"backends": {}, "sizes": args.sizes, "seconds_per_run": args.seconds}
    for backend in args.backends:
        if backend == "postgresql":
            run(["scripts/pg_test_server.sh", "start", str(PG_PORT)], {**env, "PG_DURABLE": "1"})
        try:
            by_size = {
                size: measure_backend(backend, size, args=args, env=env, password=password)
                for size in sorted(args.sizes)
            }
        finally:
            if backend == "postgresql":
                run(["scripts/pg_test_server.sh", "stop", str(PG_PORT)], env)
        sizes = sorted(by_size)
        figures = by_size[sizes[-1]]
        if len(sizes) > 1:
            figures["growth"] = growth(by_size[sizes[0]], figures)
            figures["smaller"] = {"size": by_size[sizes[0]]["size"], "pages": by_size[sizes[0]]["pages"]}
        results["backends"][backend] = figures
    args.out.write_text(json.dumps(results, indent=2))
    print(table(results))
    print(f"\nWritten to {args.out}")


if __name__ == "__main__":
    main()
