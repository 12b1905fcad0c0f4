import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphql, PROJECT_ROOT } from './helpers.js';

describe('README.md', () => {
  it('shows each example query with the answer the server gives today', async () => {
    const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```\n\nAnswer:\n\n```json\n([\s\S]*?)```/g)];
    expect(examples.length).toBe(6);
    for (const [, query = '', answer = ''] of examples) {
      const { status: _status, ...result } = await graphql(query);
      expect(result, query).toEqual(JSON.parse(answer));
    }
  });

  it('names the two set-up commands', async () => {
    const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
