'use strict';
/* global require */
/**
 * Preload (`node -r ./scripts/bind-loopback.cjs …`) that makes every TCP server in the process
 * listen on 127.0.0.1, whatever host it asked for. The Agents Playground calls
 * `server.listen(port)`, which binds all interfaces; its mocked connector must not be reachable
 * from the network. Unix sockets and handles are left alone.
 */
// A preload runs before any loader, so it is plain CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object') {
    // listen(options[, cb]): only TCP options (a port, no path, no handle) are changed.
    if (first.path === undefined && first.handle === undefined && first._handle === undefined && first.fd === undefined) {
      args[0] = { ...first, host: LOOPBACK };
    }
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, cb])
    if (args.length > 1 && (typeof args[1] === 'string' || args[1] === undefined || args[1] === null)) args[1] = LOOPBACK;
    else args.splice(1, 0, LOOPBACK);
  } else if (first === undefined || typeof first === 'function') {
    // listen([cb]): a random port, on loopback.
    args.splice(0, first === undefined ? 1 : 0, 0, LOOPBACK);
  }
  return originalListen.apply(this, args);
};
