import net from 'node:net';

/** An answer as it came over the wire: status, headers (names in lower case), and body bytes as text. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Sends one request exactly as written (any request line, any Host, nothing normalised by a client)
 * on a fresh connection, and reads the answer until the server closes it. `Connection: close` is
 * added, so that the server ends the connection after answering.
 */
export async function rawRequest(
  url: string,
  requestLine: string,
  headers: Readonly<Record<string, string>> = {},
  body = '',
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const lines = [requestLine];
  const all: Record<string, string> = { host: `${hostname}:${port}`, connection: 'close', ...headers };
  if (body !== '' && all['content-length'] === undefined) all['content-length'] = String(Buffer.byteLength(body));
  for (const [name, value] of Object.entries(all)) lines.push(`${name}: ${value}`);
  // Written, not ended: a proxy (nginx) takes a half-closed connection for a client gone away.
  socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  socket.destroy();
  return parseAnswer(Buffer.concat(chunks).toString('latin1'));
}

function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  let body = end === -1 ? '' : text.slice(end + 4);
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body };
}

function unchunk(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lineEnd = text.indexOf('\r\n', at);
    if (lineEnd === -1) return out;
    const size = Number.parseInt(text.slice(at, lineEnd), 16);
    if (!(size > 0)) return out;
    out += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

/** What must never reach a client: a stack frame, a file path of the checkout, a module's name. */
export const LEAK =
  /\bat \S+ \(|\bat file:|node_modules|\/work\/|\/src\/|\.ts:\d+|\.js:\d+|file:\/\/|SyntaxError|TypeError|URIError/;
