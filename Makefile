# Reintegra. `make demo` and `make test` are the two commands a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_PORT ?= 54329
PYTEST_ARGS ?=

.PHONY: demo test test-sqlite test-postgresql lint install install-dev messages lock clean system-demo system-test \
	bench bench-smoke system-bench security

system-demo:
	@scripts/system_packages.sh demo

system-test:
	@scripts/system_packages.sh test

system-bench:
	@scripts/system_packages.sh bench

$(BIN)/python: | system-demo
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt $(VENV)/.installed-base
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

# Translations (so far: the printable plan). msgfmt --check also checks the placeholders.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard reintegra/*/locale/*/LC_MESSAGES/django.po))
%.mo: %.po | system-demo
	msgfmt --check-format -o $@ $<
messages: $(MO_FILES)

# A local demonstration on SQLite with the fictional network. Fresh keys go into .env.
demo: install messages
	@mkdir -p var
	@test -f .env || $(BIN)/python scripts/init_env.py --demo
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py schedule_reminders
	@# The task worker runs the reminder job beside the server, and stops with it.
	$(BIN)/python manage.py db_worker --interval 5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn reintegra.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - --log-level warning

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djade --check --target-version 5.2 $$(git ls-files '*.html' 2>/dev/null || find templates reintegra -name '*.html')
	@# The django-stubs plugin imports the settings, which want a SECRET_KEY; any value will do.
	SECRET_KEY=type-checking-only REINTEGRA_SKIP_DOTENV=1 $(BIN)/mypy reintegra bench

# The whole suite, on SQLite and then on a throwaway PostgreSQL server, browser tests included,
# and the benchmark at a tiny size to show it still runs end to end (its figures mean nothing).
test: system-test lint security test-sqlite test-postgresql bench-smoke

# Security checks of the code and its packages. bandit: a finding not in the baseline fails; those
# in it are justified one by one in docs/security.md. Tests (asserts are how pytest checks) and
# generated migrations are left out. pip-audit: known vulnerabilities fail; an audit that could not reach its database
# says so and is never reported as clean (scripts/audit_packages.py).
security: install-dev
	$(BIN)/bandit --quiet --recursive reintegra scripts --exclude '*/tests/*,*/migrations/*' --baseline security/bandit-baseline.json
	$(BIN)/python scripts/audit_packages.py requirements/base.txt

test-sqlite: install-dev messages
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgresql: install-dev messages
	@url=$$(scripts/pg_test_server.sh start $(PG_PORT)) && \
	trap 'scripts/pg_test_server.sh stop $(PG_PORT)' EXIT && \
	TEST_DATABASE_URL=$$url $(BIN)/pytest $(PYTEST_ARGS)

# Benchmarks (docs/performance.md): `make bench`, or e.g. `make bench SIZE=10000`.
SIZE ?= 100000
BENCH_SIZES ?= 10000 $(SIZE)
BENCH_SECONDS ?= 10
BENCH_BACKENDS ?= sqlite postgresql
bench: system-bench install
	$(BIN)/python bench/run.py --sizes $(BENCH_SIZES) --seconds $(BENCH_SECONDS) --backends $(BENCH_BACKENDS)

bench-smoke: system-bench install
	$(BIN)/python bench/run.py --sizes 60 120 --seconds 2 --out var/bench/smoke.json > /dev/null
	$(BIN)/python bench/check_json.py var/bench/smoke.json

# Recompile the lock files after editing requirements/*.in.
lock: $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras base.in -o base.txt
	cd requirements && ../$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras dev.in -o dev.txt

clean:
	rm -rf var/test .pytest_cache .mypy_cache .ruff_cache
