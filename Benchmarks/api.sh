#!/usr/bin/env bash
# HTTP API benchmark: `loa serve` against nginx serving the same JSON bytes from a file, on loopback.
#
#   1. GET of a published translation (anonymous read), wrk -t2 -c64 -d10s, then the same bytes from nginx:
#      req/s and p99 of both, and the ratio; then the same GET through the router instead of the event-loop
#      shortcut for cached texts, and the server's CPU time per read on either path.
#   2. A mixed run: 90 % GETs, 10 % PUTs of a draft with If-Match (stale ones get 412 and resync).
#   3. The server's peak memory (VmHWM).
# Targets (issue 5): reads ≥ 50 % of nginx's throughput, p99 < 10 ms at 64 connections, server memory < 128 MiB.
# Prints figures; never fails on them. Everything runs on 127.0.0.1 and stops by itself.
#
# Environment: LOA (a built loa binary; default: build it in release), SLUG and LOCALE (the published text,
# default fake-job-offers/vi), WRITE_LOCALE (default hmn), DURATION (10s), CONNECTIONS (64), THREADS (2),
# LOG_LEVEL (notice: request lines are logged at info).
set -euo pipefail
cd "$(dirname "$0")/.."

SLUG=${SLUG:-fake-job-offers}
LOCALE=${LOCALE:-vi}
WRITE_LOCALE=${WRITE_LOCALE:-hmn}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
LOG_LEVEL=${LOG_LEVEL:-notice}

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || ! command -v curl >/dev/null; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing wrk, nginx and curl (Debian packages) ..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx curl >/dev/null
    else
        echo "Missing wrk, nginx or curl. Run as root: apt-get update && apt-get install -y wrk nginx curl" >&2
        exit 1
    fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "${LOA:-}" ]; then
    make -s release
    LOA="$PWD/.build/release/loa"
fi

WORK=$(mktemp -d)
SERVER_PID=""
NGINX_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

DB="$WORK/loa.sqlite"
"$LOA" import --database "$DB" >/dev/null
TOKEN=$("$LOA" user add bench-writer --role translator --locales "$WRITE_LOCALE" --database "$DB" 2>/dev/null)

# The API on a free port: port 0, and the port is read from the startup log line.
"$LOA" serve --database "$DB" --host 127.0.0.1 --port 0 --anonymous-read --log-level "$LOG_LEVEL" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 100); do
    PORT=$(grep -o 'port=[0-9]*' "$WORK/server.log" | head -1 | cut -d= -f2 || true)
    [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "$PORT" ] || { echo "loa serve did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }
API="http://127.0.0.1:$PORT"
READ_PATH="/v1/materials/$SLUG/translations/$LOCALE/published"
WRITE_PATH="/v1/materials/$SLUG/translations/$WRITE_LOCALE"

# nginx serves the exact bytes the API returns, from a file, on another free loopback port.
mkdir -p "$WORK/www" "$WORK/nginx-temp"
curl -sf --max-time 5 "$API$READ_PATH" -o "$WORK/www/published.json"
chmod 755 "$WORK" "$WORK/www"
chmod 644 "$WORK/www/published.json"
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    return 1
}
NGINX_PORT=$(free_port)
cat >"$WORK/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx-temp/body;
    proxy_temp_path $WORK/nginx-temp/proxy;
    fastcgi_temp_path $WORK/nginx-temp/fastcgi;
    uwsgi_temp_path $WORK/nginx-temp/uwsgi;
    scgi_temp_path $WORK/nginx-temp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
        default_type application/json;
        location / { try_files /published.json =404; }
    }
}
EOF
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" 2>>"$WORK/nginx-error.log" &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -sf --max-time 1 "http://127.0.0.1:$NGINX_PORT/" -o /dev/null && break; sleep 0.1; done
cmp -s "$WORK/www/published.json" <(curl -sf "http://127.0.0.1:$NGINX_PORT/") || { echo "nginx does not serve the JSON" >&2; exit 1; }

# wrk's output → "req/s p99_ms non2xx"
summarise() {
    awk '
        /Requests\/sec:/ { rps = $2 }
        /^ +99%/ { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v);
                   p99 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v }
        /Non-2xx or 3xx responses:/ { bad = $5 }
        END { printf "%s %.2f %d\n", rps, p99, bad + 0 }'
}
run_wrk() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency "$@"; }

# The server's CPU time (user + system, in clock ticks) so far.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }

echo "Loa API benchmark: $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(wc -c <"$WORK/www/published.json") byte JSON, log level $LOG_LEVEL"
echo "  GET $READ_PATH"
TICKS_BEFORE=$(server_ticks)
run_wrk "$API$READ_PATH" >"$WORK/api.txt"
TICKS_SHORTCUT=$(( $(server_ticks) - TICKS_BEFORE ))
read -r API_RPS API_P99 API_BAD < <(summarise <"$WORK/api.txt")
run_wrk "http://127.0.0.1:$NGINX_PORT/published.json" >"$WORK/nginx.txt"
read -r NGINX_RPS NGINX_P99 NGINX_BAD < <(summarise <"$WORK/nginx.txt")
printf '  %-28s %10s req/s   p99 %7s ms   non-2xx %s\n' "loa serve" "$API_RPS" "$API_P99" "$API_BAD" "nginx (same bytes, file)" "$NGINX_RPS" "$NGINX_P99" "$NGINX_BAD"
awk -v a="$API_RPS" -v n="$NGINX_RPS" -v p="$API_P99" 'BEGIN {
    printf "  ratio loa/nginx: %.2f (target >= 0.50); loa p99 %.2f ms (target < 10 ms)\n", a / n, p }'

# The same read through the router: a query makes the event-loop shortcut hand the request on, and the
# route ignores it. Server CPU per request for both paths, from /proc.
TICKS_BEFORE=$(server_ticks)
run_wrk "$API$READ_PATH?via=router" >"$WORK/router.txt"
TICKS_ROUTER=$(( $(server_ticks) - TICKS_BEFORE ))
read -r ROUTER_RPS ROUTER_P99 ROUTER_BAD < <(summarise <"$WORK/router.txt")
SHORTCUT_REQUESTS=$(awk '/requests in/ { print $1 }' "$WORK/api.txt")
ROUTER_REQUESTS=$(awk '/requests in/ { print $1 }' "$WORK/router.txt")
printf '  %-28s %10s req/s   p99 %7s ms   non-2xx %s\n' "loa serve, via the router" "$ROUTER_RPS" "$ROUTER_P99" "$ROUTER_BAD"
awk -v ts="$TICKS_SHORTCUT" -v tr="$TICKS_ROUTER" -v rs="$SHORTCUT_REQUESTS" -v rr="$ROUTER_REQUESTS" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    printf "  server CPU per read: %.1f us answered from the cache on the event loop, %.1f us through the router\n",
        ts / hz * 1e6 / rs, tr / hz * 1e6 / rr }'

# Mixed run: 10 % PUTs of a draft with If-Match, 90 % GETs of the published text.
ETAG=$(curl -s --max-time 5 -o /dev/null -D - -H "Authorization: Bearer $TOKEN" "$API$WRITE_PATH" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" { print $2 }')
cat >"$WORK/mixed.lua" <<'EOF'
local token, read_path, write_path = os.getenv("BENCH_TOKEN"), os.getenv("BENCH_READ"), os.getenv("BENCH_WRITE")
local etag = os.getenv("BENCH_ETAG") or ""
local counter = 0
request = function()
    if math.random() < 0.1 then
        counter = counter + 1
        local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
        if etag ~= "" then headers["If-Match"] = etag end
        local body = '{"title": "Bench ' .. counter .. '", "summary": "Bench", "body": "Kab lus ' .. counter .. '.\\n"}'
        return wrk.format("PUT", write_path, headers, body)
    end
    return wrk.format("GET", read_path)
end
response = function(status, headers, body)
    -- Only PUT answers carry the draft's ETag: a saved state (it has "head") or a 412 naming the current head.
    local tag = headers["ETag"] or headers["etag"] or headers["Etag"]
    if tag and (status == 412 or body:find('"head"', 1, true)) then etag = tag end
end
EOF
BENCH_TOKEN="$TOKEN" BENCH_READ="$READ_PATH" BENCH_WRITE="$WRITE_PATH" BENCH_ETAG="$ETAG" \
    run_wrk -s "$WORK/mixed.lua" "$API" >"$WORK/mixed.txt"
read -r MIX_RPS MIX_P99 MIX_BAD < <(summarise <"$WORK/mixed.txt")
REVISIONS=$(curl -s --max-time 5 -H "Authorization: Bearer $TOKEN" "$API$WRITE_PATH" | grep -o '"number":[0-9]*' | head -1 | cut -d: -f2)
printf '  %-28s %10s req/s   p99 %7s ms   412s and other non-2xx %s; head revision now %s\n' \
    "mixed 90% GET / 10% PUT" "$MIX_RPS" "$MIX_P99" "$MIX_BAD" "${REVISIONS:-?}"

HWM=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")
awk -v k="$HWM" 'BEGIN { printf "  loa serve peak memory (VmHWM): %.1f MiB (target < 128 MiB)\n", k / 1024 }'
if grep -q '"error"\|level=error\| error ' "$WORK/server.log"; then
    echo "  server log has errors:"; grep -m5 'error' "$WORK/server.log" | sed 's/^/    /'
fi
