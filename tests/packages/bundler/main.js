// A page bundled by Vite that uses the npm package as an application would: the package's
// WebAssembly is emitted as an asset by the bundler and fetched beside the bundle.
import { generate, check, examples } from "trinocfg";

const spec = examples().find((e) => e.name === "minimal").source;
const result = generate(spec);
const checked = check({ "etc/config.properties": "coordinator=true\nquery.max-memory=1GB\nquery.max-memory=2GB\n" });
const out = document.getElementById("out");
out.textContent = JSON.stringify({
  ok: result.ok,
  config: result.files["coordinator/etc/config.properties"],
  yaml: result.yaml,
  codes: checked.diagnostics.map((d) => d.code),
});
document.body.dataset.done = "true";
