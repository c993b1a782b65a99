#!/usr/bin/env bash
# Bring a production installation up, or down: gunicorn on loopback behind nginx, which ends TLS.
# docs/operations.md explains each step; tests/test_production_setup.py runs this on loopback.
#
# usage: scripts/production.sh up|down RUN_DIR
#
# RUN_DIR holds what the installation keeps outside the code: its settings (RUN_DIR/env, made on
# the first run, readable only by this user), its keys (RUN_DIR/keys, likewise), the nginx
# configuration, process ids and logs. Back up the keys with the database (manage.py backup).
#
# Read from the environment:
#   DATABASE_URL     required: a PostgreSQL database and its owner (createuser; createdb -O)
#   PUBLIC_HOST      the name people type, default 127.0.0.1
#   LISTEN_ADDRESS   where nginx listens, default 127.0.0.1 (0.0.0.0 to serve the network)
#   HTTPS_PORT       default 443; HTTP_PORT (redirects to HTTPS), default 80
#   APP_PORT         gunicorn's port on loopback, default 8001
#   TLS_CERT, TLS_KEY  your certificate and key; without them a self-signed pair is made in
#                    RUN_DIR/tls, which browsers will warn about: for trying out only
#   WORKERS          gunicorn workers, default 2 × cores + 1
#   EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
#                    the SMTP server for password resets, written into RUN_DIR/env on the first
#                    run; without EMAIL_HOST, mail is only printed to the log
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:?up or down}
run_dir=$(realpath -m "${2:?RUN_DIR}")
PYTHON=${PYTHON:-.venv/bin/python}

stop_pid_file() {
  local file=$1
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$file"
}

if [ "$action" = down ]; then
  [ -f "$run_dir/nginx.pid" ] && nginx -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/nginx-error.log" -s quit 2>/dev/null || true
  for _ in $(seq 50); do [ -f "$run_dir/nginx.pid" ] || break; sleep 0.1; done
  stop_pid_file "$run_dir/gunicorn.pid"
  stop_pid_file "$run_dir/worker.pid"
  echo "Stopped."
  exit 0
fi
[ "$action" = up ] || { echo "usage: $0 up|down RUN_DIR" >&2; exit 2; }
: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database (see docs/operations.md).}"
case $DATABASE_URL in postgres*) ;; *) echo "Production runs on PostgreSQL: DATABASE_URL must start with postgres://" >&2; exit 2 ;; esac
command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install nginx-light)." >&2; exit 1; }

export PUBLIC_HOST=${PUBLIC_HOST:-127.0.0.1} LISTEN_ADDRESS=${LISTEN_ADDRESS:-127.0.0.1}
export HTTPS_PORT=${HTTPS_PORT:-443} HTTP_PORT=${HTTP_PORT:-80} APP_PORT=${APP_PORT:-8001} RUN_DIR=$run_dir
workers=${WORKERS:-$(( 2 * $(nproc) + 1 ))}
mkdir -p "$run_dir/nginx-tmp" "$run_dir/tls"
# nginx's workers (an unprivileged user when started as root) buffer large bodies in nginx-tmp;
# everything else in RUN_DIR is readable by this user only.
export NGINX_USER=nobody
id www-data >/dev/null 2>&1 && NGINX_USER=www-data
chmod 711 "$run_dir"
[ "$(id -u)" = 0 ] && chown "$NGINX_USER" "$run_dir/nginx-tmp"
umask 077

# Settings and keys, made once: running `up` again keeps them (new keys would lock the data away).
if [ ! -f "$run_dir/keys" ]; then
  REINTEGRA_SKIP_DOTENV=1 SECRET_KEY=unused "$PYTHON" manage.py generate_keys > "$run_dir/keys"
fi
if [ ! -f "$run_dir/env" ]; then
  origin="https://$PUBLIC_HOST"
  [ "$HTTPS_PORT" = 443 ] || origin="$origin:$HTTPS_PORT"
  cat > "$run_dir/env" <<SETTINGS
SECRET_KEY=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')
DEBUG=0
REINTEGRA_DEMO_MODE=0
ALLOWED_HOSTS=$PUBLIC_HOST
CSRF_TRUSTED_ORIGINS=$origin
SECURE_PROXY_SSL_HEADER=1
REINTEGRA_TRUSTED_PROXIES=1
REINTEGRA_KEY_FILE=$run_dir/keys
LOG_FORMAT=json
REINTEGRA_BASE_URL=$origin
SETTINGS
  if [ -n "${EMAIL_HOST:-}" ]; then
    {
      echo "EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend"
      echo "EMAIL_HOST=$EMAIL_HOST"
      echo "EMAIL_PORT=${EMAIL_PORT:-587}"
      echo "EMAIL_HOST_USER=${EMAIL_HOST_USER:-}"
      echo "EMAIL_HOST_PASSWORD=${EMAIL_HOST_PASSWORD:-}"
      echo "EMAIL_USE_TLS=${EMAIL_USE_TLS:-1}"
      echo "DEFAULT_FROM_EMAIL=${DEFAULT_FROM_EMAIL:-reintegra@$PUBLIC_HOST}"
    } >> "$run_dir/env"
  fi
fi
set -a
# shellcheck disable=SC1091
. "$run_dir/env"
set +a
export DATABASE_URL REINTEGRA_SKIP_DOTENV=1

if [ -z "${TLS_CERT:-}" ]; then
  TLS_CERT=$run_dir/tls/cert.pem TLS_KEY=$run_dir/tls/key.pem
  if [ ! -f "$TLS_CERT" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$PUBLIC_HOST" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:$PUBLIC_HOST" \
      -keyout "$TLS_KEY" -out "$TLS_CERT" 2>/dev/null
  fi
fi
export TLS_CERT TLS_KEY

"$PYTHON" manage.py migrate --noinput -v 0
"$PYTHON" manage.py createcachetable
"$PYTHON" manage.py collectstatic --noinput -v 0
# Any warning of Django's deployment check stops the setup here.
"$PYTHON" manage.py check --deploy --fail-level WARNING

# In a real installation a systemd unit runs this line (Restart=always) and its journal keeps the
# log, one JSON object a line; here it runs in the background, logging to RUN_DIR/app.log.
stop_pid_file "$run_dir/gunicorn.pid"
nohup setsid .venv/bin/gunicorn reintegra.wsgi --bind "127.0.0.1:$APP_PORT" --workers "$workers" \
  --timeout 30 --pid "$run_dir/gunicorn.pid" >> "$run_dir/app.log" 2>&1 < /dev/null &
for _ in $(seq 100); do [ -f "$run_dir/gunicorn.pid" ] && break; sleep 0.1; done
[ -f "$run_dir/gunicorn.pid" ] || { echo "gunicorn did not start; see $run_dir/app.log" >&2; exit 1; }
# The task worker runs the reminder job (and later jobs); a second systemd unit in a real installation.
stop_pid_file "$run_dir/worker.pid"
"$PYTHON" manage.py schedule_reminders >> "$run_dir/app.log"
nohup setsid "$PYTHON" manage.py db_worker >> "$run_dir/worker.log" 2>&1 < /dev/null &
echo $! > "$run_dir/worker.pid"

envsubst '${NGINX_USER} ${RUN_DIR} ${LISTEN_ADDRESS} ${HTTP_PORT} ${HTTPS_PORT} ${APP_PORT} ${PUBLIC_HOST} ${TLS_CERT} ${TLS_KEY}' \
  < deploy/nginx.conf.template > "$run_dir/nginx.conf"
nginx -t -q -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/nginx-error.log"
if [ -f "$run_dir/nginx.pid" ] && kill -0 "$(cat "$run_dir/nginx.pid")" 2>/dev/null; then
  nginx -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/nginx-error.log" -s reload
else
  nginx -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/nginx-error.log"
fi
echo "Reintegra is up: https://$PUBLIC_HOST:$HTTPS_PORT/ (settings and keys in $run_dir)"
