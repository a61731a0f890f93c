// Writes the gates' results (JSON lines from results.mjs) as the site's
// data/accessibility-results.yaml, rendered on /accessibility/ as 試験結果.
// Usage: node write-results.mjs RESULTS.jsonl PAGES "BROWSER" OUT.yaml
import { readFileSync, writeFileSync } from "node:fs";

const [, , from, pages, browser, out] = process.argv;
const rows = readFileSync(from, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const q = (s) => JSON.stringify(String(s));
const today = new Date().toISOString().slice(0, 10);
let yaml = "# 試験結果 of the accessibility statement (/accessibility/). Written by\n";
yaml += "# tests/browser/run.sh after every gate passed; run the gates again to update it.\n";
yaml += `tested_on: ${today}\npages: ${Number(pages)}\nbrowser: ${q(browser)}\nresults:\n`;
for (const r of rows) {
  yaml += `  - check: ${r.check}\n    tool: ${q(r.tool)}\n    pages: ${Number(r.pages)}\n    failures: ${Number(r.failures)}\n`;
}
writeFileSync(out, yaml);
console.log(`accessibility results: ${rows.length} checks of ${pages} pages written to ${out}`);
