#!/usr/bin/env bash
# Install the Debian packages a make target needs, if any are missing.
# usage: scripts/system_packages.sh demo|test
# demo: a Python able to create virtual environments, Pango for WeasyPrint (printable plans)
#       and gettext to compile their translations.
# test: also PostgreSQL (started on loopback by the tests), Chromium for browser tests, fonts,
#       wrk for the benchmark's smoke run, and nginx for the production setup's test.
# bench: PostgreSQL and wrk.
set -euo pipefail
target=${1:?demo, test or bench}
need=()
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext)
if [ "$target" = test ]; then
  packages+=(postgresql chromium chromium-driver fonts-noto-core fonts-noto-cjk fonts-dejavu-core wrk nginx-light)
elif [ "$target" = bench ]; then
  packages+=(postgresql wrk)
fi
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || need+=("$package")
done
[ ${#need[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Please install these Debian packages, then run make again: ${need[*]}" >&2
  exit 1
fi
