import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaugeValue, histogramBuckets, quantileBetween } from './prometheus-text.ts';

const scrape = (fast: number, slow: number, lag: number) => `# HELP tifli_http_request_duration_seconds HTTP requests
# TYPE tifli_http_request_duration_seconds histogram
tifli_http_request_duration_seconds_bucket{le="0.1",method="POST",route="/api/alerts/:id/tips",status="201"} ${fast}
tifli_http_request_duration_seconds_bucket{le="1",method="POST",route="/api/alerts/:id/tips",status="201"} ${fast + slow}
tifli_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/alerts/:id/tips",status="201"} ${fast + slow}
tifli_http_request_duration_seconds_bucket{le="0.1",method="GET",route="/healthz",status="200"} 1000
tifli_http_request_duration_seconds_bucket{le="1",method="GET",route="/healthz",status="200"} 1000
tifli_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/healthz",status="200"} 1000
tifli_http_request_duration_seconds_count{method="POST",route="/api/alerts/:id/tips",status="201"} ${fast + slow}
# TYPE tifli_nodejs_eventloop_lag_p99_seconds gauge
tifli_nodejs_eventloop_lag_p99_seconds ${lag}
`;

const tips = (labels: Readonly<Record<string, string>>) => labels.route === '/api/alerts/:id/tips';

test('the quantile of what happened between two scrapes, from the series kept', () => {
  const before = histogramBuckets(scrape(100, 0, 0.01), 'tifli_http_request_duration_seconds', tips);
  assert.deepEqual([...before.entries()], [[0.1, 100], [1, 100], [Infinity, 100]]);
  // In between: 100 fast and 5 slow tips; the healthz series is left out.
  const after = histogramBuckets(scrape(200, 5, 0.02), 'tifli_http_request_duration_seconds', tips);
  assert.equal(quantileBetween(before, after, 0.9), 0.1);
  assert.equal(quantileBetween(before, after, 0.99), 1);
  assert.equal(quantileBetween(after, after, 0.99), undefined, 'nothing observed');
});

test('a gauge without labels; absent is undefined', () => {
  assert.equal(gaugeValue(scrape(1, 1, 0.25), 'tifli_nodejs_eventloop_lag_p99_seconds'), 0.25);
  assert.equal(gaugeValue(scrape(1, 1, 0.25), 'tifli_missing'), undefined);
});
