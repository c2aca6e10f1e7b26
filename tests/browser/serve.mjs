// A tiny static file server for the built playground, bound to 127.0.0.1 only.
// Usage as a module: `const server = await serve(dir); server.url; await server.close();`
// or from the command line: `node serve.mjs DIR [PORT]`. With `{ gzip: true }` a response is
// gzip -9 encoded when the request accepts it, as a web server would send the page.
import http from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export async function serve(dir, port = 0, { gzip = false } = {}) {
  const root = path.resolve(dir);
  // Encoded bodies by file, computed once (the files do not change while served).
  const encoded = new Map();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, "index.html");
      let body = await readFile(file);
      const headers = {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      };
      if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        if (!encoded.has(file)) encoded.set(file, gzipSync(body, { level: 9 }));
        body = encoded.get(file);
        headers["content-encoding"] = "gzip";
      }
      headers["content-length"] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const { port: bound } = server.address();
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = "../../crates/web/dist", port = "8080"] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`serving ${path.resolve(dir)} on ${server.url}`);
}
