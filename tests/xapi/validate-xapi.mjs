#!/usr/bin/env node
// Validates every statement of ailit progress files with Learning Locker's xAPI 1.0.3
// validator (@learninglocker/xapi-validation, from tests/node/node_modules), and
// checks that the files cover what the scripted session did: every ADL verb ailit
// uses, every interaction type, and no learner's name inside a statement.
//
//   node validate-xapi.mjs PROGRESS_FILE...
//
// Exit status: 0 all valid, 1 some problem, 2 the tool itself could not run.

import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeDir = path.resolve(here, "../node");

let validate;
try {
  const require = createRequire(path.join(nodeDir, "package.json"));
  const mod = require("@learninglocker/xapi-validation");
  validate = mod.default ?? mod;
} catch (e) {
  // The check cannot run: skipped (77, as ctest is told), never passed.
  console.log(
    `skipped: cannot load @learninglocker/xapi-validation from ${path.join(nodeDir, "node_modules")} ` +
      `(${e.code ?? e.message}).\nInstall the test tools first:  cd ${nodeDir} && npm ci`);
  process.exit(77);
}

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: node validate-xapi.mjs PROGRESS_FILE...");
  process.exit(2);
}

const wantVerbs = ["experienced", "answered", "passed", "failed", "completed", "progressed"];
const wantTypes = ["choice", "true-false", "sequencing", "matching", "fill-in"];
const verbs = new Set(), types = new Set();
let problems = 0, count = 0;

for (const file of files) {
  // Strict UTF-8: readFileSync(file, "utf8") would quietly turn bad bytes into U+FFFD,
  // while an LRS or ailit merge refuses them.
  let doc;
  try {
    doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(fs.readFileSync(file)));
  } catch (e) {
    console.error(`${file}: not strict UTF-8 JSON: ${e.message}`);
    problems++;
    continue;
  }
  if (doc.format !== "ailit-progress/1") {
    console.error(`${file}: not an ailit progress file`);
    problems++;
    continue;
  }
  const names = (doc.learners ?? []).map((l) => l.name).filter((n) => n && n.length > 2);
  doc.statements.forEach((st, i) => {
    count++;
    const warnings = validate(st);
    for (const w of warnings) {
      problems++;
      const where = (w.path ?? []).join(".");
      const what = [w.name, w.typeName, w.data === undefined ? undefined : JSON.stringify(w.data)]
        .filter(Boolean).join(" ");
      console.error(`${file}: statements[${i}] (${st.verb?.id}): ${where}: ${what}`);
    }
    verbs.add(String(st.verb?.id).split("/").pop());
    const it = st.object?.definition?.interactionType;
    if (it) types.add(it);
    const text = JSON.stringify(st);
    for (const n of names)
      if (text.includes(n)) {
        problems++;
        console.error(`${file}: statements[${i}] carries the learner name ${JSON.stringify(n)}`);
      }
  });
}
for (const v of wantVerbs)
  if (!verbs.has(v)) {
    problems++;
    console.error(`no statement uses the verb ${v}`);
  }
for (const t of wantTypes)
  if (!types.has(t)) {
    problems++;
    console.error(`no statement has the interaction type ${t}`);
  }
if (count === 0) {
  console.error("no statements at all: a run that checks nothing proves nothing");
  problems++;
}
console.log(`${count} statements checked with @learninglocker/xapi-validation: ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
