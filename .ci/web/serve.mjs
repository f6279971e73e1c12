// The live preview as a user meets it, in headless Chromium (Debian's chromium through
// puppeteer-core): start `demarcate serve` on a free port, open the index, change a label in a
// model and see the new label in the page's picture within 2 s with no reload by hand; break
// the model and see its diagnostic in the page with the last good pictures; fix it and see the
// picture again; ask for /../Cargo.toml and with a foreign Host and be refused; stop the server
// with SIGTERM and SIGINT. Usage: node serve.mjs path/to/demarcate path/to/model.yaml
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import puppeteer from "puppeteer-core";

const [binary, model] = process.argv.slice(2).map((p) => resolve(p));
if (!binary || !model) {
  console.error("usage: node serve.mjs DEMARCATE MODEL.yaml");
  process.exit(2);
}
const fail = (why) => {
  console.error(`serve: FAILED: ${why}`);
  process.exit(1);
};

// A docs folder of one's own: model/aws.yaml, served from there.
const dir = mkdtempSync(join(tmpdir(), "demarcate-serve-test-"));
mkdirSync(join(dir, "model"));
const file = join(dir, "model", "aws.yaml");
copyFileSync(model, file);
const original = readFileSync(file, "utf8");
const label = "Customer data";
if (!original.includes(`label: ${label}`)) fail(`the model has no layer labelled ${label}`);

/** Starts `demarcate serve`; resolves with the process, its base URL and its build folder. */
function start(args) {
  return new Promise((ok, ko) => {
    const child = spawn(binary, ["serve", "--port", "0", ...args], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
      const m = err.match(/serving (.+) on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) ok({ child, base: m[2], folder: m[1], log: () => err });
    });
    child.on("exit", (code) => ko(new Error(`serve exited with ${code}:\n${err}`)));
    setTimeout(() => ko(new Error(`serve did not start in 60 s:\n${err}`)), 60000);
  });
}

/** A raw request (no URL normalisation): its status and body. */
function raw(base, path, host) {
  const url = new URL(base);
  return new Promise((ok, ko) => {
    const req = request({ host: url.hostname, port: url.port, path, headers: host ? { Host: host } : {} }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => ok({ status: res.statusCode, body }));
    });
    req.on("error", ko);
    req.end();
  });
}

/** Resolves with the exit code when `child` exits, or fails after `secs`. */
function exited(child, secs) {
  return new Promise((ok) => {
    if (child.exitCode !== null) return ok(child.exitCode);
    child.on("exit", (code) => ok(code));
    setTimeout(() => fail(`the server did not stop within ${secs} s`), secs * 1000);
  });
}

const server = await start(["--format", "svg,html,md,png"]);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
await page.goto(server.base + "/");
const stackText = () =>
  page.evaluate(async () => {
    const img = [...document.images].find((i) => /\/stack\.svg$/.test(new URL(i.src).pathname));
    return img ? await (await fetch(img.src)).text() : "";
  });
if (!(await stackText()).includes(label)) fail("the index shows no stack picture with the model's label");
// The page marks itself; a reload (by the page's own script) clears the mark.
const mark = () => page.evaluate(() => (window.__before = true));
const reloaded = (ms) => page.waitForFunction(() => !window.__before, { timeout: ms, polling: 50 });

// 1. A new label, in the page's picture within 2 s.
await mark();
let t0 = Date.now();
writeFileSync(file, original.replace(`label: ${label}`, "label: Customer records"));
await reloaded(2000).catch(() => fail(`no reload within 2 s of the change\n${server.log()}`));
await page.waitForFunction(() => document.readyState === "complete");
if (!(await stackText()).includes("Customer records")) fail("the reloaded page's picture lacks the new label");
const shown = Date.now() - t0;
console.log(`serve: a changed label is in the page's picture ${shown} ms after the save`);
if (shown > 2000) fail(`${shown} ms is more than 2 s`);

// 2. A broken model: its diagnostic in the page, the last good picture still there.
await mark();
writeFileSync(file, original.replace("title: The AWS Shared Responsibility Model", "title: [broken"));
await reloaded(5000).catch(() => fail("no reload after breaking the model"));
const problems = await page.evaluate(() => document.querySelector(".problems")?.innerText ?? "");
if (!/aws\.yaml:\d+:\d+/.test(problems)) fail(`the page shows no file:line:column:\n${problems}`);
if (!/\d+ \| .+\n.*\^/.test(problems)) fail(`the page shows no source line with its caret:\n${problems}`);
if (!problems.includes("hint:")) fail(`the page shows no hint:\n${problems}`);
if (!(await stackText()).includes("Customer records")) fail("the last good picture is gone");
console.log("serve: a broken model's diagnostic is in the page, above the last good pictures");

// 3. Fixed: the pictures again, no problems.
await mark();
writeFileSync(file, original);
await reloaded(5000).catch(() => fail("no reload after fixing the model"));
if (await page.evaluate(() => document.querySelector(".problems") !== null)) fail("the problems stay after the fix");
if (!(await stackText()).includes(label)) fail("the fixed model's picture is not shown");
console.log("serve: the fix brings the pictures back");
await browser.close();

// 4. Refused: leaving the build folder, hidden files, a foreign Host (DNS rebinding).
for (const path of ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/aws/..%2f..%2fCargo.toml", "/.demarcate.record", "/aws/"]) {
  const r = await raw(server.base, path);
  if (r.status < 400 || r.body.includes("[package]")) fail(`${path} answered ${r.status}`);
}
const foreign = await raw(server.base, "/", "attacker.example:80");
if (foreign.status !== 421) fail(`a foreign Host answered ${foreign.status}`);
console.log("serve: traversal, hidden files, listings and a foreign Host are refused");

// 5. SIGTERM and SIGINT stop it cleanly, and its temporary build folder goes with it.
server.child.kill("SIGTERM");
if ((await exited(server.child, 10)) !== 0) fail("SIGTERM: not a clean exit");
if (existsSync(server.folder)) fail(`the build folder ${server.folder} is left behind`);
const second = await start(["--format", "svg"]);
second.child.kill("SIGINT");
if ((await exited(second.child, 10)) !== 0) fail("SIGINT: not a clean exit");
console.log("serve: SIGTERM and SIGINT stop it with exit 0 and remove its build folder");
process.exit(0);
