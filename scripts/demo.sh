#!/usr/bin/env bash
# The whole pipeline on the default corpus (what `make demo` runs after building):
# import, plan the sample campaign, export the site, its zip and the SMS files, then serve the API.
set -euo pipefail
cd "$(dirname "$0")/.."
LOA=${LOA:-.build/debug/loa}
DATABASE=${DATABASE:-loa.sqlite}
PORT=${PORT:-8080}
CAMPAIGN=Content/campaigns/northern-border-2027.yaml

step() { printf '\n== %s\n' "$*"; }

step "Import Content/ and Locales/ into $DATABASE"
"$LOA" import --database "$DATABASE"

step "Plan the sample campaign ($CAMPAIGN)"
mkdir -p build/plan
"$LOA" plan "$CAMPAIGN" --out build/plan/plan.json --database "$DATABASE" > build/plan/plan.txt
head -n 12 build/plan/plan.txt
echo "   … the whole table is in build/plan/plan.txt; why a region gets what it gets: loa plan explain build/plan/plan.json 08"

step "Export the static site and its zip"
"$LOA" export site --database "$DATABASE" --out build/site --zip build/site.zip

step "Export SMS gateway files from the plan"
"$LOA" export sms --database "$DATABASE" --plan build/plan/plan.json --out build/sms

step "Demo tokens: a viewer (reads everything, changes nothing) and a planner (may also make plans)"
TOKEN=$("$LOA" user token demo --database "$DATABASE" 2>/dev/null || "$LOA" user add demo --role viewer --database "$DATABASE" 2>/dev/null)
PLANNER=$("$LOA" user token demo-planner --database "$DATABASE" 2>/dev/null || "$LOA" user add demo-planner --role planner --database "$DATABASE" 2>/dev/null)

cat <<TXT

Everything is in place:
  database         $DATABASE                 (loa status, loa search buon ban nguoi, loa history fake-job-offers vi)
  plan             build/plan/plan.json, plan.csv, plan.txt, plan.svg (open the SVG in a browser)
  website          build/site/index.html (open from the file system; no internet needed)
  bundle           build/site.zip (one file for USB sticks and phones)
  SMS files        build/sms/messages.csv, messages.json, cost-comparison.csv

The API is starting on http://127.0.0.1:$PORT (Ctrl-C stops it cleanly). Try:
  curl -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/v1/materials
  curl -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/v1/materials/fake-job-offers/translations/vi
  curl -H 'Authorization: Bearer $PLANNER' -H 'Content-Type: application/json' \\
       -d '{"campaign": "northern-border-2027"}' http://127.0.0.1:$PORT/v1/plans
  curl http://127.0.0.1:$PORT/openapi.json
TXT
exec "$LOA" serve --host 127.0.0.1 --port "$PORT" --database "$DATABASE"
