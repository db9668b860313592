#!/usr/bin/env bash
# Runs every HeeBot test. First installs what the browser tests need when it is missing: Debian's chromium
# (as root, or through sudo). npm must be there: the build installs Web Chat's bundle from package-lock.json.
# Extra arguments go to `dotnet test` (e.g. -c Release --no-build).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests..."
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "npm (Node.js 20) is needed to install the Web Chat bundle; install Node.js first." >&2
    exit 1
fi

exec dotnet test HeeBot.sln "$@"
