import { createRequire } from 'node:module';

// GraphiQL's renderer is a 9 MB module: loaded on the first GraphiQL request, not at every start.
const load = createRequire(import.meta.url);
type Renderer = typeof import('@graphql-yoga/render-graphiql');

/** Stands in for GraphiQL's options in the rendered page, to be found and replaced. */
const OPTIONS_PLACEHOLDER = { title: 'graphiql-options-placeholder-c0b6f0e2' } as const;

/** The id of the `<script type="application/json">` that carries GraphiQL's options in its page. */
export const GRAPHIQL_OPTIONS_ID = 'graphiql-options';

export interface GraphiqlBundle {
  readonly css: string;
  readonly js: string;
}

let bundle: GraphiqlBundle | undefined;

/**
 * GraphiQL's styles and script, taken out of the page Yoga's renderer writes (which inlines all
 * 9 MB of them), so they can be served as files that browsers keep. The script reads its options
 * from a JSON element of the page instead of having them written into it, so one file serves every
 * configuration.
 */
export function graphiqlBundle(): GraphiqlBundle {
  if (bundle) return bundle;
  const { renderGraphiQL } = load('@graphql-yoga/render-graphiql') as Renderer;
  const page = renderGraphiQL(OPTIONS_PLACEHOLDER);
  const css = page.match(/<style>([\s\S]*?)<\/style>/)?.[1];
  const script = page.match(/<script>([\s\S]*?)<\/script>/)?.[1];
  const placeholder = JSON.stringify(OPTIONS_PLACEHOLDER);
  if (css === undefined || script === undefined || !script.includes(placeholder)) {
    throw new Error('GraphiQL page layout changed: cannot split its styles and script');
  }
  const options = `JSON.parse(document.getElementById(${JSON.stringify(GRAPHIQL_OPTIONS_ID)}).textContent)`;
  bundle = { css: css.trim(), js: script.replace(placeholder, () => options).trim() };
  return bundle;
}
