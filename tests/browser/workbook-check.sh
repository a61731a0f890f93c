#!/usr/bin/env bash
# The spreadsheet round trip through LibreOffice Calc: the example's workbook from
# `kyoten export xlsx`, opened and saved again by Calc as .ods and as .xlsx, then
# read back with `kyoten import xlsx` — each must change nothing (dates, text cells
# with leading zeros, 〇 marks and drop-down labels survive Calc). Changing cells
# and the errors are tested in tests/workbook.rs. Needs soffice (libreoffice-calc-nogui).
# Usage: bash workbook-check.sh REPO
set -euo pipefail
repo="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$repo/data" "$work/data"
kyoten() { (cd "$repo" && cargo run --quiet -- "$@"); }
kyoten export xlsx "$work/book.xlsx" --from "$work/data" 2>"$work/export.log"
head -1 "$work/export.log" | sed 's/^/  /'
lo=(soffice "-env:UserInstallation=file://$work/profile" --headless)
"${lo[@]}" --convert-to ods --outdir "$work/ods" "$work/book.xlsx" >/dev/null
"${lo[@]}" --convert-to xlsx --outdir "$work/xlsx" "$work/book.xlsx" >/dev/null
version=$(soffice --version | head -1)
cp -r "$work/data" "$work/before"
for saved in "$work/ods/book.ods" "$work/xlsx/book.xlsx"; do
  if ! kyoten import xlsx "$saved" --into "$work/data" 2>"$work/import.log"; then
    cat "$work/import.log" >&2
    echo "workbook: $(basename "$saved") as saved by $version was refused" >&2
    exit 1
  fi
  if ! diff -r "$work/before" "$work/data" >/dev/null || ! grep -q "nothing changed" "$work/import.log"; then
    cat "$work/import.log" >&2
    diff -r "$work/before" "$work/data" | head -20 >&2 || true
    echo "workbook: $(basename "$saved") as saved by $version changed the data" >&2
    exit 1
  fi
  echo "workbook: $(basename "$saved") saved by $version: imported, 0 files changed"
done
