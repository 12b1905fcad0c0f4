import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The production configuration, which a loopback run renders rather than keeping a copy of its own. */
export const HAPROXY_CONFIG_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'deploy',
  'haproxy.cfg',
);

/** The site's settings of deploy/haproxy.cfg, each a `presetenv` there, for a run on this machine. */
export interface HaproxySettings {
  /** Where clients connect (`GRAPH_LISTEN`), `address:port`. */
  readonly listen: string;
  /** The Host values answered (`GRAPH_PUBLIC_HOSTS`), with a port unless it is the default. */
  readonly publicHosts: readonly string[];
  /** The metrics and statistics frontend (`GRAPH_METRICS_LISTEN`), `address:port`. */
  readonly metricsListen: string;
  /** The runtime API's Unix socket (`GRAPH_ADMIN_SOCKET`). */
  readonly adminSocket: string;
  /** The instances, `address:port` each, in place of the template's `server` lines. */
  readonly servers: readonly string[];
}

/** Directives of `global` that need root (a chroot, a user to switch to): a run as oneself drops them. */
const PRIVILEGED = new Set(['chroot', 'user', 'group', 'uid', 'gid', 'daemon']);
/** The keywords that open a section of an HAProxy configuration. */
const SECTIONS = new Set([
  'global',
  'defaults',
  'frontend',
  'backend',
  'listen',
  'resolvers',
  'peers',
  'userlist',
  'mailers',
  'program',
  'http-errors',
  'ring',
  'cache',
]);

/** A value written into the configuration: one word, nothing HAProxy would read as syntax. */
function word(name: string, value: string): string {
  if (!/^[\w.:/@[\]-]+$/.test(value)) throw new Error(`Cannot write ${name} "${value}" into an HAProxy configuration.`);
  return value;
}

/**
 * deploy/haproxy.cfg as it runs unprivileged on this machine: its settings given by `setenv` lines at
 * the top of `global` (which its `presetenv` defaults then leave alone), the `server` lines of its one
 * backend replaced by one per instance with the options of the first, and the directives that need
 * root dropped. Every other line is the template's own.
 */
export function renderHaproxyConfig(template: string, settings: HaproxySettings): string {
  if (settings.servers.length === 0) throw new Error('An HAProxy configuration needs at least one instance.');
  const environment: Record<string, string> = {
    GRAPH_LISTEN: word('the listen address', settings.listen),
    GRAPH_PUBLIC_HOSTS: settings.publicHosts.map((host) => word('a public host', host)).join(' '),
    GRAPH_METRICS_LISTEN: word('the metrics address', settings.metricsListen),
    GRAPH_ADMIN_SOCKET: word('the admin socket', settings.adminSocket),
  };
  for (const name of Object.keys(environment)) {
    if (!new RegExp(`^\\s*presetenv\\s+${name}\\s`, 'm').test(template))
      throw new Error(`The HAProxy template has no "presetenv ${name}" to give a value to.`);
  }

  const output: string[] = [];
  let section = '';
  let sectionLine = '';
  /** The backend whose `server` lines are replaced, once its first one has been. */
  let serversIn: string | undefined;
  for (const line of template.split('\n')) {
    const [keyword = ''] = line.trim().split(/\s+/);
    if (SECTIONS.has(keyword) && !/^\s/.test(line)) {
      section = keyword;
      sectionLine = line.trim();
      output.push(line);
      if (section === 'global') {
        output.push(...Object.entries(environment).map(([name, value]) => `    setenv ${name} "${value}"`));
      }
      continue;
    }
    if (section === 'global' && PRIVILEGED.has(keyword)) continue;
    if (section === 'backend' && keyword === 'server') {
      if (serversIn === sectionLine) continue;
      if (serversIn !== undefined)
        throw new Error(
          `The HAProxy template has servers in more than one backend ("${serversIn}", "${sectionLine}").`,
        );
      serversIn = sectionLine;
      const indent = line.match(/^\s*/)?.[0] ?? '';
      const options = line.trim().split(/\s+/).slice(3).join(' ');
      output.push(
        ...settings.servers.map(
          (address, index) =>
            `${indent}server instance${index + 1} ${word('an instance address', address)}${options ? ` ${options}` : ''}`,
        ),
      );
      continue;
    }
    output.push(line);
  }
  if (serversIn === undefined) throw new Error('The HAProxy template has no backend with server lines to replace.');
  return output.join('\n');
}
