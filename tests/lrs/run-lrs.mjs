// Runs Learning Locker's xAPI statements service (npm xapi-statements, in tests/node)
// on 127.0.0.1, in memory, behind HTTP Basic authentication and a small proxy that the
// push test can tell to cut the connection. Used two ways:
//
//   node run-lrs.mjs --user NAME --password-file FILE   prints "port N" when ready
//   import { startLrs } from './run-lrs.mjs'             (the push test)
//
// The service asks an "auth" URL who a request's Authorization header is (its 'fetch'
// auth repo); here that URL is a handler of ours that knows one user name and password.
// Its events go nowhere ('test' events repo), its statements stay in memory and its
// access log and (unused) attachment store go to a temporary folder, removed at close.
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeModules = path.resolve(here, '../node/node_modules');

// True when the package is installed (the test skips otherwise).
export function lrsAvailable() {
  return fs.existsSync(path.join(nodeModules, 'xapi-statements/dist/server.js'));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

// The client the service sees for the right user: may do everything in one store.
const CLIENT = {
  _id: '5a0000000000000000000001',
  title: 'ailit push test',
  authority: { objectType: 'Agent', mbox: 'mailto:lrs-test@ailit.invalid' },
  isTrusted: true,
  lrs_id: '5a0000000000000000000002',
  organisation: '5a0000000000000000000003',
  scopes: ['all'],
};

function authServer(user, password) {
  const want = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  return http.createServer((req, res) => {
    const ok = req.headers.authorization === want;
    res.writeHead(ok ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(ok ? JSON.stringify(CLIENT) : '{}');
  });
}

// The proxy in front of the service. state.cutAfter = N: the first N POSTs pass, the
// next one reaches the service but its answer is never delivered (the connection is
// cut after the LRS stored the batch), and every request after it is cut at once,
// until state.cutAfter is set back to Infinity.
function proxyServer(lrsPort, state) {
  return http.createServer((req, res) => {
    const isPost = req.method === 'POST';
    if (state.cut) {
      req.socket.destroy();
      return;
    }
    const n = isPost ? ++state.posts : state.posts;
    const cutThis = isPost && n > state.cutAfter;
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (isPost) state.postedStatements += countStatements(body);
      const up = http.request(
        { host: '127.0.0.1', port: lrsPort, method: req.method, path: req.url, headers: req.headers },
        (ur) => {
          const rc = [];
          ur.on('data', (c) => rc.push(c));
          ur.on('end', () => {
            if (cutThis) {
              state.cut = true;
              req.socket.destroy();
              return;
            }
            res.writeHead(ur.statusCode, ur.headers);
            res.end(Buffer.concat(rc));
          });
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(body);
    });
  });
}

function countStatements(body) {
  try {
    const v = JSON.parse(body.toString('utf8'));
    return Array.isArray(v) ? v.length : 1;
  } catch {
    return 0;
  }
}

// Starts the service; resolves to { port, state, close() }. port is the proxy's.
export async function startLrs({ user, password, quiet = true }) {
  const auth = authServer(user, password);
  const authPort = await listen(auth);
  const lrsPort = await freePort();
  const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'ailit-lrs-'));
  process.on('exit', () => fs.rmSync(logs, { recursive: true, force: true }));
  Object.assign(process.env, {
    EXPRESS_PORT: String(lrsPort),
    LL_CLIENT_INFO_ENDPOINT: `http://127.0.0.1:${authPort}/auth`,
    AUTH_REPO: 'fetch',
    EVENTS_REPO: 'test',
    MODELS_REPO: 'memory',
    STORAGE_REPO: 'local', // attachments only; ailit sends none
    FS_LOCAL_STORAGE_DIR: logs,
    EXPRESS_MORGAN_DIRECTORY: logs,
    WINSTON_CONSOLE_LEVEL: quiet ? 'error' : 'info',
    SERVICE_AWAIT_UPDATES: 'true',
  });
  const require = createRequire(path.join(nodeModules, 'x.js'));
  require('xapi-statements/dist/server');
  await waitForPort(lrsPort);
  const state = { posts: 0, postedStatements: 0, cutAfter: Infinity, cut: false };
  const proxy = proxyServer(lrsPort, state);
  const port = await listen(proxy);
  return {
    port,
    state,
    heal() {
      state.cutAfter = Infinity;
      state.cut = false;
    },
    close() {
      proxy.close();
      auth.close();
    },
  };
}

async function waitForPort(port) {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the LRS did not start on port ${port}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  if (!lrsAvailable()) {
    console.error('run-lrs: xapi-statements is not installed: run npm ci in tests/node');
    process.exit(77);
  }
  const password = fs.readFileSync(arg('--password-file'), 'utf8').split('\n')[0];
  const lrs = await startLrs({ user: arg('--user'), password, quiet: false });
  console.log(`port ${lrs.port}`);
}
