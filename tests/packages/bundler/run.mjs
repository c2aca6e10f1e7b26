// Builds the page with Vite, serves it on 127.0.0.1, loads it in Chromium and compares what the
// bundled package computed with the CLI. Usage: node run.mjs BROWSER_TEST_DIR CLI
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [browserTests, cli] = process.argv.slice(2);
const { serve } = await import(pathToFileURL(path.join(browserTests, "serve.mjs")).href);
const { launch } = await import(pathToFileURL(path.join(browserTests, "browser.mjs")).href);

execFileSync("npx", ["--no-install", "vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
const assets = readdirSync("dist/assets");
assert.ok(assets.some((a) => a.endsWith(".wasm")), `the bundle holds the wasm: ${assets}`);

const server = await serve("dist");
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.waitForSelector("body[data-done='true']", { timeout: 30000 });
  const got = JSON.parse(await page.textContent("#out"));
  assert.deepEqual(errors, []);
  assert.equal(got.ok, true);
  const yaml = spawnSync(cli, ["gen", "--example", "minimal", "--format", "configmaps"], { encoding: "utf8" }).stdout;
  assert.equal(got.yaml, yaml, "the bundle's YAML is the CLI's");
  assert.match(got.config, /^coordinator=true$/m);
  // The files checked in the page are those of a directory `trinocfg check .` reads.
  const dir = mkdtempSync(path.join(tmpdir(), "trinocfg-bundler-"));
  try {
    mkdirSync(path.join(dir, "etc"));
    writeFileSync(path.join(dir, "etc/config.properties"), "coordinator=true\nquery.max-memory=1GB\nquery.max-memory=2GB\n");
    const report = JSON.parse(spawnSync(cli, ["check", ".", "--format", "json"], { cwd: dir, encoding: "utf8" }).stdout);
    assert.deepEqual(got.codes, report.diagnostics.map((d) => d.code));
    assert.ok(got.codes.includes("TP005"), `${got.codes}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`bundler: Vite bundle (${assets.length} assets) ran in Chromium and gave the CLI's bytes`);
} finally {
  await browser.close();
  await server.close();
}
