// Checks the HTML handouts given on the command line: the W3C Nu HTML checker (errors only) and
// axe-core in headless Chromium (every violation). Exits 1 when either finds anything.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const files = process.argv.slice(2).map((f) => resolve(f));
if (files.length === 0) {
  console.error("usage: node check.mjs HANDOUT.html...");
  process.exit(2);
}
let failed = false;

// 1. Nu HTML checker, on the machine's Java.
const vnu = require("vnu-jar"); // the package exports the path of vnu.jar
try {
  execFileSync("java", ["-jar", vnu, "--errors-only", "--format", "text", ...files], { stdio: "inherit" });
  console.log(`Nu HTML checker: 0 errors in ${files.length} files`);
} catch {
  console.error("Nu HTML checker found errors");
  failed = true;
}

// 2. axe-core in headless Chromium (Debian's chromium, never a downloaded browser).
const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync"],
});
for (const scheme of ["light", "dark"]) {
  for (const file of files) {
    const page = await browser.newPage();
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    await page.goto("file://" + file);
    await page.addScriptTag({ content: axe });
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    for (const v of result.violations) {
      failed = true;
      console.error(`axe (${scheme}): ${file}: ${v.id} (${v.impact}): ${v.help}`);
      for (const n of v.nodes.slice(0, 5)) console.error(`    ${n.target.join(" ")}: ${n.failureSummary.split("\n").join(" ")}`);
    }
    console.log(`axe-core (${scheme}): ${result.violations.length} violations in ${file}`);
    await page.close();
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
