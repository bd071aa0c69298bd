#!/usr/bin/env bash
# Check compactproof HTML reports in headless Chromium with axe-core.
#
#   tests/browser/run.sh FILE.html...   check these reports
#   tests/browser/run.sh                render the built-in sample reports and compliance
#                                       annexes and check them
#
# Needs node (18 or newer) and Chromium at /usr/bin/chromium (Debian: apt-get install -y
# chromium) or at $CHROMIUM. Installs the pinned npm packages with `npm ci` (no browser is
# downloaded: puppeteer-core drives the system's Chromium). Exits 0 when every check passes,
# 1 when a check fails, 2 when something needed is missing.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "run.sh: node and npm are needed (apt-get install -y nodejs npm)" >&2
  exit 2
fi
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "run.sh: no Chromium at $chromium (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 2
fi

files=()
if [ $# -eq 0 ]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
  echo "== rendering the sample reports and annexes into $out"
  # One filter runs both writers: render::html::tests:: and render::annex::tests::.
  (cd "$root" && COMPACTPROOF_SAMPLE_HTML_DIR="$out" \
    cargo test --quiet --lib write_sample_pages_for_the_browser_check >/dev/null)
  files=("$out"/*.html)
else
  for f in "$@"; do
    if [ ! -f "$f" ]; then
      echo "run.sh: no such file: $f" >&2
      exit 2
    fi
    files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
  done
fi

echo "== installing the checker's npm packages"
(cd "$here" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)

echo "== checking ${#files[@]} file(s) in Chromium"
cd "$here"
CHROMIUM="$chromium" node check-html.mjs "${files[@]}"
