#!/usr/bin/env bash
# Site export benchmark: the same generated corpus (1,000 materials × 10 locales by default) built by Loa's
# site exporter and by Hugo (Debian package hugo) configured as an equivalent multilingual site, in one run.
# Prints both times (wall and CPU: the machine may be shared) and their ratios, Loa's peak memory, and the
# time of rebuilds after one edited translation. Figures only: it never fails on them. Generated files live
# in a temporary folder.
#
#   Benchmarks/site.sh [--materials N] [--locales N]
#
# The headline cold figure is what a user runs: the whole `loa export site` process, from the store into an
# empty folder, against Hugo building the same corpus from its content files (each reads its own input).
# The detail comes from `site-benchmark` (Benchmarks/Sources/site-benchmark), which generates the corpus in
# memory and calls SiteExporter directly: the same code `loa export site` runs after reading the snapshot.
# Its from-store part imports the corpus into a database and times what `loa export site` does with it
# (everything but starting the process and parsing arguments); then `loa export site` itself is timed as a
# whole process, cold and after each of several one-translation edits.
# BENCH_PACKAGE_PATH selects the package that builds it (default: Benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hugo >/dev/null; then
    if [ "$(id -u)" = "0" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
    else
        echo "hugo is not installed (Debian package hugo); run as root or: sudo apt-get install hugo" >&2
        exit 1
    fi
fi
package="${BENCH_PACKAGE_PATH:-Benchmarks}"
swift build -c release --package-path "$package" --product site-benchmark >/dev/null
# `loa` as `make release` builds it for real use (the Swift runtime linked in), in the checkout of that package.
make -s -C "$package/.." release >/dev/null
bin="$(swift build -c release --package-path "$package" --show-bin-path)/site-benchmark"
loa="$(cd "$package/.." && pwd)/.build/release/loa"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Runs a command and sets `wall_ms` and `cpu_ms` (user + system of it and its children) in milliseconds:
# /usr/bin/time's hundredths are too coarse for a command that takes a tenth of a second.
timed_ms() {
    local TIMEFORMAT="%3R %3U %3S" times
    times=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
    read -r wall user system <<< "$times"
    wall_ms=$(echo "$wall * 1000" | bc -l | xargs printf "%.0f")
    cpu_ms=$(echo "($user + $system) * 1000" | bc -l | xargs printf "%.0f")
}

# Runs a command and sets `wall` and `cpu` (user + system seconds of it and its children, to the
# millisecond); its output goes to `$work/timed.txt`.
timed() {
    local TIMEFORMAT="%3R %3U %3S" times
    times=$( { time "$@" >"$work/timed.txt" 2>&1; } 2>&1 )
    read -r wall user system <<< "$times"
    cpu=$(echo "$user + $system" | bc -l | xargs printf "%.3f")
}

"$bin" hugo "$work/hugo" "$@"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== Loa in process, cold (empty output folder; the corpus generated in memory stands in for the store)"
timed "$bin" export "$work/site" "$@"
cp "$work/timed.txt" "$work/cold.txt"
cat "$work/cold.txt"
# The export alone, as the program measures it (the corpus stands in for a snapshot read from the store).
export_cpu=$(sed -n 's/^export: .*(CPU \([0-9.]*\) s).*/\1/p' "$work/cold.txt")
echo "   site-benchmark's whole process, corpus generation included: $wall s (CPU $cpu s)"
echo "== Loa, unchanged rebuild"
"$bin" export "$work/site" "$@"
echo "== Loa, one edited translation at a time (title, summary and body of a different one each time)"
"$bin" export "$work/site" --edits 420,422,423,424,425 "$@"
echo "== Loa from a store, as loa export site does it (open for reading, snapshot without texts, export reading the texts it shows anew)"
"$bin" store "$work/loa.sqlite" "$@" | sed 's/ (ImportSummary.*//'
"$bin" from-store "$work/store-site" --database "$work/loa.sqlite"
for edit in 430 431 432; do
    "$bin" store "$work/loa.sqlite" --edit "$edit" "$@" >/dev/null
    sync
    echo "   one edit (material $edit): $("$bin" from-store "$work/store-site" --database "$work/loa.sqlite")"
done
echo "== loa export site, cold: the whole command as a user runs it, from the store into an empty folder"
sync
timed "$loa" export site --database "$work/loa.sqlite" --out "$work/loa-site"; loa_cold=$wall; loa_cpu=$cpu
echo "   $(find "$work/loa-site" -name '*.html' | wc -l) pages in $loa_cold s (CPU $loa_cpu s) (load average $(cut -d' ' -f1 /proc/loadavg))"
echo "== loa export site after one edited translation, the whole command as a user runs it (process start included)"
# Twenty-one edits, each of another material: one run says little on a shared machine, so the median, the
# 90th percentile and the count over the 100 ms target are printed too.
edit_walls=()
edit_cpus=()
for edit in $(seq 433 453); do
    "$bin" store "$work/loa.sqlite" --edit "$edit" "$@" >/dev/null
    sync
    timed_ms "$loa" export site --database "$work/loa.sqlite" --out "$work/loa-site"
    edit_walls+=("$wall_ms")
    edit_cpus+=("$cpu_ms")
    echo "   one edit (material $edit): ${wall_ms} ms wall, ${cpu_ms} ms CPU (load average $(cut -d' ' -f1 /proc/loadavg))"
done
# The value at fraction $1 of the sorted list of the remaining arguments (nearest rank).
percentile() {
    local fraction=$1
    shift
    printf '%s\n' "$@" | sort -n | awk -v f="$fraction" '{ v[NR] = $1 } END { r = int(f * NR + 0.999999); if (r < 1) r = 1; print v[r] }'
}
over=$(printf '%s\n' "${edit_walls[@]}" | awk '$1 >= 100 { n++ } END { print n + 0 }')
one_edit="median $(percentile 0.5 "${edit_walls[@]}") ms, 90th percentile $(percentile 0.9 "${edit_walls[@]}") ms, max $(percentile 1 "${edit_walls[@]}") ms wall (CPU median $(percentile 0.5 "${edit_cpus[@]}") ms); $over of ${#edit_walls[@]} at 100 ms or more"
echo "   $one_edit"
echo "== Loa, cold with zip"
rm -rf "$work/site" "$work/.site.previous"
"$bin" export "$work/site" --zip "$work/site.zip" "$@"
ls -l "$work/site.zip" | awk '{printf "   zip: %.1f MiB\n", $5 / 1048576}'

echo "== Hugo $(hugo version | cut -d' ' -f2), cold"
rm -rf "$work/hugo/public" "$work/hugo/resources"
timed hugo --quiet --source "$work/hugo" --destination "$work/hugo-out"; hugo_cold=$wall; hugo_cpu=$cpu
echo "   $(find "$work/hugo-out" -name '*.html' | wc -l) pages in $hugo_cold s (CPU $hugo_cpu s)"
echo "== Result"
echo "Loa cold (loa export site, whole process, from the store into an empty folder): $loa_cold s (CPU $loa_cpu s); Hugo cold: $hugo_cold s (CPU $hugo_cpu s)"
echo "Loa/Hugo = $(echo "$loa_cold / $hugo_cold" | bc -l | xargs printf "%.2f") wall, $(echo "$loa_cpu / $hugo_cpu" | bc -l | xargs printf "%.2f") CPU (target: at most 0.25)"
echo "loa export site after one edit (whole process): $one_edit (target: under 100 ms)"
echo "Detail: SiteExporter alone in process (no store, no process start): CPU $export_cpu s, $(echo "$export_cpu / $hugo_cpu" | bc -l | xargs printf "%.2f") of Hugo's CPU"
echo "machine at the end: load average $(cut -d' ' -f1-3 /proc/loadavg)"
