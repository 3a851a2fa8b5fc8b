#!/usr/bin/env bash
# Screenshots of the test site opened from file:// in headless Chromium: one page per script family
# (Latin Vietnamese, Tai Viet, Khmer), plus the Vietnamese page printed to A4 PDF. Not part of `swift test`.
#
#   Tests/SiteExportTests/screenshots.sh [OUTPUT_FOLDER]      (default: build/screenshots)
#
# Installs chromium and fonts-noto-core (Khmer and Tai Viet glyphs) with apt-get when missing. The site is
# written by the test "Writes a site for screenshots when asked" (LOA_SITE_SCREENSHOT_DIR). Set
# SWIFT_PACKAGE_PATH to run the tests of another package (a developer's private package, for example).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mkdir -p "${1:-build/screenshots}" && cd "${1:-build/screenshots}" && pwd)"
need=()
command -v chromium >/dev/null || need+=(chromium)
fc-list 2>/dev/null | grep -q "Noto Sans Khmer" || need+=(fonts-noto-core)
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]} ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
LOA_SITE_SCREENSHOT_DIR="$work/site" swift test --package-path "${SWIFT_PACKAGE_PATH:-.}" --filter siteForScreenshots >/dev/null
shoot() {
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
        --window-size=720,1000 --screenshot="$out/$1.png" "file://$work/site/$2" 2>/dev/null
    echo "$out/$1.png  <-  file://.../$2"
}
shoot latin-vietnamese vi/fake-job-offers.html
shoot tai-viet twh/fake-job-offers.html
shoot khmer km/fake-job-offers.html
shoot root index.html
shoot fallback-tay tyz/where-to-get-help.html
chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" --no-pdf-header-footer \
    --print-to-pdf="$out/leaflet-vi.pdf" "file://$work/site/vi/fake-job-offers.html" 2>/dev/null
echo "$out/leaflet-vi.pdf"
if command -v pdftoppm >/dev/null; then
    pdftoppm -png -r 60 -f 1 -l 1 "$out/leaflet-vi.pdf" "$out/leaflet-vi"
    echo "$out/leaflet-vi-1.png"
fi
