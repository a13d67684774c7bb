// node:sys — Node's deprecated alias of node:util.
export * from "util";
export { default } from "util";
