// The open data CSVs as a spreadsheet user gets them: each file is opened in
// LibreOffice Calc (headless) as its text import dialog opens it with 文字コード
// Unicode (UTF-8), comma-separated and "-quoted — headless, without that choice, LibreOffice
// reads the bytes as Latin-1 whatever the BOM says — and saved again as CSV; every
// header and cell must come back in its column (numbers may be re-spelt: 35.70 → 35.7).
// Needs Debian's libreoffice-calc-nogui (`soffice`).
// Usage: node csv-check.mjs SITE_DIR
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const site = process.argv[2];
const FILES = ["providers-standard.csv", "municipalities.csv", "contacts.csv", "compare.csv"];

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
function parse(text) {
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell); rows.push(row); row = []; cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
const same = (a, b) => a === b || (a.trim() !== "" && !isNaN(a) && !isNaN(b) && Number(a) === Number(b));

const version = execFileSync("soffice", ["--version"], { encoding: "utf8" }).trim().split("\n")[0];
const work = mkdtempSync(join(tmpdir(), "kyoten-lo-"));
let failures = 0, cells = 0;
try {
  for (const name of FILES) {
    const original = parse(readFileSync(join(site, "data", name), "utf8").replace(/^\uFEFF/, ""));
    // Open as UTF-8 CSV (filter options: comma, double quote, charset 76, from line 1);
    // save the same way with every cell quoted.
    execFileSync("soffice", ["-env:UserInstallation=file://" + join(work, "profile"), "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true', "--outdir", work, join(site, "data", name)], { stdio: "pipe" });
    const back = parse(readFileSync(join(work, name), "utf8").replace(/^\uFEFF/, ""));
    const problems = [];
    if (back.length !== original.length) problems.push(`${original.length} rows, LibreOffice read ${back.length}`);
    original.forEach((row, r) => {
      const got = back[r] || [];
      if (got.length !== row.length && problems.length < 5) problems.push(`row ${r + 1}: ${row.length} columns, LibreOffice read ${got.length}`);
      row.forEach((v, c) => {
        cells += 1;
        if (!same(v, got[c] ?? "") && problems.length < 5) problems.push(`row ${r + 1} column ${original[0][c]}: ${JSON.stringify(v)} came back as ${JSON.stringify(got[c])}`);
      });
    });
    for (const p of problems) console.log(`${name}: ${p}`);
    failures += problems.length;
    console.log(`${name}: ${original.length - 1} rows × ${original[0].length} columns (${original[0].slice(0, 4).join(", ")}, …) ${problems.length ? "MOVED" : "in place"}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`LibreOffice (${version}): ${FILES.length} files, ${cells} cells, problems: ${failures}`);
process.exit(failures === 0 ? 0 : 1);
