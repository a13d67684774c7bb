// Case 15: `throw null` is reported once.
throw null;
