// A static file server on 127.0.0.1 (random port) for the browser gates.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript", ".xml": "application/xml", ".txt": "text/plain", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".csv": "text/csv", ".geojson": "application/geo+json", ".wasm": "application/wasm" };

export function resolveFile(siteDir, urlPath) {
  let p = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  if (p.endsWith("/")) p += "index.html";
  const file = path.join(siteDir, p);
  if (!file.startsWith(siteDir)) return null;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

export async function startServer(siteDir) {
  const server = http.createServer((req, res) => {
    const file = resolveFile(siteDir, req.url);
    if (!file) { res.writeHead(404); res.end("not found"); return; }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, origin: `http://127.0.0.1:${server.address().port}`, close: () => { server.closeAllConnections(); server.close(); } };
}
