# Shared by run.sh and soak.sh: wrk, release builds, starting HeeBot on 127.0.0.1, reading wrk's output.
# Expects root (the repository); prepare sets work (a temp folder) and pids (processes stopped on exit).

prepare() { # wrk, a temp folder removed on exit with every process started, release binaries and the index
    install_wrk
    work=$(mktemp -d)
    pids=()
    trap cleanup EXIT
    build_release
}

cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }

install_wrk() {
    if ! command -v wrk >/dev/null 2>&1; then
        echo "Installing wrk (Debian package)..."
        local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk
    fi
}

build_release() { # release binaries of the bot and the index builder; the HEE index and its passages in $work
    echo "Building release binaries..."
    for project in bot/HeeBot.Bot index-builder/HeeBot.IndexBuilder tests/load/ceiling; do
        dotnet build -c Release -v quiet -nologo "$project" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
    done
    dotnet index-builder/HeeBot.IndexBuilder/bin/Release/net10.0/heebot-index.dll build --knowledge knowledge --index "$work/index" --export "$work/passages.json" >/dev/null
    # The request mix: the gold questions of knowledge/questions.tsv, one per line.
    awk -F'\t' 'NR > 1 && $1 !~ /^#/ && $1 != "" { print $1 }' knowledge/questions.tsv >"$work/questions.txt"
    export QUESTIONS="$work/questions.txt"
}

start_heebot() { # port [extra settings...]: HeeBot in the background with its defaults (runtime, GC, logging) except the
    # per-client limits, which are off: all traffic is from one address.
    local port=$1; shift
    (cd bot/HeeBot.Bot/bin/Release/net10.0 && exec dotnet HeeBot.Bot.dll --urls "http://127.0.0.1:$port" \
        --Retrieval:IndexPath="$work/index" --Retrieval:KnowledgePath="$root/knowledge" \
        --Analytics:DatabasePath="$work/heebot.db" \
        --RateLimits:MessagesPerMinute=0 --RateLimits:SearchPerMinute=0 --RateLimits:DirectLinePerConversationPerMinute=0 --RateLimits:ChatTokensPerAddressPerMinute=0 --RateLimits:PerAddressPerMinute=0 "$@" >"$work/heebot.log" 2>&1) &
    pids+=($!)
}

probe='{"type":"message","id":"probe","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/","from":{"id":"u"},"recipient":{"id":"b"},"conversation":{"id":"probe"},"text":"What is the Shape of Caring Review?","deliveryMode":"expectReplies"}'

wait_for_answer() { # url -> seconds from now until the first answered question
    local start; start=$(date +%s%N)
    for _ in $(seq 1 600); do
        if curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$probe" "$1/api/messages"; then
            awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; return 0
        fi
        sleep 0.01
    done
    echo "no answer from $1" >&2; return 1
}

# wrk's --latency table: 50% 75% 90% 99%, values like 1.23ms / 850.00us / 1.20s.
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v+0 } else if (v ~ /s$/) { sub(/s$/,"",v); print v*1000 } else print v }'; }

summarise() { # name < wrk output -> "name rps p50 p90 p99 errors"
    local out; out=$(cat)
    local rps p50 p90 p99 non2xx socket
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)
    p90=$(awk '$1=="90%" {print $2}' <<<"$out" | to_ms)
    p99=$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out"); non2xx=${non2xx:-0}
    socket=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out"); socket=${socket:-0}
    echo "$1 $rps $p50 $p90 $p99 $((non2xx + socket))"
}
