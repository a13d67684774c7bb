module.exports = { value: 99 };
