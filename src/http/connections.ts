import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The server's connections, with when each was last busy, so that shutting down closes only those a
 * client has left idle for a while. Node's closeIdleConnections() closes every connection without a
 * request being answered, a connection accepted a moment ago whose request has not yet been read
 * included: its client, mid-send, gets a reset instead of an answer.
 */
export function trackConnections(server: Server): { closeIdle: (idleForMs: number) => void } {
  const sockets = new Map<Socket, { busy: number; since: number }>();
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { busy: 0, since: Date.now() });
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (request, response) => {
    const state = sockets.get(request.socket);
    if (!state) return;
    state.busy += 1;
    response.once('close', () => {
      state.busy -= 1;
      state.since = Date.now();
    });
  });
  return {
    closeIdle(idleForMs) {
      const now = Date.now();
      const candidates = [...sockets].filter(([, { busy, since }]) => busy === 0 && now - since >= idleForMs);
      // Checked again after this turn's I/O is read: a stalled event loop runs its timers before it
      // reads the requests that arrived meanwhile, and those connections are not idle.
      setImmediate(() => {
        for (const [socket, state] of candidates) if (state.busy === 0 && sockets.has(socket)) socket.destroy();
      });
    },
  };
}
