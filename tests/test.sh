#!/usr/bin/env bash
# Runs every HeeBot test. First installs what tests need when it is missing, from Debian's packages (as root, or
# through sudo): chromium for the browser tests, redis-server and postgresql for the multi-instance tests, nginx as
# the TLS-terminating proxy of the proxy tests (the tests start their own servers on 127.0.0.1 and free ports). npm must be there: the build installs Web Chat's bundle from package-lock.json.
# Extra arguments go to `dotnet test` (e.g. -c Release --no-build).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian's ${missing[*]} for the tests..."
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
    # The packages' own services are not wanted: the tests start their own servers on free ports.
    if command -v systemctl >/dev/null 2>&1; then $sudo systemctl disable --now redis-server postgresql nginx >/dev/null 2>&1 || true; fi
    for service in redis-server postgresql nginx; do $sudo service "$service" stop >/dev/null 2>&1 || true; done
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "npm (Node.js 20) is needed to install the Web Chat bundle; install Node.js first." >&2
    exit 1
fi

exec dotnet test HeeBot.sln "$@"
