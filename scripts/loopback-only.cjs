'use strict';
/**
 * Preload for the Agents Playground (`node --require ./scripts/loopback-only.cjs …`):
 *  - every TCP server in the process listens on 127.0.0.1, whatever host it asked for
 *    (the playground calls `server.listen(port)`, which would bind all interfaces, and its
 *    mocked connector must not be reachable from the network);
 *  - outbound TCP connections and DNS look-ups for anything but loopback are refused, so the
 *    playground stays offline: 0.2.28 still tries Application Insights and the Azure instance
 *    metadata address (169.254.169.254) with --disable-telemetry.
 * Unix sockets and inherited handles are left alone.
 */
// A preload runs before any TypeScript loader, so it is plain CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const net = require('node:net');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dns = require('node:dns');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;
const originalConnect = net.Socket.prototype.connect;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object') {
    // listen(options[, cb]): only TCP options (a port, no path, no handle) are changed.
    if (!first.path && first.handle === undefined && first._handle === undefined && first.fd === undefined) {
      args[0] = { ...first, host: LOOPBACK };
    }
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, cb])
    if (args.length > 1 && (typeof args[1] === 'string' || args[1] === undefined || args[1] === null)) args[1] = LOOPBACK;
    else args.splice(1, 0, LOOPBACK);
  } else if (first === undefined || typeof first === 'function') {
    // listen([cb]): any free port, on loopback.
    args.splice(0, first === undefined ? 1 : 0, 0, LOOPBACK);
  }
  return originalListen.apply(this, args);
};

function isLoopback(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default is localhost
  const h = String(host).replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || h === '::ffff:127.0.0.1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

const refused = new Set();

net.Socket.prototype.connect = function connectToLoopbackOnly(...args) {
  let options = args[0];
  // Internal calls pass [options, cb] as one array.
  if (Array.isArray(options)) options = options[0];
  let host;
  if (options !== null && typeof options === 'object') {
    // Node connects to a Unix socket when `path` is truthy (http passes path: null).
    if (options.path) return originalConnect.apply(this, args);
    host = options.host;
  } else if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options))) {
    host = typeof args[1] === 'string' ? args[1] : undefined;
  } else {
    return originalConnect.apply(this, args); // a Unix socket path
  }
  if (isLoopback(host)) return originalConnect.apply(this, args);
  if (!refused.has(host)) {
    refused.add(host);
    process.stderr.write(`[loopback-only] refused a connection to ${host}: this process may only reach 127.0.0.1\n`);
  }
  const err = Object.assign(new Error(`connect ECONNREFUSED ${host} (loopback only)`), { code: 'ECONNREFUSED' });
  process.nextTick(() => this.destroy(err));
  return this;
};

const originalLookup = dns.lookup;
dns.lookup = function lookupLoopbackOnly(hostname, ...rest) {
  if (isLoopback(hostname) || net.isIP(String(hostname)) !== 0) return originalLookup.call(this, hostname, ...rest);
  const callback = rest[rest.length - 1];
  const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (loopback only)`), { code: 'ENOTFOUND', hostname });
  if (typeof callback === 'function') process.nextTick(() => callback(err));
  return undefined;
};
const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = function lookupLoopbackOnlyAsync(hostname, ...rest) {
  if (isLoopback(hostname) || net.isIP(String(hostname)) !== 0) return originalPromisesLookup.call(this, hostname, ...rest);
  return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (loopback only)`), { code: 'ENOTFOUND', hostname }));
};
