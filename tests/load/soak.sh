#!/usr/bin/env bash
# Soak: HeeBot under mixed load for a long time, on 127.0.0.1 only. Three wrk runs at once: /api/messages with
# expectReplies, Direct Line conversations (questions posted to 50 conversations, their transcripts growing to the
# cap), and /api/search. Reports throughput and errors of each, and the bot's memory after the first minute of
# load and at the end. Exits non-zero on any error.
# Usage: tests/load/soak.sh [--smoke]      DURATION=10m CONNECTIONS=8 (per target) override the defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

duration=${DURATION:-10m}
connections=${CONNECTIONS:-8}
warmup=60
if [ "${1:-}" = "--smoke" ]; then duration=10s; warmup=3; fi

source tests/load/lib.sh
prepare
port=5313
export DIRECTLINE_SECRET="soak-$(head -c 24 /dev/urandom | base64 | tr -d "/+=")"
start_heebot "$port" --DirectLine:Secret="$DIRECTLINE_SECRET"
bot_pid=${pids[-1]}
url="http://127.0.0.1:$port"
wait_for_answer "$url" >/dev/null

# 50 Direct Line conversations to post into.
for _ in $(seq 1 50); do
    curl -sSf -X POST -H "Authorization: Bearer $DIRECTLINE_SECRET" "$url/v3/directline/conversations" \
        | grep -o '"conversationId":"[^"]*"' | cut -d'"' -f4
done >"$work/conversations.txt"
export CONVERSATIONS="$work/conversations.txt"
[ "$(wc -l <"$work/conversations.txt")" -eq 50 ] || { echo "could not start the Direct Line conversations" >&2; exit 1; }

bot_memory() { # the bot process's resident memory in MB (the dotnet child of the subshell)
    local pid; pid=$(pgrep -P "$bot_pid" dotnet || echo "$bot_pid")
    awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"
}

echo "Soaking for $duration: /api/messages, Direct Line and /api/search at $connections connections each..."
memory_before=$(bot_memory)
wrk -t1 -c"$connections" -d"$duration" --latency -s tests/load/messages.lua "$url" >"$work/messages.txt" &
w1=$!
wrk -t1 -c"$connections" -d"$duration" --latency -s tests/load/directline.lua "$url" >"$work/directline.txt" &
w2=$!
wrk -t1 -c"$connections" -d"$duration" --latency -s tests/load/search.lua "$url" >"$work/search.txt" &
w3=$!
sleep "$warmup"
memory_start=$(bot_memory)
wait "$w1" "$w2" "$w3"
memory_end=$(bot_memory)

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), .NET $(dotnet --version)"
printf '%-32s %12s %10s %10s %10s %8s\n' "target ($duration, $connections connections)" "requests/s" "p50 ms" "p90 ms" "p99 ms" "errors"
errors=0
for target in messages directline search; do
    read -r _ rps p50 p90 p99 err <<<"$(summarise "$target" <"$work/$target.txt")"
    printf '%-32s %12.0f %10.2f %10.2f %10.2f %8d\n' "$target" "$rps" "$p50" "$p90" "$p99" "$err"
    errors=$((errors + err))
done
echo
echo "bot memory (resident): ${memory_before} MB before load, ${memory_start} MB after ${warmup} s of load, ${memory_end} MB at the end"
errors_logged=$(grep -c '^fail:\|^crit:' "$work/heebot.log" || true)
echo "total errors: $errors; errors in the bot's log: $errors_logged"
[ "$errors_logged" -eq 0 ] || grep -A40 '^fail:\|^crit:' "$work/heebot.log" | head -80
[ "$errors" -eq 0 ] && [ "$errors_logged" -eq 0 ]
