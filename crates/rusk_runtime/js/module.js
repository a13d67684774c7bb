// node:module — createRequire and the list of built-in modules.
const internals = globalThis[Symbol.for("rusk.internals")];
export const createRequire = internals.createRequire;
export const builtinModules = internals.builtinModules();
export function isBuiltin(name) {
  const n = String(name).replace(/^node:/, "");
  return builtinModules.includes(n);
}
export default { createRequire, builtinModules, isBuiltin };
