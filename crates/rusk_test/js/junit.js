// The JUnit XML of one test file (`rusk test --reporter=junit`), in Bun's layout: a
// <testsuite> per file with a nested <testsuite> per describe block; the Rust side wraps the
// files' elements in <testsuites>.

import { hostname } from "rusk:test/native";
import { userFrame } from "rusk:test/util";

const escapeXml = (s) =>
  String(s).replace(/[&<>"'\n\r\t]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;" })[c]);

// results: [{ names, status, durationMs, line, assertions, error }] in run order.
export function junitSuite(file, results, durationMs) {
  const host = escapeXml(hostname());
  const root = { name: file, line: 0, suites: new Map(), items: [] };
  for (const r of results) {
    let node = root;
    for (const name of r.names.slice(0, -1)) {
      let child = node.suites.get(name);
      if (!child) {
        child = { name, line: r.line, suites: new Map(), items: [] };
        node.suites.set(name, child);
        node.items.push(child);
      }
      node = child;
    }
    node.items.push(r);
  }
  const totals = (node) => {
    const t = { tests: 0, assertions: 0, failures: 0, skipped: 0 };
    for (const item of node.items) {
      const sub = item.items ? totals(item) : {
        tests: 1,
        assertions: item.assertions ?? 0,
        failures: item.status === "fail" ? 1 : 0,
        skipped: item.status === "skip" || item.status === "todo" ? 1 : 0,
      };
      for (const k in t) t[k] += sub[k];
    }
    return t;
  };
  const attrs = (t) => `tests="${t.tests}" assertions="${t.assertions}" failures="${t.failures}" skipped="${t.skipped}"`;
  const fileAttr = escapeXml(file);
  const lines = [];
  const emit = (node, depth) => {
    const pad = "  ".repeat(depth);
    for (const item of node.items) {
      if (item.items) {
        lines.push(`${pad}<testsuite name="${escapeXml(item.name)}" file="${fileAttr}" line="${item.line}" ${attrs(totals(item))} time="0" hostname="${host}">`);
        emit(item, depth + 1);
        lines.push(`${pad}</testsuite>`);
        continue;
      }
      // Bun names the enclosing blocks innermost first.
      const classname = escapeXml(item.names.slice(0, -1).reverse().join(" > "));
      const head = `${pad}<testcase name="${escapeXml(item.names[item.names.length - 1])}" classname="${classname}" time="${(item.durationMs / 1000).toFixed(6)}" file="${fileAttr}" line="${item.line ?? 0}" assertions="${item.assertions ?? 0}"`;
      const inner = item.status === "skip" ? "<skipped />"
        : item.status === "todo" ? '<skipped message="TODO" />'
        : item.status === "fail" ? failure(item.error, file) : null;
      if (inner === null) lines.push(`${head} />`);
      else lines.push(`${head}>`, `${pad}  ${inner}`, `${pad}</testcase>`);
    }
  };
  emit(root, 2);
  return [
    `  <testsuite name="${fileAttr}" file="${fileAttr}" ${attrs(totals(root))} time="${(durationMs / 1000).toFixed(9)}" hostname="${host}">`,
    ...lines,
    "  </testsuite>",
    "",
  ].join("\n");
}

function failure(error, file) {
  if (error === undefined) return '<failure type="AssertionError" message="" />';
  const isError = error !== null && typeof error === "object" && "message" in error;
  const type = !isError ? "Error" : error.isExpectError ? "AssertionError" : String(error.name || "Error");
  const message = isError ? String(error.message) : String(error);
  const loc = isError ? error.loc || userFrame(error.stack) : null;
  const where = loc ? `\n      at ${loc.file.endsWith(file) ? file : loc.file}:${loc.line}${loc.col ? ":" + loc.col : ""}\n` : "\n";
  return `<failure type="${escapeXml(type)}" message="${escapeXml(message)}">${escapeXml(`${type}: ${message}${where}`)}</failure>`;
}
