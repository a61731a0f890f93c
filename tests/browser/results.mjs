// What a gate checked, for the accessibility statement's 試験結果: run.sh sets
// KYOTEN_GATES_RESULTS to a file, each gate appends one JSON line per check, and
// write-results.mjs turns them into the site's data/accessibility-results.yaml once
// every gate has passed. Check ids are the site's vocabulary (A11Y_CHECKS).
import { appendFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/// "name version" of an npm package in node_modules.
export function tool(name, label = name) {
  const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8"));
  return `${label} ${pkg.version}`;
}

export function record(check, toolName, pages, failures) {
  const file = process.env.KYOTEN_GATES_RESULTS;
  if (file) appendFileSync(file, JSON.stringify({ check, tool: toolName, pages, failures }) + "\n");
}
