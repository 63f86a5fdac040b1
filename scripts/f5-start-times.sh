#!/usr/bin/env bash
# Measures "F5 to healthy" as a developer meets it: `dotnet run --project Jewelry.AppHost` (the build up to date),
# then the time until the three services answer /health with 200, which they do only once PostgreSQL and RabbitMQ
# are up and their databases migrated. Each run is stopped as Ctrl+C stops it (SIGTERM here: a script's background
# job ignores SIGINT) and the next starts at once, as after a previous run. Usage: scripts/f5-start-times.sh [runs] (5 by default), from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
health_urls=(http://localhost:5101/health http://localhost:5102/health http://localhost:5103/health)

dotnet build Jewelry.AppHost -v quiet -nologo >/dev/null

# One poller per service, each waiting for its own answer: Aspire's proxy holds a request until the service listens,
# so a short per-request limit, asked of the services one after another, would notice health seconds late.
wait_until_healthy() {
    local url
    for url in "${health_urls[@]}"; do
        (until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$url")" = 200 ]; do sleep 0.1; done) &
    done
    wait
}

for run in $(seq 1 "$runs"); do
    log="$(mktemp -t f5-start.XXXXXX.log)"
    started=$(date +%s%N)
    setsid dotnet run --project Jewelry.AppHost >"$log" 2>&1 &
    apphost=$!
    wait_until_healthy &
    waiter=$!
    while kill -0 "$waiter" 2>/dev/null; do
        if ! kill -0 "$apphost" 2>/dev/null; then
            echo "run $run: the AppHost ended before the services were healthy; its output: $log" >&2
            pkill -P "$waiter"
            exit 1
        fi
        if (( ($(date +%s%N) - started) / 1000000000 > 180 )); then
            echo "run $run: not healthy after 180 s; its output: $log" >&2
            kill -TERM -- "-$apphost"
            pkill -P "$waiter"
            exit 1
        fi
        sleep 0.2
    done
    elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
    printf 'run %d: healthy after %d.%d s\n' "$run" $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100))

    kill -TERM -- "-$apphost"
    wait "$apphost" || true
    rm -f "$log"
done
