import { describe, test, expect } from "bun:test";
import path from "node:path";
import { join as namedJoin, posix as namedPosix, win32 as namedWin32, sep, delimiter } from "node:path";
import posixModule from "node:path/posix";
import win32Module from "node:path/win32";

// [flavour, function, arguments, Node 20's result], quirks included (e.g. dirname("/a//b")
// is "/a/", win32.normalize("CON:foo") is ".\\CON:foo"). Bun lacks Node 20's guards against
// Windows device names and drive-like segments ("CON:foo", "a/con:", "con/", join("a", "C:\\b"))
// and returns those paths without the leading ".\\".
const CASES: [string, string, string[], unknown][] = [
  ["posix","normalize",[""],"."],
  ["posix","normalize",["."],"."],
  ["posix","normalize",["./"],"./"],
  ["posix","normalize",["a/.."],"."],
  ["posix","normalize",["a/../"],"./"],
  ["posix","normalize",["/a/b/../../.."],"/"],
  ["posix","normalize",["a//b/./c/"],"a/b/c/"],
  ["posix","normalize",["../a/../../b"],"../../b"],
  ["posix","normalize",["/.."],"/"],
  ["posix","normalize",["//a"],"/a"],
  ["posix","normalize",["a/b/..."],"a/b/..."],
  ["posix","normalize",["/a/./b/../c/"],"/a/c/"],
  ["posix","join",[],"."],
  ["posix","join",[""],"."],
  ["posix","join",["a","","b"],"a/b"],
  ["posix","join",["/a","../b"],"/b"],
  ["posix","join",["a","/b"],"a/b"],
  ["posix","join",["..","a",".."],".."],
  ["posix","join",["/","//","x/"],"/x/"],
  ["posix","resolve",["/a/b","./c"],"/a/b/c"],
  ["posix","resolve",["/a","/b","c"],"/b/c"],
  ["posix","resolve",["/",".."],"/"],
  ["posix","resolve",["/a/","b/","../"],"/a"],
  ["posix","resolve",["/x",""],"/x"],
  ["posix","relative",["/a/b/c","/a/d"],"../../d"],
  ["posix","relative",["/a","/a"],""],
  ["posix","relative",["/","/a/b"],"a/b"],
  ["posix","relative",["/a/b","/"],"../.."],
  ["posix","relative",["/a/bc","/a/b"],"../b"],
  ["posix","relative",["/a/b","/a/bc/d"],"../bc/d"],
  ["posix","dirname",[""],"."],
  ["posix","dirname",["/"],"/"],
  ["posix","dirname",["a"],"."],
  ["posix","dirname",["/a"],"/"],
  ["posix","dirname",["//a"],"//"],
  ["posix","dirname",["/a//b"],"/a/"],
  ["posix","dirname",["a/b/"],"a"],
  ["posix","dirname",["///"],"/"],
  ["posix","dirname",["a//b//"],"a/"],
  ["posix","dirname",[".."],"."],
  ["posix","basename",["/a/b.js"],"b.js"],
  ["posix","basename",["/a/b.js",".js"],"b"],
  ["posix","basename",["/a/b.js","b.js"],"b.js"],
  ["posix","basename",["b.js","b.js"],""],
  ["posix","basename",["/x/b/","xb"],"b/"],
  ["posix","basename",["///","/"],"///"],
  ["posix","basename",["a.js.js",".js"],"a.js"],
  ["posix","basename",["/a/"],"a"],
  ["posix","basename",[""],""],
  ["posix","extname",["a.js"],".js"],
  ["posix","extname",[".a"],""],
  ["posix","extname",[".."],""],
  ["posix","extname",["..."],"."],
  ["posix","extname",["a."],"."],
  ["posix","extname",[".a.b"],".b"],
  ["posix","extname",["a.b/"],".b"],
  ["posix","extname",["/a/.b"],""],
  ["posix","extname",["a.."],"."],
  ["posix","extname",["x/y.tar.gz"],".gz"],
  ["posix","parse",["/home/u/f.txt"],{"root":"/","dir":"/home/u","base":"f.txt","ext":".txt","name":"f"}],
  ["posix","parse",["./a.b.c"],{"root":"","dir":".","base":"a.b.c","ext":".c","name":"a.b"}],
  ["posix","parse",["/.."],{"root":"/","dir":"/","base":"..","ext":".","name":"."}],
  ["posix","parse",["//"],{"root":"/","dir":"/","base":"","ext":"","name":""}],
  ["posix","parse",["a//b"],{"root":"","dir":"a/","base":"b","ext":"","name":"b"}],
  ["posix","parse",[""],{"root":"","dir":"","base":"","ext":"","name":""}],
  ["posix","parse",[".x"],{"root":"","dir":"","base":".x","ext":"","name":".x"}],
  ["posix","parse",["/a/b/"],{"root":"/","dir":"/a","base":"b","ext":"","name":"b"}],
  ["posix","isAbsolute",["/a"],true],
  ["posix","isAbsolute",["a"],false],
  ["posix","isAbsolute",[""],false],
  ["posix","isAbsolute",["//"],true],
  ["win32","normalize",["C:"],"C:."],
  ["win32","normalize",["C:\\"],"C:\\"],
  ["win32","normalize",["c:/a/../.."],"c:\\"],
  ["win32","normalize",["\\\\server\\share"],"\\\\server\\share\\"],
  ["win32","normalize",["//server/share/a/../.."],"\\\\server\\share\\"],
  ["win32","normalize",["\\\\?\\C:\\a\\..\\b"],"\\\\?\\C:\\b"],
  ["win32","normalize",["\\\\.\\PIPE\\x"],"\\\\.\\PIPE\\x"],
  ["win32","normalize",["CON:foo"],".\\CON:foo"],
  ["win32","normalize",["a/con:"],".\\a\\con:"],
  ["win32","normalize",["x:/y"],"x:\\y"],
  ["win32","normalize",["C:a\\..\\.."],"C:.."],
  ["win32","normalize",["con/"],".\\con\\"],
  ["win32","normalize",["//a"],"\\a"],
  ["win32","normalize",["a\\b/c\\"],"a\\b\\c\\"],
  ["win32","join",["//server","share"],"\\\\server\\share\\"],
  ["win32","join",["/","//server/share"],"\\server\\share"],
  ["win32","join",["C:","a"],"C:\\a"],
  ["win32","join",["a","C:\\b"],".\\a\\C:\\b"],
  ["win32","join",["\\\\","x"],"\\x"],
  ["win32","join",["x","CON:a"],"x\\CON:a"],
  ["win32","resolve",["C:\\a","b"],"C:\\a\\b"],
  ["win32","resolve",["C:\\a","D:\\b","c"],"D:\\b\\c"],
  ["win32","resolve",["\\\\srv\\sh\\a","..\\..\\b"],"\\\\srv\\sh\\b"],
  ["win32","resolve",["C:\\a","c:b"],"c:\\a\\b"],
  ["win32","resolve",["C:\\","\\\\?\\D:\\x"],"\\\\?\\D:\\x"],
  ["win32","relative",["C:\\a\\b","C:\\a\\c"],"..\\c"],
  ["win32","relative",["C:\\a","D:\\b"],"D:\\b"],
  ["win32","relative",["C:\\A\\b","c:\\a\\B\\c"],"c"],
  ["win32","relative",["\\\\s\\h\\a","\\\\s\\h\\b"],"..\\b"],
  ["win32","relative",["C:\\","C:\\a"],"a"],
  ["win32","relative",["C:\\ab","C:\\a"],"..\\a"],
  ["win32","dirname",["C:"],"C:"],
  ["win32","dirname",["C:\\"],"C:\\"],
  ["win32","dirname",["C:a"],"C:"],
  ["win32","dirname",["C:\\a\\b"],"C:\\a"],
  ["win32","dirname",["\\\\s\\h"],"\\\\s\\h"],
  ["win32","dirname",["\\\\s\\h\\a"],"\\\\s\\h\\"],
  ["win32","dirname",["\\\\s\\"],"\\"],
  ["win32","dirname",["/a//b"],"/a/"],
  ["win32","dirname",["a"],"."],
  ["win32","basename",["C:\\a\\b.txt"],"b.txt"],
  ["win32","basename",["C:b.txt",".txt"],"b"],
  ["win32","basename",["C:"],""],
  ["win32","basename",["\\\\s\\h"],"h"],
  ["win32","basename",["a/b\\c"],"c"],
  ["win32","extname",["C:.a"],""],
  ["win32","extname",["C:a.b"],".b"],
  ["win32","extname",["a\\.b"],""],
  ["win32","extname",["a.b\\"],".b"],
  ["win32","parse",["C:\\p\\f.txt"],{"root":"C:\\","dir":"C:\\p","base":"f.txt","ext":".txt","name":"f"}],
  ["win32","parse",["C:"],{"root":"C:","dir":"C:","base":"","ext":"","name":""}],
  ["win32","parse",["C:a"],{"root":"C:","dir":"C:","base":"a","ext":"","name":"a"}],
  ["win32","parse",["\\\\s\\h\\a.x"],{"root":"\\\\s\\h\\","dir":"\\\\s\\h\\","base":"a.x","ext":".x","name":"a"}],
  ["win32","parse",["\\\\s\\h"],{"root":"\\\\s\\h","dir":"\\\\s\\h","base":"","ext":"","name":""}],
  ["win32","parse",["\\\\?\\C:\\a"],{"root":"\\\\?\\C:\\","dir":"\\\\?\\C:\\","base":"a","ext":"","name":"a"}],
  ["win32","parse",["/x/y"],{"root":"/","dir":"/x","base":"y","ext":"","name":"y"}],
  ["win32","isAbsolute",["C:"],false],
  ["win32","isAbsolute",["C:\\"],true],
  ["win32","isAbsolute",["C:/"],true],
  ["win32","isAbsolute",["\\x"],true],
  ["win32","isAbsolute",["//s"],true],
  ["win32","isAbsolute",["x"],false],
  ["win32","isAbsolute",["c:x"],false],
  ["win32","toNamespacedPath",["C:\\x"],"\\\\?\\C:\\x"],
  ["win32","toNamespacedPath",["\\\\s\\h\\x"],"\\\\?\\UNC\\s\\h\\x"],
  ["win32","toNamespacedPath",["\\\\.\\pipe\\x"],"\\\\.\\pipe\\x"],
  ["win32","toNamespacedPath",[""],""],
  ["win32","toNamespacedPath",["C:\\a\\..\\b"],"\\\\?\\C:\\b"],
];

describe("path results match Node", () => {
  for (const [flavour, fn, args, expected] of CASES) {
    test(`${flavour}.${fn}(${args.map((a) => JSON.stringify(a)).join(", ")})`, () => {
      expect((path as any)[flavour][fn](...args)).toEqual(expected);
    });
  }
});

describe("module shape", () => {
  test("the default export is the POSIX flavour with posix and win32", () => {
    expect(path.posix).toBe(path);
    expect(path.win32.win32).toBe(path.win32);
    expect(path.win32.posix).toBe(path);
    expect(path.sep).toBe("/");
    expect(path.delimiter).toBe(":");
    expect(path.win32.sep).toBe("\\");
    expect(path.win32.delimiter).toBe(";");
  });
  test("named exports are the POSIX members", () => {
    expect(namedJoin).toBe(path.join);
    expect(namedPosix).toBe(path.posix);
    expect(namedWin32).toBe(path.win32);
    expect(sep).toBe("/");
    expect(delimiter).toBe(":");
  });
  test("path/posix and path/win32 are the two flavours", () => {
    expect(posixModule).toBe(path.posix);
    expect(win32Module).toBe(path.win32);
    expect(win32Module.join("a", "b")).toBe("a\\b");
  });
  test("both flavours have the whole API", () => {
    for (const flavour of [path.posix, path.win32]) {
      for (const name of ["resolve", "normalize", "isAbsolute", "join", "relative", "toNamespacedPath", "dirname", "basename", "extname", "format", "parse", "matchesGlob", "_makeLong"]) {
        expect(typeof (flavour as any)[name]).toBe("function");
      }
    }
  });
});

describe("resolve uses process.cwd()", () => {
  test("a relative path resolves against the cwd", () => {
    expect(path.resolve("x/y")).toBe(`${process.cwd()}/x/y`);
    expect(path.resolve()).toBe(process.cwd());
    expect(path.relative("", "x")).toBe("x");
  });
  test("win32 takes a drive-less cwd as rooted", () => {
    const cwd = process.cwd().replace(/\//g, "\\");
    expect(path.win32.resolve("a")).toBe(`${cwd}\\a`);
    expect(path.win32.resolve("C:\\x", "D:\\y", "z")).toBe("D:\\y\\z");
  });
});

describe("format", () => {
  test("dir and base, root only, name and ext", () => {
    expect(path.format({ dir: "/a", base: "b.js" })).toBe("/a/b.js");
    expect(path.format({ root: "/", base: "b.js" })).toBe("/b.js");
    expect(path.format({ root: "/", dir: "/", name: "n", ext: ".e" })).toBe("/n.e");
    expect(path.format({ name: "a", ext: "js" })).toBe("a.js");
    expect(path.format({ base: "b", name: "ignored", ext: ".x" })).toBe("b");
    expect(path.win32.format({ dir: "C:\\a", base: "b" })).toBe("C:\\a\\b");
    expect(path.format({})).toBe("");
  });
  // Bun words these messages differently ('The "pathObject" property must be ..., got string').
  test("rejects a non-object", () => {
    for (const bad of ["s", null, [], 3]) {
      let error: any;
      try {
        path.format(bad as any);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeError);
      expect(error.code).toBe("ERR_INVALID_ARG_TYPE");
    }
    expect(() => path.format("a" as any)).toThrow(`The "pathObject" argument must be of type object. Received type string ('a')`);
    expect(() => path.format(null as any)).toThrow(`The "pathObject" argument must be of type object. Received null`);
  });
});

describe("argument errors", () => {
  const errorOf = (f: () => unknown) => {
    try {
      f();
    } catch (e: any) {
      return { name: e.name, code: e.code, message: e.message };
    }
    return null;
  };
  // Node's messages; Bun's differ ('The "paths[1]" property must be of type string, got number').
  test("non-strings throw ERR_INVALID_ARG_TYPE naming the argument", () => {
    expect(errorOf(() => path.join("a", 1 as any))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "path" argument must be of type string. Received type number (1)',
    });
    expect(errorOf(() => path.resolve("/a", 1 as any))?.message).toBe('The "paths[1]" argument must be of type string. Received type number (1)');
    expect(errorOf(() => path.win32.resolve(null as any))?.message).toBe('The "paths[0]" argument must be of type string. Received null');
    expect(errorOf(() => path.relative(1 as any, "a"))?.message).toBe('The "from" argument must be of type string. Received type number (1)');
    expect(errorOf(() => path.relative("a", {} as any))?.message).toBe('The "to" argument must be of type string. Received an instance of Object');
    expect(errorOf(() => path.basename("a", 1 as any))?.message).toBe('The "suffix" argument must be of type string. Received type number (1)');
    expect(errorOf(() => path.win32.basename(1 as any, 3 as any))?.message).toBe('The "suffix" argument must be of type string. Received type number (3)');
    for (const fn of ["normalize", "dirname", "extname", "parse", "isAbsolute"]) {
      expect(errorOf(() => (path.win32 as any)[fn](undefined))?.code).toBe("ERR_INVALID_ARG_TYPE");
      expect(errorOf(() => (path as any)[fn](undefined))?.message).toBe('The "path" argument must be of type string. Received undefined');
    }
  });
  test("resolve stops validating at the first absolute path from the right", () => {
    expect(path.resolve(1 as any, "/a")).toBe("/a");
  });
  test("toNamespacedPath passes non-strings through", () => {
    expect(path.toNamespacedPath(1 as any)).toBe(1);
    expect(path.win32.toNamespacedPath(1 as any)).toBe(1);
    expect(path.toNamespacedPath("/a/../b")).toBe("/a/../b");
  });
});

// Node matches globs with minimatch; Bun's matchesGlob differs (it lets "*" match ".a", has no
// POSIX classes, and keeps "\\" as an escape), so these follow Node.
describe("matchesGlob", () => {
  test("stars, globstars, classes and braces", () => {
    expect(path.matchesGlob("a/b/c.js", "a/**/*.js")).toBe(true);
    expect(path.matchesGlob("a/c.js", "a/**/*.js")).toBe(true);
    expect(path.matchesGlob("a/b/c.ts", "a/**/*.js")).toBe(false);
    expect(path.matchesGlob("a", "a/**")).toBe(false);
    expect(path.matchesGlob("x.js", "*.{js,ts}")).toBe(true);
    expect(path.matchesGlob("f3", "f{1..3}")).toBe(true);
    expect(path.matchesGlob("b", "[a-c]")).toBe(true);
    expect(path.matchesGlob("b", "[!a-c]")).toBe(false);
    expect(path.matchesGlob("é", "[[:alpha:]]")).toBe(true);
    expect(path.matchesGlob("ab", "+(a|b)")).toBe(true);
    expect(path.matchesGlob("c", "!(a|b)")).toBe(true);
  });
  test("dot segments are matched only explicitly", () => {
    expect(path.matchesGlob(".a", "*")).toBe(false);
    expect(path.matchesGlob(".a", ".*")).toBe(true);
    expect(path.matchesGlob("x/.a/b", "x/**/b")).toBe(false);
    expect(path.matchesGlob("..", ".*")).toBe(false);
    expect(path.matchesGlob("a/../b", "b")).toBe(true);
  });
  test("backslash is a separator in patterns; win32 paths too", () => {
    expect(path.matchesGlob("a/b", "a\\b")).toBe(true);
    expect(path.matchesGlob("a\\b", "a/b")).toBe(false);
    expect(path.win32.matchesGlob("a\\b", "a/b")).toBe(true);
    expect(path.matchesGlob("//a", "/a*")).toBe(true);
    expect(path.win32.matchesGlob("//a", "/a*")).toBe(false);
  });
  test("validates its arguments", () => {
    expect(() => path.matchesGlob(1 as any, "a")).toThrow('The "path" argument must be of type string. Received type number (1)');
    expect(() => path.matchesGlob("a", 1 as any)).toThrow('The "pattern" argument must be of type string. Received type number (1)');
  });
});
