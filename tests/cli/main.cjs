const m = require("./cjs_dep.cjs");
console.log(m.value, typeof module, __filename.endsWith("main.cjs"));
