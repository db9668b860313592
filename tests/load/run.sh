#!/usr/bin/env bash
# HeeBot side by side with a bot on the official JS Bot Framework SDK (tests/load/peer) and with the ceiling (tests/load/ceiling:
# bare Kestrel parsing the activity and writing HeeBot's own reply), on 127.0.0.1 only. Same passages, same questions (the gold
# questions of knowledge/questions.tsv), same wrk settings, run alternately in one go: the repeated mix, then every question
# new (a unique number appended, so none of HeeBot's caches can help). Each server is warmed up first (WARMUP of load, not
# counted; the bots also WARMUP of new questions, a path of its own): a server's first seconds under load are its JIT
# compiling, not its speed.
# Usage: tests/load/run.sh [--smoke]      DURATION=20s CONNECTIONS=32 ROUNDS=2 WARMUP=20s override the defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

duration=${DURATION:-20s}
connections=${CONNECTIONS:-32}
rounds=${ROUNDS:-2}
warmup=${WARMUP:-20s}
if [ "${1:-}" = "--smoke" ]; then duration=2s; rounds=1; warmup=1s; fi

source tests/load/lib.sh
prepare
(cd tests/load/peer && npm ci --no-audit --no-fund --silent)

heebot_port=5311
peer_port=5312
ceiling_port=5313
# Started twice: the first start quantizes the model and keeps it in the cache folder, the restart reads it.
start_heebot "$heebot_port" --Retrieval:Embedding:CacheFolder="$work/models"
heebot_first_start=$(wait_for_answer "http://127.0.0.1:$heebot_port")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
start_heebot "$heebot_port" --Retrieval:Embedding:CacheFolder="$work/models"
heebot_start=$(wait_for_answer "http://127.0.0.1:$heebot_port")
(PORT=$peer_port PASSAGES="$work/passages.json" exec node tests/load/peer/index.js >"$work/peer.log" 2>&1) &
pids+=($!)
peer_start=$(wait_for_answer "http://127.0.0.1:$peer_port")
# The ceiling replies with the bytes HeeBot sends for the probe question.
curl -sf -o "$work/reply.json" -H 'Content-Type: application/json' -d "$probe" "http://127.0.0.1:$heebot_port/api/messages"
(cd tests/load/ceiling/bin/Release/net10.0 && REPLY="$work/reply.json" exec dotnet HeeBot.Load.Ceiling.dll --urls "http://127.0.0.1:$ceiling_port" >"$work/ceiling.log" 2>&1) &
pids+=($!)
wait_for_answer "http://127.0.0.1:$ceiling_port" >/dev/null

measure() { # name url script -> "name rps p50 p90 p99 errors"
    wrk -t2 -c"$connections" -d"$duration" --latency -s "$3" "$2" | summarise "$1"
}

echo "Warming up each server with $warmup of load, and the bots with $warmup of new questions..."
for port in "$heebot_port" "$peer_port" "$ceiling_port"; do
    wrk -t2 -c"$connections" -d"$warmup" -s tests/load/messages.lua "http://127.0.0.1:$port" >/dev/null
done
for port in "$heebot_port" "$peer_port"; do
    UNIQUE=1 wrk -t2 -c"$connections" -d"$warmup" -s tests/load/messages.lua "http://127.0.0.1:$port" >/dev/null
done

echo "Running $rounds round(s) of $duration at $connections connections, alternating..."
results=()
for round in $(seq 1 "$rounds"); do
    results+=("$(measure ceiling-messages "http://127.0.0.1:$ceiling_port" tests/load/messages.lua)")
    results+=("$(measure heebot-messages "http://127.0.0.1:$heebot_port" tests/load/messages.lua)")
    results+=("$(measure peer-messages "http://127.0.0.1:$peer_port" tests/load/messages.lua)")
    results+=("$(measure heebot-search "http://127.0.0.1:$heebot_port" tests/load/search.lua)")
    results+=("$(UNIQUE=1 measure heebot-new "http://127.0.0.1:$heebot_port" tests/load/messages.lua)")
    results+=("$(UNIQUE=1 measure peer-new "http://127.0.0.1:$peer_port" tests/load/messages.lua)")
done

best() { printf '%s\n' "${results[@]}" | awk -v n="$1" '$1==n' | sort -k2 -g -r | head -1; }
c=$(best ceiling-messages); h=$(best heebot-messages); p=$(best peer-messages); s=$(best heebot-search); hn=$(best heebot-new); pn=$(best peer-new)
errors=$(printf '%s\n' "${results[@]}" | awk '{e+=$6} END {print e}')

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version), Node $(node --version)"
echo "wrk -t2 -c$connections -d$duration, $rounds round(s), best round shown; errors = non-2xx + socket errors over all rounds"
printf '%-34s %12s %10s %10s %10s %8s\n' "target" "requests/s" "p50 ms" "p90 ms" "p99 ms" "errors"
for row in "$c" "$h" "$p" "$s" "$hn" "$pn"; do
    read -r name rps p50 p90 p99 err <<<"$row"
    label=$(case "$name" in heebot-messages) echo "HeeBot /api/messages (expectReplies)";; peer-messages) echo "JS SDK peer /api/messages";;
        heebot-new) echo "HeeBot /api/messages, every q new";; ceiling-messages) echo "ceiling (bare Kestrel, same reply)";; peer-new) echo "JS SDK peer, every question new";; *) echo "HeeBot /api/search";; esac)
    printf '%-34s %12.0f %10.2f %10.2f %10.2f %8d\n' "$label" "$rps" "$p50" "$p90" "$p99" "$err"
done
read -r _ hr _ _ hp99 _ <<<"$h"; read -r _ pr _ _ pp99 _ <<<"$p"; read -r _ cr _ _ _ _ <<<"$c"
echo
awk -v hr="$hr" -v pr="$pr" -v hp="$hp99" -v pp="$pp99" -v cr="$cr" 'BEGIN { printf "repeated mix: HeeBot/ceiling: %.2f   throughput ratio HeeBot/peer: %.1fx   p99 ratio HeeBot/peer: %.3f (1/%.0f)\n", hr / cr, hr / pr, hp / pp, pp / hp }'
read -r _ hnr _ _ hnp99 _ <<<"$hn"; read -r _ pnr _ _ pnp99 _ <<<"$pn"
awk -v hr="$hnr" -v pr="$pnr" -v hp="$hnp99" -v pp="$pnp99" 'BEGIN { printf "every question new: throughput ratio HeeBot/peer: %.2fx   p99 ratio HeeBot/peer: %.3f\n", hr / pr, hp / pp }'
echo "start to first answer: HeeBot ${heebot_start}s (index already built; ${heebot_first_start}s the first time, the model quantized), peer ${peer_start}s"
echo "total errors: $errors"
if [ "$rounds" -gt 1 ]; then # every round, as measured: the best one above can hide a slow round's tail
    echo
    echo "each round (name, requests/s, p50, p90, p99 ms, errors):"
    printf '  %s\n' "${results[@]}"
fi
[ "$errors" -eq 0 ]
