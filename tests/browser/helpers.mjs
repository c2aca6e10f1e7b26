// Shared helpers of the browser tests and the benchmark.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = process.env.TRINOCFG_DIST ?? path.join(ROOT, "crates/web/dist");
export const CLI = process.env.TRINOCFG_CLI ?? path.join(ROOT, "target/debug/trinocfg");
export const EXAMPLES = ["minimal", "federated-s3-mysql", "kafka-orders", "fte-s3-eks", "data-on-eks", "hpa-custom-metrics", "any-connector", "secure", "gateway-blue-green", "single-node-dev"];

/** The CLI binary, built with cargo when it is missing. */
export function cli() {
  if (!existsSync(CLI)) {
    execFileSync("cargo", ["build", "-p", "trinocfg-cli"], { cwd: ROOT, stdio: "inherit" });
  }
  return CLI;
}

/** What `trinocfg gen ARGS...` prints on standard output. */
export function gen(...args) {
  return execFileSync(cli(), ["gen", ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
}

export const byTestId = (id) => `[data-testid="${id}"]`;

/** `selector` in the running page, not in the prerendered first render index.html shows,
 * inert, until a module runs. */
export const live = (selector) => `${selector}:not([inert] *)`;

/**
 * The markup an element holds (a template's content for a template), with each textarea's
 * value as its text: a textarea's text is a property, not markup. Runs in the page
 * (`page.$eval(selector, markupOf)`), so it uses nothing from outside itself.
 */
export function markupOf(el) {
  const root = el.content ?? el;
  const copy = root.cloneNode(true);
  const values = [...root.querySelectorAll("textarea")].map((t) => t.value);
  copy.querySelectorAll("textarea").forEach((t, i) => {
    t.textContent = values[i];
  });
  const box = document.createElement("div");
  box.append(...copy.childNodes);
  return box.innerHTML;
}

/** Resolves when the preview's revision moves past `after`. */
export async function waitForRevision(page, after) {
  await page.waitForFunction(
    (prev) => Number(document.querySelector('[data-testid="preview"]')?.dataset.revision ?? 0) > prev,
    after,
  );
}

export async function revision(page) {
  return Number(await page.getAttribute(byTestId("preview"), "data-revision"));
}

/** A spec with `n` catalogs of assorted connectors, for the benchmark. */
export function bigSpec(n) {
  const lines = [
    "# Generated for the keystroke benchmark.",
    "[cluster]",
    'name = "bench"',
    "",
    "[coordinator]",
    'memory = "32Gi"',
    "cpu = 8",
    "",
    "[workers]",
    "count = 20",
    'memory = "64Gi"',
    "cpu = 16",
  ];
  for (let i = 0; i < n; i++) {
    lines.push("");
    switch (i % 6) {
      case 0:
        lines.push(
          `[catalogs.hive_${i}]`,
          'connector = "hive"',
          `metastore = { type = "thrift", uri = "thrift://metastore-${i}.data.svc:9083" }`,
          's3 = { region = "us-east-1" }',
        );
        break;
      case 1:
        lines.push(
          `[catalogs.lake_${i}]`,
          'connector = "iceberg"',
          'catalog = { type = "glue", region = "us-east-1" }',
          'file_format = "PARQUET"',
          's3 = { region = "us-east-1" }',
        );
        break;
      case 2:
        lines.push(
          `[catalogs.mysql_${i}]`,
          'connector = "mysql"',
          `connection_url = "jdbc:mysql://mysql-${i}.data.svc:3306"`,
          'user = "trino"',
          `password = { secret = "mysql-${i}", key = "password" }`,
        );
        break;
      case 3:
        lines.push(`[catalogs.tpch_${i}]`, 'connector = "tpch"');
        break;
      case 4:
        lines.push(`[catalogs.tpcds_${i}]`, 'connector = "tpcds"');
        break;
      default:
        lines.push(`[catalogs.mem_${i}]`, 'connector = "memory"', 'max_data_per_node = "1GB"');
    }
  }
  return lines.join("\n") + "\n";
}
