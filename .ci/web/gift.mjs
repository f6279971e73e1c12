// Reads GIFT files with gift-pegjs (a PEG grammar of Moodle's GIFT format) and prints, as
// JSON, each file's questions: type, title, stem, choices and which is right, and the
// general feedback. Exits non-zero when a file does not parse.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const gift = require("gift-pegjs");

const out = {};
for (const file of process.argv.slice(2)) {
  try {
    out[file] = gift.parse(readFileSync(file, "utf8"));
  } catch (e) {
    const at = e.location ? `:${e.location.start.line}:${e.location.start.column}` : "";
    console.error(`gift: ${file}${at}: ${e.message}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(out));
