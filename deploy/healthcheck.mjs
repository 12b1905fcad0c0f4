// The container's health check (deploy/Dockerfile): exits 0 when the server in this container
// answers GET /readyz with 200 within 2 s, 1 otherwise (still loading, draining after SIGTERM, or
// not answering). Plain JavaScript, run by node with nothing built, since the image has no curl.
const host = process.env.HOST === undefined || ['0.0.0.0', '::', ''].includes(process.env.HOST) ? '127.0.0.1' : process.env.HOST;
const port = process.env.PORT || '4000';
const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

let ready = false;
try {
  const response = await fetch(`http://${authority}/readyz`, { signal: AbortSignal.timeout(2_000) });
  ready = response.status === 200;
} catch {
  // Refused, reset or timed out: not ready.
}
process.exit(ready ? 0 : 1);
