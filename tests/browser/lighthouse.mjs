// Lighthouse (mobile, simulated throttling) on the pages of the three journeys, with
// Debian chromium: performance at least 95 and accessibility 100 on each.
// Usage: node lighthouse.mjs <site-dir>
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "./serve.mjs";
import { record, tool } from "./results.mjs";

const PAGES = ["/", "/m/122327/", "/map/", "/search/?q=" + encodeURIComponent("ショートステイ"), "/compare/", "/recruit/122327/"];
const { origin, close } = await startServer(path.resolve(process.argv[2] || "public"));
const out = fs.mkdtempSync(path.join(os.tmpdir(), "kyoten-lighthouse-"));
const bin = new URL("./node_modules/.bin/lighthouse", import.meta.url).pathname;
let failures = 0;
try {
  for (const p of PAGES) {
    const report = path.join(out, "report.json");
    // Asynchronously: the site's server runs in this process and must keep answering.
    await promisify(execFile)(bin, [origin + p, "--quiet", "--form-factor=mobile", "--only-categories=performance,accessibility",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--output=json", `--output-path=${report}`],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || "/usr/bin/chromium" }, timeout: 180000 });
    const r = JSON.parse(fs.readFileSync(report, "utf8"));
    const perf = Math.round(r.categories.performance.score * 100);
    const a11y = Math.round(r.categories.accessibility.score * 100);
    const a = r.audits;
    const ok = perf >= 95 && a11y === 100;
    if (!ok) failures += 1;
    console.log(`lighthouse ${p}: performance ${perf}, accessibility ${a11y} (LCP ${a["largest-contentful-paint"].displayValue}, CLS ${a["cumulative-layout-shift"].displayValue}, TBT ${a["total-blocking-time"].displayValue})${ok ? "" : " — below 95 / 100"}`);
  }
} finally {
  close();
  fs.rmSync(out, { recursive: true, force: true });
}
console.log(`lighthouse: ${PAGES.length} pages, below 95 performance or 100 accessibility: ${failures}`);
record("lighthouse", tool("lighthouse", "Lighthouse"), PAGES.length, failures);
process.exit(failures === 0 ? 0 : 1);
