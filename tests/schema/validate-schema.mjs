#!/usr/bin/env node
// Validates course packs with the JSON Schemas in courses/schema/, the way an author's
// editor would: pack.json against pack.schema.json, and every lesson file that
// pack.json lists (and that exists inside the pack) against lesson.schema.json.
//
//   node validate-schema.mjs SCHEMA_DIR PACK_DIR...
//
// A PACK_DIR without a pack.json is taken as a library folder (like courses/): each of
// its subfolders that holds a pack.json is validated. Finding no pack at all is an
// error, since a run that checks nothing proves nothing.
//
// Each problem is printed as `FILE: JSONPOINTER: message`; `(root)` stands for the
// empty pointer (the whole document). Exit status: 0 all valid, 1 some problem,
// 2 the tool itself could not run (bad usage, schemas or ajv missing).
//
// Checks that need more than one file at a time (ids unique, files exist, languages
// of localized texts, ...) are `ailit validate`'s alone; see courses/FORMAT.md.

import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeDir = path.resolve(here, "../node");

/** Thrown for problems of the tool itself (exit 2), not of the packs. */
export class SetupError extends Error {}

/** Thrown when ajv is not installed: the check cannot run, so it is skipped (exit 77,
 * which ctest reports as skipped), never passed. */
export class MissingToolError extends SetupError {}

/** Loads ajv from tests/node/node_modules, or explains how to install it. */
function loadAjv() {
  const require = createRequire(path.join(nodeDir, "package.json"));
  try {
    const mod = require("ajv/dist/2020");
    return mod.default ?? mod;
  } catch (e) {
    throw new MissingToolError(
      `cannot load ajv from ${path.join(nodeDir, "node_modules")} (${e.code ?? e.message}).\n` +
        `Install the test tools first:  cd ${nodeDir} && npm ci\n` +
        `(packaging/setup.sh test does this for you).`,
    );
  }
}

/**
 * Compiles the schemas in schemaDir. Returns { pack, lesson, lessonPath }: ajv validate
 * functions for pack.json, a lesson file, and one entry of pack.json's "lessons".
 */
export function loadValidators(schemaDir) {
  const Ajv2020 = loadAjv();
  const ajv = new Ajv2020({
    allErrors: true, // report every problem in one run, as ailit does
    verbose: true, // errors carry their schema, for the messages below
    strict: true, // a mistake in our own schemas fails loudly
    strictTypes: false, // if/then branches on "type" legitimately omit "type": "object"
  });
  // VS Code shows this instead of the bare regular expression; we do the same.
  ajv.addKeyword({ keyword: "patternErrorMessage", schemaType: "string" });
  const schemas = {};
  for (const name of ["common", "pack", "lesson"]) {
    const file = path.join(schemaDir, `${name}.schema.json`);
    let schema;
    try {
      schema = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new SetupError(`cannot read schema ${file}: ${e.message}`);
    }
    schemas[name] = schema;
    try {
      ajv.addSchema(schema);
    } catch (e) {
      throw new SetupError(`schema ${file} is not a valid JSON Schema: ${e.message}`);
    }
  }
  const get = (ref) => {
    try {
      const fn = ajv.getSchema(ref);
      if (!fn) throw new Error("not found");
      return fn;
    } catch (e) {
      throw new SetupError(`cannot compile ${ref} from ${schemaDir}: ${e.message}`);
    }
  };
  return {
    pack: get(schemas.pack.$id),
    lesson: get(schemas.lesson.$id),
    lessonPath: get(`${schemas.common.$id}#/$defs/lessonPath`),
  };
}

/** A short, readable rendering of a JSON value for a message. */
function show(value) {
  let s = JSON.stringify(value);
  if (s === undefined) s = String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function escapePointer(key) {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Turns one ajv error into { pointer, message } in an author's words, or null to skip.
 * `at` is where ailit reports the same problem: a missing field at the object that
 * lacks it, a bad key at the key, anything else at the value.
 */
function describe(err) {
  const p = err.params ?? {};
  // An item that is not the one "contains" looks for is no problem by itself; ajv
  // still reports why each item missed, which would only mislead.
  if (/\/contains\//.test(err.schemaPath)) return null;
  // A bad key in an object: point at the key and say what is wrong with it.
  if (err.propertyName !== undefined) {
    const why = err.keyword === "pattern" ? err.parentSchema?.patternErrorMessage : undefined;
    const pointer = `${err.instancePath}/${escapePointer(err.propertyName)}`;
    return {
      pointer,
      at: pointer,
      message: `the key ${show(err.propertyName)} is not allowed here: ${why ?? err.message}`,
    };
  }
  switch (err.keyword) {
    case "if":
      return null; // 'must match "then" schema': the errors inside "then" say what is wrong
    case "propertyNames":
      return null; // 'property name must be valid': the error about the name itself says why
    case "required":
      return {
        pointer: `${err.instancePath}/${escapePointer(p.missingProperty)}`,
        at: err.instancePath,
        message: "is required but missing",
      };
    case "type":
      return { pointer: err.instancePath, message: `must be ${String(p.type).split(",").join(" or ")}, not ${show(err.data)}` };
    case "const":
      return { pointer: err.instancePath, message: `must be ${show(p.allowedValue)}, not ${show(err.data)}` };
    case "enum":
      return {
        pointer: err.instancePath,
        message: `must be one of ${p.allowedValues.map(show).join(", ")}, not ${show(err.data)}`,
      };
    case "pattern": {
      const why = err.parentSchema?.patternErrorMessage;
      return { pointer: err.instancePath, message: `${show(err.data)}: ${why ?? err.message}` };
    }
    case "contains": {
      const why = err.parentSchema?.description;
      return { pointer: err.instancePath, message: why ? `rule not met: ${why}` : err.message };
    }
    default:
      return { pointer: err.instancePath, message: err.message };
  }
}

/** Reads and parses a JSON file as ailit does (a UTF-8 byte-order mark is ignored). */
function readJson(file) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { error: `cannot read the file (${e.code ?? e.message})` };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { error: "not valid UTF-8, so not a JSON text" };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `not valid JSON: ${e.message}` };
  }
}

/**
 * Validates one file. Returns { value, problems: printable lines, places: the JSON
 * pointers where ailit would report them, as "FILE#POINTER" }.
 */
function checkFile(file, validate) {
  const { value, error } = readJson(file);
  if (error !== undefined) return { value, problems: [`${file}: (root): ${error}`], places: [`${file}#`] };
  if (validate(value)) return { value, problems: [], places: [] };
  const problems = new Set();
  const places = new Set();
  for (const err of validate.errors) {
    const d = describe(err);
    if (!d) continue;
    problems.add(`${file}: ${d.pointer || "(root)"}: ${d.message}`);
    places.add(`${file}#${d.at ?? d.pointer}`);
  }
  return { value, problems: [...problems], places: [...places] };
}

/** True when rel names a regular file whose real path lies inside packDir. */
function insidePack(packDir, rel) {
  try {
    const root = fs.realpathSync(packDir);
    const real = fs.realpathSync(path.join(packDir, rel));
    return real.startsWith(root + path.sep) && fs.statSync(real).isFile();
  } catch {
    return false;
  }
}

/**
 * Validates one pack folder. Returns { problems: [lines], places: ["FILE#POINTER"],
 * lessons: number of lesson files validated }. Lesson paths that are unsafe, missing or lead outside the pack
 * are not read: the pack schema reports the unsafe ones, ailit the rest.
 */
export function validatePack(validators, packDir) {
  const packFile = path.join(packDir, "pack.json");
  const { value, problems, places } = checkFile(packFile, validators.pack);
  let lessons = 0;
  const list = value !== null && typeof value === "object" && Array.isArray(value.lessons) ? value.lessons : [];
  for (const rel of new Set(list)) {
    if (typeof rel !== "string" || !validators.lessonPath(rel) || !insidePack(packDir, rel)) continue;
    const lesson = checkFile(path.join(packDir, rel), validators.lesson);
    problems.push(...lesson.problems);
    places.push(...lesson.places);
    lessons += 1;
  }
  return { problems, places, lessons };
}

/** The pack folders that the command-line arguments name (see the top of this file). */
export function findPacks(args) {
  const packs = [];
  for (const arg of args) {
    if (fs.existsSync(path.join(arg, "pack.json"))) {
      packs.push(arg);
      continue;
    }
    let entries;
    try {
      entries = fs.readdirSync(arg, { withFileTypes: true });
    } catch (e) {
      throw new SetupError(`${arg}: not a folder (${e.code ?? e.message})`);
    }
    const found = entries
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(arg, e.name, "pack.json")))
      .map((e) => path.join(arg, e.name))
      .sort();
    if (found.length === 0) throw new SetupError(`${arg}: holds no pack.json, nor any folder with one`);
    packs.push(...found);
  }
  return packs;
}

function main(argv) {
  if (argv.length < 2) {
    console.error("usage: node validate-schema.mjs SCHEMA_DIR PACK_DIR...");
    return 2;
  }
  const [schemaDir, ...args] = argv;
  try {
    const validators = loadValidators(schemaDir);
    const packs = findPacks(args);
    let bad = 0;
    for (const pack of packs) {
      const { problems, lessons } = validatePack(validators, pack);
      for (const line of problems) console.log(line);
      const files = `pack.json + ${lessons} lesson file${lessons === 1 ? "" : "s"}`;
      if (problems.length === 0) {
        console.log(`ok       ${pack} (${files})`);
      } else {
        bad += 1;
        console.log(`INVALID  ${pack} (${files}): ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
      }
    }
    console.log(`${packs.length - bad} passed, ${bad} failed`);
    return bad === 0 ? 0 : 1;
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    if (e instanceof MissingToolError) {
      console.log(`validate-schema: skipped: ${e.message}`);
      return 77;
    }
    console.error(`validate-schema: ${e.message}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
