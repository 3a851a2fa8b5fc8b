#!/usr/bin/env bash
# Crash test (issue 9): kills `loa import`, `loa export site` and a server under write load with SIGKILL at
# random moments, ROUNDS times each, then checks that nothing acknowledged was lost and nothing is half-written.
# Prints its counts; exits non-zero when any check fails.
#
#   Tests/CrashTests/crash-test.sh [ROUNDS]        (default 50; builds loa with `make release` first)
set -uo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-50}
make -s release >/dev/null || exit 1
LOA="$PWD/.build/release/loa"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
random_delay() { python3 -c "import random; print(random.uniform(0.0, $1))"; }
# Seconds a command takes to finish uninterrupted (output discarded). Kill moments are drawn from a little more
# than that, so most kills land mid-run however fast the machine and the code are.
duration_of() {
  local start; start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  python3 -c "print(max(0.05, ($(date +%s.%N) - $start) * 1.2))"
}

# A corpus large enough that a kill lands in the middle of the work: the default corpus plus generated materials.
corpus="$work/corpus"; mkdir -p "$corpus"
cp -r Content "$corpus/Content"; cp -r Locales "$corpus/Locales"
for i in $(seq 1 1500); do
  d="$corpus/Content/generated-$i"; mkdir -p "$d"
  printf 'slug: generated-%s\ntopics: [community]\naudiences: [everyone]\nsource_locale: vi\nchannels: [website]\n' "$i" > "$d/material.yaml"
  printf -- '---\ntitle: Tài liệu thử %s\nsummary: Bản tóm tắt số %s.\nstatus: published\n---\nĐoạn văn thử nghiệm số %s về phòng chống mua bán người.\n' "$i" "$i" "$i" > "$d/vi.md"
  printf -- '---\ntitle: Test material %s\nsummary: Summary %s.\nstatus: published\n---\nTest paragraph %s.\n' "$i" "$i" "$i" > "$d/en.md"
done

import_window=$(duration_of "$LOA" import --content "$corpus/Content" --locales "$corpus/Locales" --database "$work/timing.sqlite")
echo "== 1. loa import killed at random moments ($ROUNDS rounds, within ${import_window} s)"
killed=0; completed=0
for round in $(seq 1 "$ROUNDS"); do
  db="$work/import-$round.sqlite"
  # Half the rounds start from a database that already holds the corpus, then import a changed corpus.
  if (( round % 2 == 0 )); then "$LOA" import --content "$corpus/Content" --locales "$corpus/Locales" --database "$db" >/dev/null || fail "setup import"; fi
  delay=$(random_delay "$import_window")  # drawn before the start, so python's own start-up is not in it
  "$LOA" import --content "$corpus/Content" --locales "$corpus/Locales" --database "$db" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); else completed=$((completed + 1)); fi
  wait "$pid" 2>/dev/null
  if [ -f "$db" ]; then
    "$LOA" check --database "$db" >/dev/null 2>&1 || fail "round $round: loa check after a killed import"
    count=$("$LOA" status --json --database "$db" 2>/dev/null | python3 -c 'import json,sys; print(len([c for c in json.load(sys.stdin)["cells"] if c["state"] != "missing"]))' 2>/dev/null || echo 0)
    # All or nothing: an import either landed whole or not at all.
    if (( round % 2 == 1 )) && [ "$count" != "0" ] && [ "$count" != "3032" ]; then fail "round $round: partial import ($count translations)"; fi
  fi
done
echo "   killed mid-import: $killed, finished before the kill: $completed, failures so far: $failures"

if "$LOA" export site --help >/dev/null 2>&1; then
  echo "== 2. loa export site killed at random moments ($ROUNDS rounds)"
  db="$work/site.sqlite"; out="$work/site"
  "$LOA" import --content "$corpus/Content" --locales "$corpus/Locales" --database "$db" >/dev/null
  "$LOA" export site --out "$out" --database "$db" >/dev/null 2>&1 || fail "first site export"
  manifest_before=$(sha256sum "$out/manifest.json" | cut -d' ' -f1)
  # An export after an edit rewrites few pages: time one over a copy of the site.
  cp -r "$out" "$work/site-timing"
  export_window=$(duration_of "$LOA" export site --out "$work/site-timing" --database "$db")
  rm -rf "$work/site-timing" "$work/.site-timing"*
  echo "   kills within ${export_window} s"
  killed=0; completed=0
  for round in $(seq 1 "$ROUNDS"); do
    # Every other round changes the content, so a finished export writes a different site.
    if (( round % 2 == 0 )); then
      printf -- '---\ntitle: Tài liệu thử 1 (sửa %s)\nsummary: Bản tóm tắt số 1.\nstatus: published\n---\nĐoạn văn đã sửa %s.\n' "$round" "$round" > "$corpus/Content/generated-1/vi.md"
      "$LOA" import --content "$corpus/Content" --locales "$corpus/Locales" --database "$db" >/dev/null || fail "re-import"
    fi
    # The reference is a clean build: no work folder, no kept texts.
    rm -rf "$out.expected" "$work/.site.expected".*; "$LOA" export site --out "$out.expected" --database "$db" >/dev/null 2>&1
    delay=$(random_delay "$export_window")
    "$LOA" export site --out "$out" --database "$db" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); else completed=$((completed + 1)); fi
    wait "$pid" 2>/dev/null
    now=$(sha256sum "$out/manifest.json" 2>/dev/null | cut -d' ' -f1)
    # The site is either the old complete one or the new complete one: compare whole trees.
    if [ "$now" = "$(sha256sum "$out.expected/manifest.json" | cut -d' ' -f1)" ]; then
      diff -r -q "$out" "$out.expected" >/dev/null || fail "round $round: new manifest but the tree differs from a clean build"
      manifest_before=$now
    elif [ "$now" != "$manifest_before" ]; then
      fail "round $round: the site is neither the old nor the new one"
    fi
  done
  leftovers=$(find "$work" -maxdepth 1 -name '*.tmp*' -o -maxdepth 1 -name '.site*' | wc -l)
  echo "   killed mid-export: $killed, finished before the kill: $completed, staging folders left: $leftovers, failures so far: $failures"
fi

if [ -x Tests/CrashTests/server-crash.sh ]; then
  echo "== 3. server under write load killed at random moments ($ROUNDS rounds)"
  Tests/CrashTests/server-crash.sh "$LOA" "$ROUNDS" "$work" || failures=$((failures + 1))
fi

echo "crash test: $failures failures"
exit $(( failures > 0 ))
