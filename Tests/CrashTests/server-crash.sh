#!/usr/bin/env bash
# Part 3 of the crash test: `loa serve` under write load, killed with SIGKILL at random moments.
# Every save the server acknowledged (200/201 with an ETag) must be in the store afterwards, and
# `loa check` must pass. Usage: server-crash.sh LOA ROUNDS WORKDIR
set -uo pipefail
LOA=$1; ROUNDS=$2; WORK=$3
cd "$(dirname "$0")/../.."
db="$WORK/server.sqlite"
"$LOA" import --database "$db" >/dev/null || exit 1
TOKEN=$("$LOA" user add crash-editor --role editor --database "$db" 2>/dev/null) || exit 1
acked="$WORK/acknowledged.txt"; : > "$acked"
failures=0; kills=0
for round in $(seq 1 "$ROUNDS"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  "$LOA" serve --port "$port" --database "$db" --log-level error >/dev/null 2>&1 &
  server=$!
  # The writer saves new drafts of one material as fast as it can and records every acknowledged ETag.
  python3 - "$port" "$TOKEN" "$acked" "$round" <<'PY' &
import http.client, json, sys, time
port, token, acked, round_ = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
path = "/v1/materials/fake-job-offers/translations/vi"
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
deadline = time.time() + 5
etag = None
n = 0
while time.time() < deadline:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        if etag is None:
            c.request("GET", path, headers=headers); r = c.getresponse(); r.read()
            etag = r.getheader("ETag"); continue
        n += 1
        body = json.dumps({"title": "Cảnh giác (vòng %s, lần %d)" % (round_, n), "summary": "Bản thử.", "body": "Nội dung %s-%d.\n" % (round_, n)})
        c.request("PUT", path, body=body.encode(), headers=dict(headers, **{"If-Match": etag}))
        r = c.getresponse(); r.read()
        if r.status in (200, 201):
            etag = r.getheader("ETag")
            with open(acked, "a") as f:
                f.write(etag.strip('"') + "\n"); f.flush()
        elif r.status == 412:
            etag = r.getheader("ETag")
    except Exception:
        time.sleep(0.05)
PY
  writer=$!
  sleep "$(python3 -c 'import random; print(random.uniform(0.8, 2.5))')"
  kill -9 "$server" 2>/dev/null && kills=$((kills + 1))
  wait "$server" 2>/dev/null; kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
done
"$LOA" check --database "$db" >/dev/null 2>&1 || { echo "FAIL: loa check after the server was killed"; failures=$((failures + 1)); }
read -r total missing < <("$LOA" history fake-job-offers vi --json --database "$db" | python3 -c '
import json, sys
stored = {r["info"]["hash"] for r in json.load(sys.stdin)}
acked = {line.strip() for line in open(sys.argv[1]) if line.strip()}
print(len(acked), len(acked - stored))' "$acked")
echo "   server killed: $kills times, acknowledged saves: $total, missing after restart: $missing"
(( missing == 0 )) || failures=$((failures + 1))
exit $(( failures > 0 ))
