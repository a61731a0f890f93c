// Browser gates over a built site: axe-core (WCAG 2.1 A/AA) in headless Chromium
// on every page, and every internal link and #fragment resolving.
// Usage: node gates.mjs <site-dir>    (Debian chromium at /usr/bin/chromium or $CHROMIUM)
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { startServer, resolveFile as resolveFileIn } from "./serve.mjs";
import { record, tool } from "./results.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const siteDir = path.resolve(process.argv[2] || "public");
const { server, origin, close } = await startServer(siteDir);
const resolveFile = (urlPath) => resolveFileIn(siteDir, urlPath);

// KYOTEN_GATES_PAGES: a file of URL paths to check instead of every page (scripts/bench
// checks a nationwide build's largest pages this way; links still resolve against the whole site).
const pages = [];
if (process.env.KYOTEN_GATES_PAGES) pages.push(...fs.readFileSync(process.env.KYOTEN_GATES_PAGES, "utf8").split("\n").filter(Boolean));
else (function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith(".html")) pages.push("/" + path.relative(siteDir, p).split(path.sep).join("/").replace(/index\.html$/, ""));
  }
})(siteDir);
pages.sort();

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kyoten-chromium-"));
const tmpDirs = [profile];
const freshProfile = (name) => { const d = fs.mkdtempSync(path.join(os.tmpdir(), name)); tmpDirs.push(d); return d; };
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  bypassCSP: true, // axe is injected as an inline script; the pages themselves forbid inline script
  viewport: { width: 390, height: 844 }, // mobile first: every page is checked at phone width
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
const externalRequests = [];
const consoleErrors = [];
let violations = 0;
let overflowing = 0;
let chartPages = 0;
let chooserPages = 0;
let chooserMisses = 0;
let smallChartText = 0;
let furiganaMisses = 0;
const ids = new Map();
const links = [];
try {
  const page = await context.newPage();
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) externalRequests.push(`${r.url()} (from ${page.url()})`); });
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(`${page.url()}: ${m.text()}`); });
  page.on("pageerror", (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  for (const p of pages) {
    await page.goto(origin + p, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    });
    for (const v of result) {
      violations += 1;
      console.log(`axe ${p}: ${v.id} — ${v.help} at ${v.nodes.join(", ")}`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) {
      overflowing += 1;
      console.log(`phone width: ${p} scrolls sideways by ${overflow}px`);
    }
    // The comparison's column chooser: each group shows the municipality and its own
    // columns; すべての列 shows every column (radio buttons, no script needed).
    if (await page.$("#cols-all")) {
      const seen = {};
      for (const id of ["cols-functions", "cols-follow", "cols-all", "cols-status"]) {
        await page.check(`#${id}`);
        seen[id] = await page.evaluate(() => [...document.querySelectorAll("#compare-table thead th")].filter((th) => th.offsetParent).length);
      }
      const total = await page.evaluate(() => document.querySelectorAll("#compare-table thead th").length);
      chooserPages += 1;
      if (seen["cols-all"] !== total || ["cols-functions", "cols-follow", "cols-status"].some((k) => !(seen[k] > 1 && seen[k] < total)) || seen["cols-functions"] !== 7) {
        chooserMisses += 1;
        console.log(`column chooser ${p}: ${JSON.stringify(seen)} of ${total}`);
      }
    }
    // Chart text is at least 12 px as drawn on the phone (the SVG scales with its box).
    const smallest = await page.evaluate(() => Math.min(Infinity, ...[...document.querySelectorAll(".chart-svg text")].map((t) => {
      const m = t.getScreenCTM();
      return m ? parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) : Infinity;
    })));
    if (smallest < 12) {
      smallChartText += 1;
      console.log(`phone width: ${p} draws chart text at ${smallest.toFixed(1)}px`);
    }
    if (Number.isFinite(smallest)) chartPages += 1;
    // The ふりがな switch shows exactly on pages that have ふりがな.
    const furigana = await page.evaluate(() => { const b = document.getElementById("furigana-toggle"); return { shown: !!b && !b.hidden, ruby: !!document.querySelector("ruby") }; });
    if (furigana.shown !== furigana.ruby) {
      furiganaMisses += 1;
      console.log(`furigana switch on ${p}: shown ${furigana.shown}, ruby on the page ${furigana.ruby}`);
    }
    const info = await page.evaluate(() => ({
      ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
      hrefs: [...document.querySelectorAll("a[href], link[href]")].map((a) => a.getAttribute("href")),
      srcs: [...document.querySelectorAll("script[src], img[src]")].map((s) => s.getAttribute("src")),
    }));
    ids.set(p, new Set(info.ids));
    for (const h of [...info.hrefs, ...info.srcs]) links.push({ from: p, href: h });
  }
} finally {
  await context.close();
}

// Map filters: a pre-rendered view (/map/<facet>/<key>/, no JavaScript) and the same
// filter applied in place on /map/?<facet>=<key> (JavaScript) must list the same providers.
let filterMismatches = 0;
let keyboardPages = 0;
let keyboardMisses = 0;
let filterViews = 0;
const mapViews = pages.filter((p) => /^\/map\/[^/]+\/[^/]+\/$/.test(p));
if (mapViews.length > 0) {
  const noJs = await chromium.launchPersistentContext(freshProfile("kyoten-nojs-"), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    javaScriptEnabled: false,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const withJs = await chromium.launchPersistentContext(freshProfile("kyoten-js-"), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const origin2 = origin;
  const a = await noJs.newPage();
  const b = await withJs.newPage();
  const visible = (pg) => pg.evaluate(() => [...document.querySelectorAll(".map-item")].filter((li) => !li.hidden && li.offsetParent !== null).map((li) => li.dataset.id).sort());
  // Providers the map shows: markers drawn alone, and those a shown cluster stands for.
  const markers = (pg) => pg.evaluate(() => [...document.querySelectorAll("#map-providers .marker")].filter((m) => getComputedStyle(m).display !== "none").flatMap((m) => (m.dataset.members ? m.dataset.members.split(" ") : [m.dataset.id])).sort());
  for (const v of mapViews) {
    const [, , facet, key] = v.split("/");
    await a.goto(origin2 + v);
    // Only a filter page of a one-scope map has a JavaScript twin (/map/?facet=key);
    // a large site's /map/pref/… and /map/m/… pages are scopes of their own.
    if (await a.evaluate(() => document.querySelector("[data-map-page]")?.dataset.mapPage) !== "facet") continue;
    await b.goto(`${origin2}/map/?${facet}=${encodeURIComponent(key)}`);
    const [x, y, mx, my] = [await visible(a), await visible(b), await markers(a), await markers(b)];
    filterViews += 1;
    if (JSON.stringify(x) !== JSON.stringify(y) || JSON.stringify(mx) !== JSON.stringify(my)) {
      filterMismatches += 1;
      console.log(`map filter ${facet}=${key}: without JS ${x.join(",")} / markers ${mx.join(",")}; with JS ${y.join(",")} / markers ${my.join(",")}`);
    }
  }
  // Without JavaScript the select form cannot work, so it must not show.
  await a.goto(origin2 + "/map/");
  if (await a.evaluate(() => { const f = document.getElementById("map-filter"); return !!f && f.offsetParent !== null; })) {
    filterMismatches += 1;
    console.log("map filter: the select form shows without JavaScript");
  }
  // Keyboard alone reaches every marker on every page with a map.
  for (const p of pages.filter((p) => p === "/map/" || /^\/m\/\d{6}\/$/.test(p))) {
    await b.goto(origin2 + p);
    const total = await b.evaluate(() => [...document.querySelectorAll("figure.map .marker")].filter((m) => getComputedStyle(m).display !== "none").length);
    const reached = new Set();
    for (let i = 0; i < total + 200 && reached.size < total; i++) {
      await b.keyboard.press("Tab");
      const id = await b.evaluate(() => { const a = document.activeElement; return a && a.classList && a.classList.contains("marker") ? a.dataset.id : null; });
      if (id) reached.add(id);
    }
    keyboardPages += 1;
    if (reached.size !== total) { keyboardMisses += 1; console.log(`keyboard: ${p} reached ${reached.size} of ${total} markers`); }
  }
  await noJs.close();
  await withJs.close();
}
// The line that answers now: on every page whose contacts have hours, contact.js marks
// each timed contact as answering or not at a fixed Japan time, and the one answering
// gets the red button. On 大阪市 (the example site) the wards' centres answer on a
// weekday at 10:00, the night line at 22:00 and on 成人の日 (a 祝日) at 10:00.
let nowChecks = 0;
let nowMisses = 0;
const timedPages = pages.filter((p) => /^\/m\/\d{6}\/$/.test(p));
if (timedPages.length > 0) {
  const ctx = await chromium.launchPersistentContext(freshProfile("kyoten-now-"), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const moments = { weekday10: "2026-12-08T10:00:00+09:00", weekday22: "2026-12-08T22:00:00+09:00", holiday10: "2027-01-11T10:00:00+09:00" };
  const expect = {
    "/m/271004/": { weekday10: [".ward-contacts"], weekday22: ["#contact .contact-lines > li"], holiday10: ["#contact .contact-lines > li"] },
  };
  for (const p of timedPages) {
    for (const [name, at] of Object.entries(moments)) {
      const pg = await ctx.newPage();
      await pg.clock.setFixedTime(new Date(at));
      await pg.goto(origin + p, { waitUntil: "load" });
      const r = await pg.evaluate(() => {
        const timed = [...document.querySelectorAll("#contact [data-hours]")];
        return {
          timed: timed.length,
          marked: timed.filter((e) => e.classList.contains("answers-now") || e.classList.contains("closed-now")).length,
          answering: timed.filter((e) => e.classList.contains("answers-now")).map((e) => (e.matches(".ward-contacts") ? ".ward-contacts" : "#contact .contact-lines > li")),
          redWhileClosed: timed.filter((e) => e.classList.contains("closed-now") && e.querySelector("a.tel:not(.tel-plain)")).length,
          plainWhileOpen: timed.filter((e) => e.classList.contains("answers-now") && e.querySelector("a.tel-plain")).length,
        };
      });
      await pg.close();
      if (r.timed === 0) break;
      nowChecks += 1;
      const want = expect[p]?.[name];
      const wrong = r.marked !== r.timed || r.redWhileClosed > 0 || r.plainWhileOpen > 0 || (want && JSON.stringify(r.answering) !== JSON.stringify(want));
      if (wrong) { nowMisses += 1; console.log(`answers now: ${p} at ${at}: ${JSON.stringify(r)}${want ? ` (want ${JSON.stringify(want)})` : ""}`); }
    }
  }
  await ctx.close();
}
// Each recruitment flyer and 緊急連絡先カード prints on one A4 page (Chromium's own PDF, counted by its page objects),
// and its QR code, read by zbarimg (apt zbar-tools) from a screenshot, is the page's own address.
let flyers = 0;
let flyerMisses = 0;
let qrRead = 0;
let qrMisses = 0;
const zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].find((f) => fs.existsSync(f));
const flyerPages = pages.filter((p) => /^\/recruit\/\d{6}\/$/.test(p) || /^\/m\/\d{6}\/card\/$/.test(p));
if (flyerPages.length > 0) {
  const ctx = await chromium.launchPersistentContext(freshProfile("kyoten-print-"), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const pg = await ctx.newPage();
  for (const p of flyerPages.slice(0, 50)) {
    await pg.goto(origin + p, { waitUntil: "load" });
    const pdf = await pg.pdf({ preferCSSPageSize: true });
    const count = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) || []).length;
    flyers += 1;
    if (count !== 1) { flyerMisses += 1; console.log(`${p} prints on ${count} pages, not one`); }
    const qr = pg.locator(".flyer-qr svg");
    if ((await qr.count()) === 1) {
      // The flyer's code opens the flyer; the card's opens the address its caption prints.
      const shown = pg.locator(".flyer-qr .url");
      const want = (await shown.count()) ? (await shown.textContent()).trim() : await pg.locator('link[rel="canonical"]').getAttribute("href");
      if (!zbarimg) { qrMisses += 1; console.log(`${p}: cannot read its QR code: zbarimg not found (apt install zbar-tools)`); continue; }
      await qr.evaluate((svg) => { svg.setAttribute("width", "400"); svg.setAttribute("height", "400"); });
      const png = path.join(os.tmpdir(), `kyoten-qr-${process.pid}.png`);
      await qr.screenshot({ path: png });
      let got = "";
      try { got = execFileSync(zbarimg, ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png], { encoding: "utf8" }).trim(); } catch (e) { got = `(zbarimg: ${e.status})`; }
      fs.rmSync(png, { force: true });
      qrRead += 1;
      if (got !== want) { qrMisses += 1; console.log(`${p}: its QR code reads ${JSON.stringify(got)}, not ${want}`); }
    }
  }
  await ctx.close();
}
// Offline: with the service worker, a municipality page opened once reloads with no
// network (its contacts there, the day it was saved said), 困ったときは opens though
// never visited, and a page never opened shows the offline page, not a browser error.
let offlineChecks = 0;
let offlineMisses = 0;
const firstMunicipality = pages.find((p) => /^\/m\/\d{6}\/$/.test(p));
if (fs.existsSync(path.join(siteDir, "sw.js")) && firstMunicipality) {
  const ctx = await chromium.launchPersistentContext(freshProfile("kyoten-offline-"), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const pg = await ctx.newPage();
  const miss = (what) => { offlineMisses += 1; console.log(`offline: ${what}`); };
  await pg.goto(origin + firstMunicipality, { waitUntil: "load" });
  await pg.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await pg.reload({ waitUntil: "load" }); // now served through the worker, which keeps a copy
  for (let i = 0; i < 50; i++) {
    const kept = await pg.evaluate((u) => caches.match(u).then((r) => !!r), firstMunicipality);
    if (kept) break;
    await pg.waitForTimeout(100);
  }
  await ctx.setOffline(true);
  offlineChecks += 1;
  await pg.reload({ waitUntil: "load" }).catch((e) => miss(`${firstMunicipality} did not reload: ${e.message}`));
  const r = await pg.evaluate(() => ({
    tel: !!document.querySelector("#contact a[href^='tel:']"),
    saved: (() => { const n = document.querySelector(".offline-saved"); return n && !n.hidden ? n.textContent : ""; })(),
  })).catch(() => ({ tel: false, saved: "" }));
  if (!r.tel) miss(`${firstMunicipality} offline has no contact to call`);
  if (!r.saved.includes("保存した情報です")) miss(`${firstMunicipality} offline does not say when it was saved (${JSON.stringify(r.saved)})`);
  for (const [p, want] of [[komattaPath(), "こまったときは"], ["/cases/", "インターネットにつながっていません"]]) {
    if (!p) continue;
    offlineChecks += 1;
    await pg.goto(origin + p, { waitUntil: "load" }).catch((e) => miss(`${p}: ${e.message}`));
    const h1 = await pg.evaluate(() => document.querySelector("h1")?.textContent || "").catch(() => "");
    if (!h1.includes(want)) miss(`${p} offline shows ${JSON.stringify(h1)}, want ${want}`);
  }
  await ctx.close();
}
function komattaPath() { return pages.find((p) => p === "/guide/komatta/"); }
close();
for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });

let broken = 0;
for (const { from, href } of links) {
  if (!href || /^(https?:|mailto:|tel:)/i.test(href)) continue;
  const url = new URL(href, origin + from);
  if (url.origin !== origin) continue;
  const file = resolveFile(url.pathname);
  if (!file) { broken += 1; console.log(`broken link on ${from}: ${href}`); continue; }
  if (url.hash && url.hash.length > 1) {
    const target = url.pathname.endsWith(".html") ? url.pathname.replace(/index\.html$/, "") : url.pathname;
    const set = ids.get(target);
    const frag = decodeURIComponent(url.hash.slice(1));
    if (set && !set.has(frag)) { broken += 1; console.log(`broken fragment on ${from}: ${href}`); }
  }
}
for (const r of externalRequests) console.log(`external request: ${r}`);
for (const e of consoleErrors) console.log(`console error: ${e}`);
console.log(`pages: ${pages.length}, links checked: ${links.length}, axe violations: ${violations}, broken links: ${broken}, external requests: ${externalRequests.length}, console errors: ${consoleErrors.length}, map filter views compared: ${filterViews}, mismatches: ${filterMismatches}, keyboard-checked map pages: ${keyboardPages}, with unreachable markers: ${keyboardMisses}, answers-now checks: ${nowChecks}, wrong: ${nowMisses}, furigana switch misplaced: ${furiganaMisses}, flyers and cards printed: ${flyers}, not on one page: ${flyerMisses}, QR codes read: ${qrRead}, wrong: ${qrMisses}, offline checks: ${offlineChecks}, failed: ${offlineMisses}, pages wider than a 390px phone: ${overflowing}, pages with charts: ${chartPages}, chart text under 12px: ${smallChartText}, column choosers: ${chooserPages}, wrong: ${chooserMisses}`);
record("axe", tool("axe-core"), pages.length, violations);
record("links", "Playwright + Chromium", pages.length, broken);
if (keyboardPages > 0) record("keyboard", "Playwright + Chromium", keyboardPages, keyboardMisses);
record("phone_width", "Playwright + Chromium", pages.length, overflowing);
if (chartPages > 0) record("chart_text", "Playwright + Chromium", chartPages, smallChartText);
if (flyers > 0) record("print", "Chromium (PDF) + zbarimg", flyers, flyerMisses + qrMisses);
process.exit(violations + broken + externalRequests.length + consoleErrors.length + filterMismatches + keyboardMisses + nowMisses + furiganaMisses + flyerMisses + qrMisses + offlineMisses + overflowing + smallChartText + chooserMisses === 0 ? 0 : 1);
