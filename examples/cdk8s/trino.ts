// A construct that adds a Trino cluster to a cdk8s chart: trinocfg renders the spec, and each
// Kubernetes object it generates becomes an ApiObject of the chart (so that the app can
// reference, patch or depend on them like its own).
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { generate, type Diagnostic } from 'trinocfg';
import { parseAllDocuments } from 'yaml';

export interface TrinoClusterProps {
  /** The trinocfg spec (TOML text). */
  readonly spec: string;
  /** Where the spec came from, for messages. */
  readonly specName?: string;
}

function describe(d: Diagnostic, file: string): string {
  const at = d.line ? `${file}:${d.line}:${d.column ?? 1}` : file;
  return `${at}: ${d.severity}[${d.code}] ${d.message}${d.help ? ` (help: ${d.help})` : ''}`;
}

export class TrinoCluster extends Construct {
  /** The objects added, by `Kind/name`. */
  public readonly objects = new Map<string, ApiObject>();

  constructor(scope: Construct, id: string, props: TrinoClusterProps) {
    super(scope, id);
    const file = props.specName ?? 'spec';
    const result = generate(props.spec);
    // Warnings are shown; errors stop the synthesis, with trinocfg's diagnostics.
    for (const d of result.diagnostics) console.warn(describe(d, file));
    if (!result.ok || result.yaml === null) {
      throw new Error(`${file}: ${result.summary.errors} error(s); nothing generated`);
    }
    for (const doc of parseAllDocuments(result.yaml)) {
      const object = doc.toJS();
      if (object === null) continue;
      const key = `${object.kind}/${object.metadata.name}`;
      this.objects.set(key, new ApiObject(this, key, object));
    }
  }

  /** An object trinocfg generated, by kind and name. */
  public object(kind: string, name: string): ApiObject {
    const found = this.objects.get(`${kind}/${name}`);
    if (!found) throw new Error(`trinocfg generated no ${kind} ${name}`);
    return found;
  }
}
