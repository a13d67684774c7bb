// Case 15: an uncaught error whose `message` getter throws prints as an error with its stack,
// not as the runtime's internal representation.
const e = new Error("original message");
Object.defineProperty(e, "message", {
  get() {
    throw new Error("the message getter throws");
  },
});
throw e;
