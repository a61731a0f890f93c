// The first view of every map in a built site, as a 390 px phone shows it (the map
// 358 px wide): tap areas that overlap, markers outside the map, symbols under
// 24 px or tap areas under 44 px across — the rule tests/common map_faults applies
// to the example, run here over any site (scripts/bench runs it at 100,000
// providers). Also reports the largest map's markers and bytes.
// Usage: node map-check.mjs SITE_DIR
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { record } from "./results.mjs";

const root = process.argv[2];
const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}=(?:"([^"]*)"|([^\\s>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2]) : null;
};
function* pages(dir, depth) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === "index.html") yield p;
    else if (depth < 4 && statSync(p).isDirectory() && (depth > 0 || name === "map" || name === "m")) yield* pages(p, depth + 1);
  }
}
let maps = 0, markersShown = 0, faults = 0, most = { n: 0, page: "" };
const examples = [];
for (const file of pages(root, 0)) {
  const html = readFileSync(file, "utf8");
  for (const svg of html.split("<svg").slice(1)) {
    const open = svg.slice(0, svg.indexOf(">"));
    if (!/class=("?)map-svg/.test(open)) continue;
    maps += 1;
    const [, , w, h] = (attr(open, "viewBox") || "").split(" ").map(Number);
    const phone = 358 / w;
    const body = svg.slice(0, svg.indexOf("</svg>"));
    const shown = [];
    for (const a of body.split("<a ").slice(1)) {
      const tag = a.slice(0, a.indexOf(">"));
      const cls = attr(" " + tag, "class") || "";
      if (!/\bmarker\b/.test(cls) || /\bclustered\b/.test(cls)) continue;
      const id = attr(" " + tag, "data-id");
      const hit = /<circle([^>]*class=("?)hit\b[^>]*)>/.exec(a);
      const sym = /<circle([^>]*class=("?)sym\b[^>]*)>/.exec(a);
      const [x, y, r] = hit ? ["cx", "cy", "r"].map((n) => Number(attr(hit[1], n))) : [NaN, NaN, NaN];
      const problems = [];
      if (!(x >= 0 && x <= w && y >= 0 && y <= h)) problems.push(`at ${x},${y} outside ${w}×${h}`);
      if (!(r * phone >= 21.9)) problems.push(`tap area ${(2 * r * phone).toFixed(1)} px`);
      if (sym && !(Number(attr(sym[1], "r")) * phone >= 11.9)) problems.push("symbol under 24 px");
      for (const p of problems) { faults += 1; if (examples.length < 10) examples.push(`${file}: ${id}: ${p}`); }
      shown.push([id, x, y, r]);
    }
    for (let i = 0; i < shown.length; i++) {
      for (let j = i + 1; j < shown.length; j++) {
        const [a, b] = [shown[i], shown[j]];
        if (Math.hypot(a[1] - b[1], a[2] - b[2]) < a[3] + b[3] - 0.05) {
          faults += 1;
          if (examples.length < 10) examples.push(`${file}: ${a[0]} and ${b[0]} overlap`);
        }
      }
    }
    markersShown += shown.length;
    if (shown.length > most.n) most = { n: shown.length, page: file.slice(root.length) };
  }
}
for (const e of examples) console.log(e);
console.log(`maps: ${maps}, markers at first view: ${markersShown}, most on one map: ${most.n} (${most.page}), faults: ${faults}`);
record("map_view", "kyoten map-check", maps, faults);
process.exit(faults === 0 && maps > 0 ? 0 : 1);
