console.log("before");
process.exit(3);
console.log("after");
