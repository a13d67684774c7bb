// The WHATWG FormData class (a global in Node and Bun): an ordered list of name/value entries,
// where a value is a string or a File. Parsing and serializing multipart bodies belongs to
// fetch, which rusk does not have yet.
import { Blob, File } from "node:buffer";

function toEntry(name, value, filename, argCount) {
  name = `${name}`;
  if (value instanceof Blob) {
    if (!(value instanceof File) || filename !== undefined) {
      const fname = filename !== undefined ? `${filename}` : value instanceof File ? value.name : "blob";
      value = new File([value], fname, { type: value.type, lastModified: value instanceof File ? value.lastModified : Date.now() });
    }
    return [name, value];
  }
  if (argCount > 2) throw new TypeError("Failed to execute 'append' on 'FormData': parameter 2 is not of type 'Blob'.");
  return [name, `${value}`];
}

function need(n, count, method) {
  if (count < n) throw new TypeError(`Failed to execute '${method}' on 'FormData': ${n} arguments required, but only ${count} present.`);
}

export class FormData {
  #entries = [];
  constructor(form) {
    if (form !== undefined) throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
  }
  append(name, value, filename) {
    need(2, arguments.length, "append");
    this.#entries.push(toEntry(name, value, filename, arguments.length));
  }
  set(name, value, filename) {
    need(2, arguments.length, "set");
    const entry = toEntry(name, value, filename, arguments.length);
    const i = this.#entries.findIndex(([n]) => n === entry[0]);
    if (i < 0) {
      this.#entries.push(entry);
      return;
    }
    this.#entries[i] = entry;
    this.#entries = this.#entries.filter(([n], j) => j <= i || n !== entry[0]);
  }
  get(name) {
    need(1, arguments.length, "get");
    const found = this.#entries.find(([n]) => n === `${name}`);
    return found ? found[1] : null;
  }
  getAll(name) {
    need(1, arguments.length, "getAll");
    return this.#entries.filter(([n]) => n === `${name}`).map(([, v]) => v);
  }
  has(name) {
    need(1, arguments.length, "has");
    return this.#entries.some(([n]) => n === `${name}`);
  }
  delete(name) {
    need(1, arguments.length, "delete");
    this.#entries = this.#entries.filter(([n]) => n !== `${name}`);
  }
  forEach(callback, thisArg) {
    if (typeof callback !== "function") throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'.");
    for (const [n, v] of this.#entries) callback.call(thisArg, v, n, this);
  }
  *entries() {
    // Live, as the spec's iterator: entries appended during iteration are seen.
    for (let i = 0; i < this.#entries.length; i++) yield [...this.#entries[i]];
  }
  *keys() {
    for (const [n] of this.entries()) yield n;
  }
  *values() {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  get [Symbol.toStringTag]() {
    return "FormData";
  }
}

export default { FormData };
