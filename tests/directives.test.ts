import { type DirectiveLocation, specifiedDirectives } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback, query } from './helpers.js';

interface IntrospectedDirective {
  readonly name: string;
  readonly locations: readonly DirectiveLocation[];
}

describe('the directives every GraphQL schema has', () => {
  it('are all in the schema, beside @defer and @stream', async () => {
    const data = await query('{ __schema { directives { name locations } } }');
    const directives = data.__schema.directives as IntrospectedDirective[];
    const names = directives.map((directive) => directive.name);
    for (const specified of specifiedDirectives) {
      expect(names, specified.name).toContain(specified.name);
      const introspected = directives.find((directive) => directive.name === specified.name);
      expect(introspected?.locations).toEqual(specified.locations);
    }
    expect(names).toEqual(expect.arrayContaining(['defer', 'stream']));
  });
});

describe('@skip and @include', () => {
  // Fields, fragment spreads and inline fragments, by literal and by variable.
  const QUERY = `query($yes: Boolean!, $no: Boolean!) {
    country(code: "PRK") {
      name @include(if: $yes)
      code @skip(if: $yes)
      alternateNames @include(if: $no)
      ... on Country @skip(if: false) { id }
      ...Totals @include(if: true)
      participations @skip(if: $no) { games { name } }
    }
  }
  fragment Totals on Country { medalTotals { total } }`;
  const VARIABLES = { yes: true, no: false };

  let lane: { url: string; close: () => Promise<void> };
  let pipeline: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    [lane, pipeline] = await Promise.all([
      listenOnLoopback({ responseCache: false }),
      listenOnLoopback({ responseCache: false, fastLane: false }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([lane.close(), pipeline.close()]);
  });

  const post = async (url: string, variables: Record<string, boolean>) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY, variables }),
    });
    return { status: response.status, text: await response.text() };
  };

  it('leave out and keep what they say, on the fast lane with the full pipeline’s bytes', async () => {
    const answer = await post(pipeline.url, VARIABLES);
    expect(answer.status).toBe(200);
    const { data, errors } = JSON.parse(answer.text);
    expect(errors).toBeUndefined();
    expect(Object.keys(data.country).sort()).toEqual(['id', 'medalTotals', 'name', 'participations']);
    // Admitted by the first, answered by the lane after.
    for (let asked = 0; asked < 3; asked++) expect(await post(lane.url, VARIABLES)).toEqual(answer);
    const flipped = { yes: false, no: true };
    const other = await post(pipeline.url, flipped);
    expect(Object.keys(JSON.parse(other.text).data.country).sort()).toEqual([
      'alternateNames',
      'code',
      'id',
      'medalTotals',
    ]);
    expect(await post(lane.url, flipped)).toEqual(other);
  });
});
