// A comment line so the throw is not on line 1.
type Unused = { a: number };
function fail(x: number): never {
  throw new Error(`boom ${x}`);
}
fail(1);
