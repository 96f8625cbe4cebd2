#!/usr/bin/env node
// Checks that the JSON Schemas and `ailit validate` agree on every fixture pack: a pack
// that ailit accepts must pass the schemas (else authors' editors would flag good
// packs), and a pack that ailit rejects must fail them (else the schemas miss a rule),
// except the fixtures listed in schema-blind.txt beside this file, whose problem only
// ailit can see (see "Only ailit checks" in courses/FORMAT.md): for those, ailit must
// reject the pack and the schemas may accept it.
//
//   node schema-agrees.mjs SCHEMA_DIR AILIT_BINARY FIXTURES_DIR
//
// Every folder directly under FIXTURES_DIR is a fixture; one without a readable
// pack.json in JSON counts as invalid for the schemas. Warnings do not count: ailit's
// exit status 0 means no error, 1 means errors; anything else is a failure.
// Prints one line per fixture and closes with `N passed, M failed`. Exit status 0 when
// all agree, 1 on any mismatch, 2 when the check could not run (or found no fixture).

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MissingToolError, SetupError, loadValidators, validatePack } from "./validate-schema.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const blindFile = path.join(here, "schema-blind.txt");

/** Reads schema-blind.txt: `FIXTURE_NAME  reason` per line; '#' starts a comment. */
function readBlindList() {
  const blind = new Map();
  let text;
  try {
    text = fs.readFileSync(blindFile, "utf8");
  } catch (e) {
    if (e.code === "ENOENT") return blind;
    throw new SetupError(`cannot read ${blindFile}: ${e.message}`);
  }
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) return;
    const m = /^(\S+)\s+(\S.*)$/.exec(line);
    if (!m) throw new SetupError(`${blindFile}:${i + 1}: expected "FIXTURE_NAME  reason", got "${line}"`);
    if (blind.has(m[1])) throw new SetupError(`${blindFile}:${i + 1}: ${m[1]} is listed twice`);
    blind.set(m[1], m[2]);
  });
  return blind;
}

/** Runs `ailit validate DIR`; returns { valid: bool|null, detail: text }. */
function runAilit(binary, dir) {
  const r = spawnSync(binary, ["validate", dir], { encoding: "utf8", timeout: 60_000 });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`.trimEnd();
  if (r.error) return { valid: null, detail: `could not run ${binary}: ${r.error.message}` };
  if (r.status === 0) return { valid: true, detail: output };
  if (r.status === 1) return { valid: false, detail: output };
  const how = r.signal ? `was killed by ${r.signal}` : `exited with status ${r.status}`;
  return { valid: null, detail: `ailit ${how} (expected 0 or 1)\n${output}` };
}

/** "FILE#/pages/1/title" -> "FILE pages[1].title", the way ailit writes a place. */
function ailitStyle(place) {
  const hash = place.lastIndexOf("#");
  const parts = place.slice(hash + 1).split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  const where = parts.map((k, i) => (/^[0-9]+$/.test(k) ? `[${k}]` : i ? `.${k}` : k)).join("");
  return `${path.resolve(place.slice(0, hash))} ${where}`.trimEnd();
}

/** The places of ailit's errors ("FILE JSON.PATH"), read from its output. */
function ailitPlaces(output) {
  const places = new Set();
  for (const line of output.split("\n")) {
    const m = /^(.+?)(?::\d+:\d+)?: error: (.*)$/.exec(line);
    if (!m) continue;
    const where = /^([^\s:]+): /.exec(m[2]);
    places.add(`${path.resolve(m[1])} ${where ? where[1] : ""}`.trimEnd());
  }
  return places;
}

/**
 * When both reject, says whether they found problems in the same places. This is
 * for the reader only: the two may rightly count differently (ailit stops reading a
 * pack of a newer format; one wrong value can break two rules).
 */
function comparePlaces(schemaPlaces, ailitOutput, dir) {
  const ours = new Set(schemaPlaces.map(ailitStyle));
  const theirs = ailitPlaces(ailitOutput);
  const rel = (p) => path.relative(path.resolve(dir), p.split(" ")[0]) + (p.includes(" ") ? ` ${p.split(" ")[1]}` : "");
  const onlyOurs = [...ours].filter((p) => !theirs.has(p)).map(rel);
  const onlyTheirs = [...theirs].filter((p) => !ours.has(p)).map(rel);
  if (onlyOurs.length === 0 && onlyTheirs.length === 0) return `in the same ${ours.size} place${ours.size === 1 ? "" : "s"}`;
  const list = (a) => (a.length ? a.join(", ") : "none");
  return `in places that differ (only the schema: ${list(onlyOurs)}; only ailit: ${list(onlyTheirs)})`;
}

function indent(text) {
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => `    ${l}`)
    .join("\n");
}

function main(argv) {
  if (argv.length !== 3) {
    console.error("usage: node schema-agrees.mjs SCHEMA_DIR AILIT_BINARY FIXTURES_DIR");
    return 2;
  }
  const [schemaDir, binary, fixturesDir] = argv;
  const validators = loadValidators(schemaDir);
  const blind = readBlindList();

  let entries;
  try {
    entries = fs.readdirSync(fixturesDir, { withFileTypes: true });
  } catch (e) {
    throw new SetupError(`cannot list fixtures in ${fixturesDir}: ${e.message}`);
  }
  const fixtures = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (fixtures.length === 0) {
    throw new SetupError(`no fixture folders in ${fixturesDir}: a check of nothing proves nothing`);
  }

  let passed = 0;
  let failed = 0;
  const report = (ok, name, why, detail) => {
    if (ok) passed += 1;
    else failed += 1;
    console.log(`${ok ? "ok      " : "MISMATCH"} ${name}: ${why}`);
    if (!ok && detail) console.log(indent(detail));
  };

  for (const name of fixtures) {
    const dir = path.join(fixturesDir, name);
    const schema = validatePack(validators, dir);
    const schemaValid = schema.problems.length === 0;
    const count = `${schema.problems.length} schema problem${schema.problems.length === 1 ? "" : "s"}`;
    const schemaSays = schemaValid ? "schema accepts" : `schema rejects (${count})`;
    const ailit = runAilit(binary, dir);
    const detail = () => `schema:\n${indent(schema.problems.join("\n") || "(no problem)")}\nailit:\n${indent(ailit.detail || "(no output)")}`;

    if (ailit.valid === null) {
      report(false, name, "ailit did not give a verdict", detail());
    } else if (blind.has(name)) {
      const why = `schema-blind (${blind.get(name)}): ${schemaSays}`;
      if (ailit.valid) report(false, name, `${why}, but ailit accepts it; a schema-blind fixture must be invalid`, detail());
      else report(true, name, `${why}, ailit rejects`);
    } else if (schemaValid === ailit.valid) {
      report(true, name, ailit.valid ? "both accept" : `both reject, ${comparePlaces(schema.places, ailit.detail, dir)}`);
    } else {
      const hint = ailit.valid
        ? "the schema is stricter than ailit"
        : "ailit rejects what the schema accepts; if no schema can see it, list it in schema-blind.txt";
      report(false, name, `${schemaSays}, ailit ${ailit.valid ? "accepts" : "rejects"}: ${hint}`, detail());
    }
  }
  for (const name of blind.keys()) {
    if (!fixtures.includes(name)) report(false, name, `listed in ${path.basename(blindFile)} but there is no such fixture`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof SetupError)) throw e;
  if (e instanceof MissingToolError) {
    console.log(`schema-agrees: skipped: ${e.message}`);
    process.exitCode = 77;
  } else {
    console.error(`schema-agrees: ${e.message}`);
    process.exitCode = 2;
  }
}
