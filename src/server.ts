// The server's entry point (`npm start` runs `node dist/server.js`). It turns on Node's module compile
// cache before anything else is loaded, so that a later start takes V8's compiled code of every module
// from the cache instead of compiling it again; then it loads the server itself (serve.ts). The cache
// lives under the system's temporary directory unless NODE_COMPILE_CACHE names another; where it
// cannot be written, Node goes on without it.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./serve.js');
