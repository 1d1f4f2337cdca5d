// The npm package ajv validating the events that bench_validate exported, against the same
// schemas (draft 2020-12), one thread, for the ratio bench_validate prints. Prints one JSON line.
// Usage: node ajv_validate.mjs AJV_PREFIX SCHEMAS.json EVENTS.ndjson
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const [prefix, schemasFile, eventsFile] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(prefix), "node_modules", "x.js"));
const Ajv2020 = require("ajv/dist/2020").default;
// allErrors: the validator reports every violation, not the first. strict: false lets the
// x-level / x-route / x-privacy annotations through.
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat("date-time",
  /^\d{4}-[01]\d-[0-3]\d[Tt ][0-2]\d:[0-5]\d:[0-6]\d(?:\.\d+)?(?:[Zz]|[+-][0-2]\d:[0-5]\d)$/);

const exported = JSON.parse(fs.readFileSync(schemasFile, "utf8"));
let t0 = process.hrtime.bigint();
const validators = exported.schemas.map((s) => ajv.compile(JSON.parse(s)));
const compileSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
const versions = exported.versions;
const current = versions[exported.current];

const lines = fs.readFileSync(eventsFile, "utf8").split("\n");
let valid = 0, invalid = 0, malformed = 0, events = 0;
t0 = process.hrtime.bigint();
for (const line of lines) {
  if (line.length === 0) continue;
  ++events;
  let o;
  try {
    o = JSON.parse(line);
  } catch {
    ++malformed;
    continue;
  }
  if (o === null || typeof o !== "object" || typeof o.event !== "string" || typeof o.time !== "string") {
    ++malformed;
    continue;
  }
  const snapshot = versions[o.app_version] || current;
  const index = snapshot[o.event];
  if (index === undefined) {
    ++invalid; // unplanned
    continue;
  }
  if (validators[index](o.properties || {})) ++valid; else ++invalid;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ events, seconds, valid, invalid, malformed, compileSeconds, schemas: validators.length }));
