#!/usr/bin/env bash
# Markdown rendering benchmark: MarkdownRenderer vs the `cmark` command on a generated 20 MB corpus, and
# pathological inputs at 1–16 MB. Prints figures, never fails on them. Extra arguments go to the program
# (--megabytes N, --runs N, --no-pathological). Generated files live in a temporary folder that is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cmark >/dev/null; then
    echo "note: the cmark command is not installed (Debian package cmark); comparisons will say n/a" >&2
fi
swift build -c release --package-path Benchmarks --product markdown-benchmark
swift run -c release --skip-build --package-path Benchmarks markdown-benchmark "$@"
