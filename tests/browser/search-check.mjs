// Runs every query of search-queries.json on /search/?q=… in headless Chromium and checks
// that each expected page is among the first 10 results of its kind that a user sees
// (and a query's `first` page leads its kind).
// Also reports the bytes the first query transfers, the time to its first result and
// the layout shift while results replace the 五十音 list (fails at CLS 0.1 or more).
// Usage: node search-check.mjs <site-dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { startServer } from "./serve.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const { origin, close } = await startServer(path.resolve(process.argv[2] || "public"));
// KYOTEN_SEARCH_QUERIES: another query file (scripts/bench measures the first query on its corpus).
const queries = JSON.parse(fs.readFileSync(process.env.KYOTEN_SEARCH_QUERIES || new URL("./search-queries.json", import.meta.url)));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kyoten-search-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  bypassCSP: true, // only so axe can be injected; the search itself ran under the page's CSP in gates

  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let failures = 0;
let firstQuery = null;
try {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // First query, cold: count the bytes of every response after the page itself.
  let bytes = 0;
  let counting = false;
  page.on("response", async (r) => {
    if (!counting) return;
    try { bytes += (await r.body()).length; } catch { /* redirects */ }
  });
  for (const [i, { q, expect, first }] of queries.entries()) {
    if (i === 0) counting = true;
    await page.goto(`${origin}/search/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /検索結果|見つかりません|読み込めません/.test(document.getElementById("search-status").textContent), null, { timeout: 15000 });
    if (i === 0) {
      counting = false;
      // The results as a user sees them must pass axe too.
      await page.addScriptTag({ content: axeSource });
      const v = await page.evaluate(async () => (await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] })).violations.map((x) => x.id));
      for (const id of v) { failures += 1; console.log(`axe on search results: ${id}`); }
      firstQuery = { q, bytes, ms: Number(await page.getAttribute("#search-results", "data-ms")) };
      // Results replace the 五十音 list without moving what is on screen (CLS < 0.1), and
      // the page has one search box (the header's is left out on /search/).
      firstQuery.cls = await page.evaluate(() => new Promise((done) => {
        let sum = 0;
        new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) sum += e.value; }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => done(sum), 200);
      }));
      if (firstQuery.cls >= 0.1) { failures += 1; console.log(`search results shift the layout: CLS ${firstQuery.cls.toFixed(3)}`); }
      const boxes = await page.locator("input[type=search]").count();
      if (boxes !== 1) { failures += 1; console.log(`/search/ has ${boxes} search boxes`); }
    }
    const groups = await page.evaluate(() => [...document.querySelectorAll("#search-results .result-group")].map((g) => [...g.querySelectorAll("a")].slice(0, 10).map((a) => new URL(a.href).pathname)));
    const seen = groups.flat();
    const missing = (expect || []).filter((u) => !seen.includes(u));
    // `first`: the page whose title is or starts with the query leads its kind's results.
    if (first && !groups.some((g) => g[0] === first)) {
      failures += 1;
      console.log(`search "${q}": ${first} is not first of its kind; got ${groups.map((g) => g[0]).join(", ")}`);
    }
    if (missing.length > 0) {
      failures += 1;
      console.log(`search "${q}": missing ${missing.join(", ")}; got ${seen.slice(0, 12).join(", ") || "nothing"}`);
    }
  }
  for (const e of errors) { failures += 1; console.log(`page error: ${e}`); }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  close();
}
console.log(`search queries: ${queries.length}, failed: ${failures}; first query "${firstQuery?.q}": ${firstQuery?.bytes} bytes transferred (uncompressed bodies), ${firstQuery?.ms} ms to results, layout shift ${firstQuery?.cls?.toFixed(3)}`);
process.exit(failures === 0 ? 0 : 1);
