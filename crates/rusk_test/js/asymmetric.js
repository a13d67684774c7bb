import {
  AnyMatcher, AnythingMatcher, ArrayContainingMatcher, AsymmetricMatcher, CloseToMatcher, CustomAsymmetricMatcher,
  ObjectContainingMatcher, StringContainingMatcher, StringMatchingMatcher, equals,
} from "rusk:test/equality";
import { invalidMatcherResult, isValidResult, matcherContext, runCustom } from "rusk:test/custom";
import { deferMatch, knownOutcome, settledState } from "rusk:test/expect";

// ---------------------------------------------------------------------------
// The asymmetric matchers expect() makes: expect.any(...) and the rest, expect.not / expect.resolvesTo /
// expect.rejectsTo, and the asymmetric forms of custom matchers. Loaded with the first one made.
// ---------------------------------------------------------------------------

// The asymmetric form of a custom matcher (expect.name(...), expect.not.name(...)).
export class CustomMatcher extends CustomAsymmetricMatcher {
  asymmetricMatch(other) {
    const known = knownOutcome(this, other);
    if (known !== undefined) return known;
    const decide = (result) => {
      if (!isValidResult(result)) throw invalidMatcherResult(this.name, result);
      return !!result.pass !== this.inverse;
    };
    const outcome = runCustom(this.name, this.fn, matcherContext(this.inverse), other, this.sample, decide);
    if (outcome instanceof Promise) {
      return deferMatch(this, other, outcome, (ok, value) => {
        if (!ok) throw value;
        return value;
      });
    }
    return outcome;
  }
  get [Symbol.toStringTag]() { return "ExpectCustomAsymmetricMatcher"; }
}

// ---------------------------------------------------------------------------
// expect.not / expect.resolvesTo / expect.rejectsTo: asymmetric matcher factories
// ---------------------------------------------------------------------------

// Inverts a matcher that has no negated form of its own (any, anything).
class NotMatcher extends AsymmetricMatcher {
  constructor(inner) { super(inner, true); }
  asymmetricMatch(other) { return !this.sample.asymmetricMatch(other); }
  printParts() { return { label: "Not", sample: this.sample }; }
}
// Matches a promise whose settled value matches `sample` ("promise resolved to ...").
// A pending promise is waited for when a matcher is running (see deferMatch).
class PromiseMatcher extends AsymmetricMatcher {
  constructor(inner, settlement) { super(inner); this.settlement = settlement; }
  asymmetricMatch(other) {
    const state = settledState(other);
    if (state === undefined) return false;
    const known = knownOutcome(this, other);
    if (known !== undefined) return known;
    if (state[0] === "pending") return deferMatch(this, other, other, (fulfilled, value) => this.matchesSettled(fulfilled ? "fulfilled" : "rejected", value));
    return this.matchesSettled(state[0], state[1]);
  }
  matchesSettled(settlement, value) { return settlement === this.settlement && equals(value, this.sample); }
  printParts() { return { label: `promise ${this.settlement === "fulfilled" ? "resolved" : "rejected"} to `, sample: this.sample }; }
}

export class ExpectStatic {
  constructor(inverse, settlement) {
    this.inverse = inverse;
    this.settlement = settlement;
  }
  wrap(matcher) { return this.settlement ? new PromiseMatcher(matcher, this.settlement) : matcher; }
  get not() { return new ExpectStatic(!this.inverse, this.settlement); }
  get resolvesTo() { return new ExpectStatic(this.inverse, "fulfilled"); }
  get rejectsTo() { return new ExpectStatic(this.inverse, "rejected"); }
  any(...args) {
    const m = new AnyMatcher(...args);
    return this.wrap(this.inverse ? new NotMatcher(m) : m);
  }
  anything() {
    const m = new AnythingMatcher(undefined);
    return this.wrap(this.inverse ? new NotMatcher(m) : m);
  }
  stringContaining(s) { return this.wrap(new StringContainingMatcher(s, this.inverse)); }
  stringMatching(s) { return this.wrap(new StringMatchingMatcher(s, this.inverse)); }
  objectContaining(o) { return this.wrap(new ObjectContainingMatcher(o, this.inverse)); }
  arrayContaining(a) { return this.wrap(new ArrayContainingMatcher(a, this.inverse)); }
  closeTo(n, p) { return this.wrap(new CloseToMatcher(n, p, this.inverse)); }
  get [Symbol.toStringTag]() { return "ExpectStatic"; }
}
export const BASE_STATIC = new ExpectStatic(false, null);
