process.exitCode = 4;
setTimeout(() => console.log("timer ran"), 5);
