import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startBalancer } from '../src/scale-out/balancer.js';
import { rehearseScaleOut } from '../src/scale-out/rehearsal.js';
import { DATA_DIR } from './helpers.js';

describe('several instances behind a load balancer', () => {
  it('share the traffic, answer alike, and lose no request when one is stopped', async () => {
    const report = await rehearseScaleOut({ instances: 2, requests: 240, durationMs: 2_500, dataDir: DATA_DIR });
    expect(report.failed).toBe(0);
    expect(Object.values(report.distinctAnswers)).toEqual([1, 1, 1, 1]);
    expect(report.stoppedExitCode).toBe(0);
    const [stopped = 0, kept = 0] = report.servedBy;
    expect(stopped).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(stopped);
    expect(stopped + kept).toBe(240);
  }, 60_000);

  it('retries a request on the next instance when one has gone away', async () => {
    const instance = async (name: string) => {
      const server = createServer((_request, response) => response.end(name));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    };
    const [gone, kept] = [await instance('gone'), await instance('kept')];
    const balancer = await startBalancer([gone.url, kept.url]);
    try {
      expect(balancer.upstreams.every((upstream) => upstream.ready)).toBe(true);
      gone.server.closeAllConnections();
      await new Promise((resolve) => gone.server.close(resolve));
      for (let request = 0; request < 4; request++) {
        const response = await fetch(`${balancer.url}/graphql`);
        expect([response.status, await response.text()]).toEqual([200, 'kept']);
      }
      expect(balancer.upstreams.map((upstream) => upstream.served)).toEqual([0, 4]);
    } finally {
      await balancer.close();
      kept.server.close();
    }
  });
});
