"""Profile one benchmark page in-process, to find where its time goes.

    DATABASE_URL=sqlite:///var/bench/prof.sqlite3 .venv/bin/python bench/profile_page.py caseload

The database must have been built with `generate_synthetic` under the same keys (the ones in
.env, or the environment). The page is requested through Django's test client as the benchmark
worker (or manager), so what is measured is the application: middleware, access layer, queries,
decryption, templates. Prints the mean time per request, the queries of one request and the
functions that took the most time. A tool for looking, not a benchmark: `make bench` is that.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
from pathlib import Path
from time import perf_counter, process_time

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegra.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.http.response import HttpResponseBase  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from prepare import MANAGER, SYNTH_PROVIDER, WORKER, pick_case  # noqa: E402  (bench/ is on the path: run as a script)

from reintegra.accounts.models import User  # noqa: E402

PAGES = {
    "caseload": ("/cases/", WORKER),
    "case_page": ("/cases/{case_id}/", WORKER),
    "search": ("/cases/search/", WORKER),
    "supervision": ("/cases/supervision/", MANAGER),
    "outcome_chart": ("/cases/{case_id}/outcomes/", WORKER),
    "matching": ("/directory/for-case/{case_id}/?area=MED&district=District+3", WORKER),
    "directory": ("/directory/?area=ECO", WORKER),
    "api_cases": ("/api/v1/cases", WORKER),
    "inbox": ("/referrals/", SYNTH_PROVIDER),
    # A signed-in page that reads almost nothing: what every page pays before its own work.
    "notifications": ("/notifications/", WORKER),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", choices=sorted(PAGES))
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--queries", action="store_true", help="print every query of one request")
    args = parser.parse_args()

    path, username = PAGES[args.page]
    user = User.objects.get(username=username)
    case = pick_case(User.objects.get(username=WORKER))
    path = path.format(case_id=case.pk)
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    if args.page == "api_cases":
        from reintegra.accounts.models import ApiToken

        _token, secret = ApiToken.issue(user)
        client = Client(SERVER_NAME="127.0.0.1", headers={"Authorization": f"Bearer {secret}"})

    def request() -> HttpResponseBase:
        if args.page == "search":
            return client.post(path, {"kind": "number", "value": case.number})
        return client.get(path)

    response = request()  # warm: imports, templates, connection
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        request()
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    print(f"{args.page}: {len(queries)} queries, {sql_ms:.1f} ms in SQL (as timed by Django)")
    if args.queries:
        for query in queries.captured_queries:
            print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:300]}")

    started, started_cpu = perf_counter(), process_time()
    for _n in range(args.requests):
        request()
    mean_ms = (perf_counter() - started) * 1000 / args.requests
    # The application's own CPU, without the database's or other processes': on a shared
    # machine, much steadier from run to run than the elapsed time.
    cpu_ms = (process_time() - started_cpu) * 1000 / args.requests
    print(f"mean {mean_ms:.1f} ms per request over {args.requests}, {cpu_ms:.1f} ms of it on the application's CPU")

    profiler = cProfile.Profile()
    profiler.enable()
    for _n in range(args.requests):
        request()
    profiler.disable()
    if os.environ.get("BENCH_PROFILE_OUT"):
        profiler.dump_stats(os.environ["BENCH_PROFILE_OUT"])
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
