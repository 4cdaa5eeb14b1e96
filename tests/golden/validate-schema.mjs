// validate-schema.mjs — validates JSON files against a JSON Schema with
// ajv (draft 2020-12, strict mode, ajv-formats), as `ajv validate
// --spec=draft2020 --strict=true -c ajv-formats` does, but compiling the
// schema once for every file instead of once per file (one Node.js start
// in place of one per file). run-schema.sh calls it.
//
//   node tests/golden/validate-schema.mjs SCHEMA FILE...
//
// Prints, per FILE, "valid FILE" or "invalid FILE" followed by ajv's
// errors indented; exits 0 (the caller decides which files must fail).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('../node_modules/ajv/dist/2020').default;
const addFormats = require('../node_modules/ajv-formats');

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || !files.length) {
  console.error('usage: node tests/golden/validate-schema.mjs SCHEMA FILE...');
  process.exit(2);
}
const ajv = new Ajv2020({ strict: true, allErrors: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
for (const file of files) {
  let data;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.log(`invalid ${file}\n    not JSON: ${error.message}`);
    continue;
  }
  if (validate(data)) console.log(`valid ${file}`);
  else console.log(`invalid ${file}\n${JSON.stringify(validate.errors, null, 2).replace(/^/gm, '    ')}`);
}
