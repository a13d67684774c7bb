// A part of rusk's bootstrap (js/bootstrap.js), read and run on first use: the text of an
// uncaught error.
// Called with (native, internals, shared) like the bootstrap; returns its exports.
(function uncaught(native, internals, shared) {
  "use strict";
  const formatUncaught = (err) => {
    // Any property of a thrown value may be a getter that throws: read each one guarded, so a
    // hostile error still prints as itself.
    const read = (key) => {
      try {
        return err[key];
      } catch {
        return undefined;
      }
    };
    const str = (v) => {
      try {
        return String(v);
      } catch {
        return Object.prototype.toString.call(v);
      }
    };
    const stack = err !== null && typeof err === "object" ? read("stack") : undefined;
    if (err instanceof Error || typeof stack === "string") {
      const message = read("message");
      let text = typeof stack === "string" && stack.length ? stack : str(err);
      const lines = text.split("\n");
      // Errors built natively get their stack before their message: rebuild the header.
      if (!lines[0].includes(message === undefined ? "" : str(message))) {
        if (lines[0].startsWith("    at ")) lines.unshift("");
        lines[0] = `${str(read("name") ?? "Error")}: ${str(message)}`;
        text = lines.join("\n");
      }
      const extra = [];
      const code = read("code");
      if (code !== undefined) extra.push(`  code: ${JSON.stringify(code)}`);
      return extra.length ? `${text}\n{\n${extra.join(",\n")}\n}` : text;
    }
    let shown;
    try {
      shown = typeof err === "string" ? JSON.stringify(err) : typeof err === "object" && err !== null ? JSON.stringify(err) : String(err);
    } catch {
      shown = str(err);
    }
    return `error: Uncaught ${shown}`;
  };

  return { formatUncaught };
});
