// The analytics app: a query UI of its own and the Trino cluster it queries, in one chart.
// `npm run synth` writes dist/analytics.k8s.yaml.
import { readFileSync } from 'node:fs';
import { App, ApiObject, Chart } from 'cdk8s';
import { TrinoCluster } from './trino.js';

const app = new App();
const chart = new Chart(app, 'analytics', { namespace: 'analytics' });

const specPath = new URL('../trino.toml', import.meta.url);
const trino = new TrinoCluster(chart, 'trino', {
  spec: readFileSync(specPath, 'utf8'),
  specName: 'trino.toml',
});

// The app's own object, wired to the Service trinocfg generated.
const service = trino.object('Service', 'analytics');
new ApiObject(chart, 'query-ui', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'query-ui' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'query-ui' } },
    template: {
      metadata: { labels: { app: 'query-ui' } },
      spec: {
        containers: [
          {
            name: 'ui',
            image: 'example.invalid/query-ui:1.0',
            env: [{ name: 'TRINO_URL', value: `http://${service.name}.analytics.svc:8080` }],
          },
        ],
      },
    },
  },
});

app.synth();
