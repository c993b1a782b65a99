"""Check that a benchmark result file has the documented shape and that no page failed.

    python bench/check_json.py var/bench/latest.json

Speed is not checked: this guards that the benchmark works, not how fast anything is.
"""

from __future__ import annotations

import json
import sys
from numbers import Number
from pathlib import Path

PAGES = (
    "hello",
    "caseload",
    "case_page",
    "search",
    "supervision",
    "outcome_chart",
    "matching",
    "directory",
    "api_cases",
)
LEVELS = ("c1", "c10", "c50")
FIGURES = ("rps", "p50_ms", "p95_ms", "p99_ms", "rps_ratio_to_hello")


def problems(results: dict) -> list[str]:
    found = []
    backends = results.get("backends", {})
    if set(backends) != {"postgresql", "sqlite"}:
        found.append(f"backends should be postgresql and sqlite, not {sorted(backends)}")
    for name, backend in backends.items():
        for page in PAGES:
            for level in LEVELS:
                figures = backend.get("pages", {}).get(page, {}).get(level)
                if figures is None:
                    found.append(f"{name}: no {page} {level}")
                    continue
                found += [
                    f"{name}: {page} {level} {f} missing" for f in FIGURES if not isinstance(figures.get(f), Number)
                ]
                if figures.get("requests", 0) < 1:
                    found.append(f"{name}: {page} {level} made no request")
                if figures.get("errors") or figures.get("non_200"):
                    found.append(
                        f"{name}: {page} {level} had {figures.get('errors')} errors, {figures.get('non_200')} non-200"
                    )
        for section, keys in (("report", ("seconds", "sql_seconds", "ratio_to_sql")), ("export", ("peak_rss_mb",))):
            found += [
                f"{name}: {section}.{key} missing"
                for key in keys
                if not isinstance(backend.get(section, {}).get(key), Number)
            ]
        if not isinstance(backend.get("import", {}).get("rows_per_second"), Number):
            found.append(f"{name}: import.rows_per_second missing")
        size = backend.get("size", {})
        if not isinstance(size.get("cases"), int) or not isinstance(size.get("db_mb"), Number):
            found.append(f"{name}: size.cases or size.db_mb missing")
    return found


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "var/bench/latest.json")
    issues = problems(json.loads(path.read_text()))
    for issue in issues:
        print(issue, file=sys.stderr)
    if issues:
        raise SystemExit(1)
    print(f"{path}: shape as documented, every page answered 200")
