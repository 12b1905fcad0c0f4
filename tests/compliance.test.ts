import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback } from './helpers.js';

let loopback: Awaited<ReturnType<typeof listenOnLoopback>>;
let url: string;

beforeAll(async () => {
  loopback = await listenOnLoopback();
  url = `${loopback.url}/graphql`;
});

afterAll(() => loopback.close());

describe('GraphQL over HTTP compliance (graphql-http serverAudits) on the live server', () => {
  for (const audit of serverAudits({ url: () => url })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
    });
  }
});
