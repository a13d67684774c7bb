console.log(import.meta.main, process.argv.slice(2).join(","));
