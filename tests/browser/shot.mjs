// Screenshot helper for looking at pages as a person would.
// node shot.mjs URL OUT.png [width=390] [selector] [--no-js]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [url, out, width = "390", selector, flag] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kyoten-shot-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  javaScriptEnabled: flag !== "--no-js" && selector !== "--no-js",
  viewport: { width: Number(width), height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  if (selector && selector !== "--no-js") await page.locator(selector).first().screenshot({ path: out });
  else await page.screenshot({ path: out, fullPage: true });
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
