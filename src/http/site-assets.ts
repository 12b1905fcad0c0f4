import type { SiteAssets } from '../site/context.js';
import { FAVICON_SVG } from '../site/favicon.js';
import { STYLESHEET } from '../site/stylesheet.js';
import { type Asset, AssetShelf } from './assets.js';
import { graphiqlBundle } from './graphiql-bundle.js';

export interface ServedAssets {
  readonly shelf: AssetShelf;
  /** What pages link to. */
  readonly site: SiteAssets;
}

let served: ServedAssets | undefined;
let graphiql: { readonly css: Asset; readonly js: Asset } | undefined;

/** The static files every page needs, shelved once per process on first use. */
export function servedAssets(): ServedAssets {
  if (served) return served;
  const shelf = new AssetShelf();
  const stylesheet = shelf.add('site', 'css', 'text/css; charset=utf-8', STYLESHEET.trim());
  const icon = shelf.add('icon', 'svg', 'image/svg+xml', FAVICON_SVG);
  shelf.alias('/favicon.ico', icon);
  shelf.alias('/favicon.svg', icon);
  served = { shelf, site: { stylesheet: stylesheet.path, icon: icon.path } };
  return served;
}

/** Where GraphiQL's files are served from, with URLs of the form `/assets/graphiql.{hash}.{css,js}`. */
export const GRAPHIQL_ASSET_PREFIX = '/assets/graphiql.';

/** GraphiQL's script and styles, put on the shelf the first time GraphiQL or one of its files is asked for. */
export function graphiqlAssets(): { readonly css: Asset; readonly js: Asset } {
  if (graphiql) return graphiql;
  const { shelf } = servedAssets();
  const bundle = graphiqlBundle();
  graphiql = {
    css: shelf.add('graphiql', 'css', 'text/css; charset=utf-8', bundle.css),
    js: shelf.add('graphiql', 'js', 'text/javascript; charset=utf-8', bundle.js),
  };
  return graphiql;
}
