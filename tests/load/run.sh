#!/usr/bin/env bash
# HeeBot side by side with a bot on the official JS Bot Framework SDK (tests/load/peer), on 127.0.0.1 only.
# Same passages, same questions (the gold questions of knowledge/questions.tsv), same wrk settings, run alternately in one go.
# Usage: tests/load/run.sh [--smoke]      DURATION=20s CONNECTIONS=32 ROUNDS=2 override the defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

duration=${DURATION:-20s}
connections=${CONNECTIONS:-32}
rounds=${ROUNDS:-2}
if [ "${1:-}" = "--smoke" ]; then duration=2s; rounds=1; fi

if ! command -v wrk >/dev/null 2>&1; then
    echo "Installing wrk (Debian package)..."
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk
fi

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

echo "Building release binaries..."
for project in bot/HeeBot.Bot index-builder/HeeBot.IndexBuilder; do
    dotnet build -c Release -v quiet -nologo "$project" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
dotnet index-builder/HeeBot.IndexBuilder/bin/Release/net10.0/heebot-index.dll build --knowledge knowledge --index "$work/index" --export "$work/passages.json" >/dev/null
(cd tests/load/peer && npm ci --no-audit --no-fund --silent)

heebot_port=5311
peer_port=5312
# The request mix: the gold questions of knowledge/questions.tsv, one per line.
awk -F'\t' 'NR > 1 && $1 !~ /^#/ && $1 != "" { print $1 }' knowledge/questions.tsv >"$work/questions.txt"
export QUESTIONS="$work/questions.txt"
question='{"type":"message","id":"probe","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/","from":{"id":"u"},"recipient":{"id":"b"},"conversation":{"id":"probe"},"text":"What is the Shape of Caring Review?","deliveryMode":"expectReplies"}'

wait_for_answer() { # url -> seconds from now until the first answered question
    local start=$(date +%s%N)
    for _ in $(seq 1 600); do
        if curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$question" "$1/api/messages"; then
            awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; return 0
        fi
        sleep 0.01
    done
    echo "no answer from $1" >&2; return 1
}

# A 64 MB gen-0 budget: this machine's default is so small that the GC runs almost constantly (see README).
(cd bot/HeeBot.Bot/bin/Release/net10.0 && DOTNET_GCgen0size=0x4000000 exec dotnet HeeBot.Bot.dll --urls "http://127.0.0.1:$heebot_port" \
    --Retrieval:IndexPath="$work/index" --Retrieval:KnowledgePath="$root/knowledge" \
    --Analytics:DatabasePath="$work/heebot.db" --Logging:LogLevel:Default=Warning \
    --BotFramework:LocalRequestsPerMinute=0 --Retrieval:SearchRequestsPerMinute=0 >"$work/heebot.log" 2>&1) &
pids+=($!)
heebot_start=$(wait_for_answer "http://127.0.0.1:$heebot_port")
(PORT=$peer_port PASSAGES="$work/passages.json" exec node tests/load/peer/index.js >"$work/peer.log" 2>&1) &
pids+=($!)
peer_start=$(wait_for_answer "http://127.0.0.1:$peer_port")

# wrk's --latency table: 50% 75% 90% 99%, values like 1.23ms / 850.00us / 1.20s.
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v+0 } else if (v ~ /s$/) { sub(/s$/,"",v); print v*1000 } else print v }'; }
measure() { # name url script -> "name rps p50 p90 p99 errors"
    local out; out=$(wrk -t2 -c"$connections" -d"$duration" --latency -s "$3" "$2")
    local rps p50 p90 p99 non2xx socket
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)
    p90=$(awk '$1=="90%" {print $2}' <<<"$out" | to_ms)
    p99=$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out"); non2xx=${non2xx:-0}
    socket=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out"); socket=${socket:-0}
    echo "$1 $rps $p50 $p90 $p99 $((non2xx + socket))"
}

echo "Running $rounds round(s) of $duration at $connections connections, alternating..."
results=()
for round in $(seq 1 "$rounds"); do
    results+=("$(measure heebot-messages "http://127.0.0.1:$heebot_port" tests/load/messages.lua)")
    results+=("$(measure peer-messages "http://127.0.0.1:$peer_port" tests/load/messages.lua)")
    results+=("$(measure heebot-search "http://127.0.0.1:$heebot_port" tests/load/search.lua)")
done

best() { printf '%s\n' "${results[@]}" | awk -v n="$1" '$1==n' | sort -k2 -g -r | head -1; }
h=$(best heebot-messages); p=$(best peer-messages); s=$(best heebot-search)
errors=$(printf '%s\n' "${results[@]}" | awk '{e+=$6} END {print e}')

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version), Node $(node --version)"
echo "wrk -t2 -c$connections -d$duration, $rounds round(s), best round shown; errors = non-2xx + socket errors over all rounds"
printf '%-34s %12s %10s %10s %10s %8s\n' "target" "requests/s" "p50 ms" "p90 ms" "p99 ms" "errors"
for row in "$h" "$p" "$s"; do
    read -r name rps p50 p90 p99 err <<<"$row"
    label=$(case "$name" in heebot-messages) echo "HeeBot /api/messages (expectReplies)";; peer-messages) echo "JS SDK peer /api/messages";; *) echo "HeeBot /api/search";; esac)
    printf '%-34s %12.0f %10.2f %10.2f %10.2f %8d\n' "$label" "$rps" "$p50" "$p90" "$p99" "$err"
done
read -r _ hr _ _ hp99 _ <<<"$h"; read -r _ pr _ _ pp99 _ <<<"$p"
echo
awk -v hr="$hr" -v pr="$pr" -v hp="$hp99" -v pp="$pp99" 'BEGIN { printf "throughput ratio HeeBot/peer: %.1fx   p99 ratio HeeBot/peer: %.3f (1/%.0f)\n", hr / pr, hp / pp, pp / hp }'
echo "start to first answer: HeeBot ${heebot_start}s (index already built), peer ${peer_start}s"
echo "total errors: $errors"
[ "$errors" -eq 0 ]
