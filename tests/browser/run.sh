#!/usr/bin/env bash
# Browser gates: build the example site, then Nu Html Checker over every page,
# axe-core in headless Chromium over every page, and internal links/fragments,
# the search queries, and Lighthouse on the pages of the three journeys.
# Needs: java, node/npm, /usr/bin/chromium (Debian package `chromium`), zbarimg
# (zbar-tools) and soffice (libreoffice-calc-nogui).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$repo/target/gate-site}"

cd "$repo"
cargo run --quiet -- build --root "$repo" --output "$out"

cd "$here"
if [ ! -d node_modules/vnu-jar ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/@mapbox/geojsonhint ] || [ ! -d node_modules/lighthouse ]; then
  npm install --no-audit --no-fund --loglevel=error
fi

# Each gate records what it checked here; when all have passed, the example's
# data/accessibility-results.yaml is rewritten (the 試験結果 on /accessibility/).
results=$(mktemp)
export KYOTEN_GATES_RESULTS=$results
html_pages=$(find "$out" -name '*.html' | wc -l)

echo "== Nu Html Checker (errors only)"
vnu=node_modules/vnu-jar/build/dist/vnu.jar
find "$out" -name '*.html' -print0 | xargs -0 java -jar "$vnu" --errors-only --format gnu
echo "vnu: 0 errors in $html_pages pages"
echo "{\"check\":\"nu\",\"tool\":\"Nu Html Checker (vnu-jar $(node -p 'require("vnu-jar/package.json").version'))\",\"pages\":$html_pages,\"failures\":0}" >>"$results"

echo "== geojsonhint (RFC 7946) on the open data"
for f in "$out/data/providers.geojson" "$out/data/municipalities.geojson"; do
  node_modules/.bin/geojsonhint "$f"
  echo "geojsonhint: $(basename "$f") ok"
done

echo "== LibreOffice Calc: the open data CSVs open with every cell in its column"
node csv-check.mjs "$out"

echo "== LibreOffice Calc: the staff workbook saved by Calc comes back unchanged"
bash workbook-check.sh "$repo"

echo "== maps: first view on a phone (tap areas, symbols, frame)"
node map-check.mjs "$out"

echo "== axe-core, links, map filters and external requests in headless Chromium"
node gates.mjs "$out"

echo "== search: real queries in headless Chromium"
node search-check.mjs "$out"

echo "== Lighthouse (mobile): performance and accessibility of the journeys' pages"
node lighthouse.mjs "$out"

echo "== accessibility statement: the results above, for /accessibility/"
node write-results.mjs "$results" "$html_pages" "$(/usr/bin/chromium --version 2>/dev/null | head -1)" "$repo/data/accessibility-results.yaml"
rm -f "$results"
