// ailit push against a real LRS (Learning Locker's xapi-statements, run-lrs.mjs):
//
//   node lrs_push.mjs AILIT XAPI_SESSION WORK_DIR
//
// A workshop of three laptops (tests/xapi/xapi_session, three times) is merged into a
// trainer database and pushed in batches of 50. Each step below is one behaviour;
// the first failure stops the test with what differed. Exit 77 (skipped) when the
// LRS package is not installed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { lrsAvailable, startLrs } from './run-lrs.mjs';

const [ailit, session, work] = process.argv.slice(2);
if (!lrsAvailable()) {
  console.log('lrs_push: skipped: xapi-statements is not installed; run npm ci in tests/node');
  process.exit(77);
}
const USER = 'trainer';
const PASSWORD = 'pa55-w0rd-not-to-be-seen';
const BATCH = 50;

function fail(what) {
  console.error(`lrs_push: FAIL: ${what}`);
  process.exit(1);
}

function check(ok, what) {
  if (!ok) fail(what);
  console.log(`lrs_push: ok: ${what}`);
}

// Runs ailit with args, without blocking (the LRS answers from this process); the
// password never appears in what it prints.
function run(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(ailit, args, {
      env: { ...process.env, AILIT_PUSH_FIRST_WAIT_MS: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const out = `${stdout}${stderr}`;
      if (out.includes(PASSWORD)) fail(`the password appears in the output of ailit ${args.join(' ')}`);
      resolve({ code, stdout, stderr, out });
    });
  });
}

function workshop() {
  fs.rmSync(work, { recursive: true, force: true });
  const files = [];
  for (const laptop of ['laptop1', 'laptop2', 'laptop3']) {
    const dir = path.join(work, laptop);
    fs.mkdirSync(dir, { recursive: true });
    const r = spawnSync(session, [dir], { encoding: 'utf8' });
    if (r.status !== 0) fail(`xapi_session: ${r.stderr}`);
    files.push(r.stdout.trim());
  }
  return files;
}

// Every statement the LRS holds, following its "more" links.
async function readAll(port) {
  const auth = 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
  const held = new Map();
  let next = '/xAPI/statements?limit=37';
  while (next) {
    const res = await fetch(`http://127.0.0.1:${port}${next}`, {
      headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' },
    });
    if (res.status !== 200) fail(`GET ${next} answered ${res.status}`);
    const page = await res.json();
    for (const s of page.statements) held.set(s.id, s);
    next = page.more || '';
  }
  return held;
}

function withoutLrsFields(s) {
  const { stored, authority, version, ...rest } = s;
  return rest;
}

const files = workshop();
const pushed = new Map();
for (const f of files)
  for (const s of JSON.parse(fs.readFileSync(f, 'utf8')).statements) pushed.set(s.id, s);
const total = pushed.size;
const db = path.join(work, 'workshop.db');
if ((await run(['merge', ...files, '--db', db])).code !== 0) fail('ailit merge');
const pwFile = path.join(work, 'password');
fs.writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });

const lrs = await startLrs({ user: USER, password: PASSWORD });
const endpoint = `http://127.0.0.1:${lrs.port}/xAPI`;
const push = (extra = [], env) =>
  run(['push', '--lrs', endpoint, '--user', USER, '--password-file', pwFile, '--batch',
       String(BATCH), ...extra], env);
try {
  await steps();
} finally {
  lrs.close();
}
process.exit(0);

async function steps() {
  // 1. Cut off after two batches: the third reaches the LRS but its answer is lost.
  lrs.state.cutAfter = 2;
  let r = await push(['--db', db]);
  check(r.code === 1 && /cannot reach the LRS at .*run the same command again to go on/s.test(r.stderr),
        'a push cut off half way stops with exit 1 and says to run it again');
  check(r.stderr.includes(`pushed ${2 * BATCH} of ${total} statements`),
        'the progress line counts the batches the LRS accepted');
  lrs.heal();
  // 2. Resume: only what was not recorded goes out (the lost batch again, harmlessly).
  let before = lrs.state.postedStatements;
  r = await push(['--db', db]);
  check(r.code === 0 && r.stdout.includes(`${total - 2 * BATCH} statements sent and accepted in this run, ${2 * BATCH} sent before`),
        `the resumed push sends the remaining ${total - 2 * BATCH} of ${total} (exit ${r.code}: ${r.out.trim()})`);
  check(lrs.state.postedStatements - before === total - 2 * BATCH,
        'no statement recorded as pushed is posted again');
  // 3. Everything reads back as it was sent.
  const held = await readAll(lrs.port);
  check(held.size === total, `the LRS holds all ${total} statements (holds ${held.size})`);
  for (const [id, s] of pushed) {
    const h = held.get(id);
    if (!h || !isDeepStrictEqual(withoutLrsFields(h), withoutLrsFields(s)))
      fail(`statement ${id} reads back differently:\n${JSON.stringify(h)}\n${JSON.stringify(s)}`);
  }
  check(true, 'every statement reads back as pushed (ignoring stored, authority, version)');
  // 4. Again: nothing new is sent.
  before = lrs.state.posts;
  r = await push(['--db', db]);
  check(r.code === 0 && lrs.state.posts === before && r.stdout.includes(`0 statements sent and accepted in this run, ${total} sent before`),
        'pushing again posts nothing');
  // 5. Progress files given directly, to a fresh state file: the LRS already holds
  //    them with the same content, which is no error.
  const state = path.join(work, 'files-state.db');
  r = await push(['--state', state, ...files]);
  check(r.code === 0 && r.stdout.includes(`${total} statements sent and accepted in this run`),
        `progress files given directly are pushed through the state file (${r.out.trim()})`);
  before = lrs.state.posts;
  r = await push(['--state', state, ...files]);
  check(r.code === 0 && lrs.state.posts === before, 'the state file keeps the record for files');
  // 6. A statement the LRS holds with other content is reported by id, not recorded.
  const doc = JSON.parse(fs.readFileSync(files[0], 'utf8'));
  const changed = doc.statements[7];
  changed.timestamp = '2026-01-01T00:00:00.000Z';
  const tampered = path.join(work, 'tampered.json');
  fs.writeFileSync(tampered, JSON.stringify(doc));
  r = await push(['--state', path.join(work, 'tampered-state.db'), tampered]);
  check(r.code === 1 && r.stdout.includes(`differs: the LRS holds another statement under the id ${changed.id}`) &&
        r.stdout.includes(`${doc.statements.length - 1} statements sent and accepted`),
        `a statement held with other content is reported by id (${r.out.trim()})`);
  // 7. A wrong password: the 401 message, exit 1.
  const wrong = path.join(work, 'wrong-password');
  fs.writeFileSync(wrong, 'not-it\n');
  r = await run(['push', '--lrs', endpoint, '--user', USER, '--password-file', wrong,
                 '--state', path.join(work, 'wrong-state.db'), files[0]]);
  check(r.code === 1 && r.stderr.includes('the LRS refused the user name or password (HTTP 401)'),
        `a wrong password gives the 401 message (${r.out.trim()})`);
  // 8. The password is never an argument; the environment variable works.
  r = await run(['push', '--lrs', endpoint, '--user', USER, '--password', PASSWORD, '--db', db]);
  check(r.code === 2 && r.stderr.includes('--password-file'), '--password is refused (exit 2)');
  r = await run(['push', '--lrs', endpoint, '--user', USER, '--db', db], { AILIT_LRS_PASSWORD: PASSWORD });
  check(r.code === 0, 'AILIT_LRS_PASSWORD gives the password');
}
