// Conformance cases where we deliberately differ from netpol-analyzer; each is explained in docs/conformance.md.
// `pattern` must match every difference the case reports, so an unrelated regression still fails.

export const KNOWN_DIFFERENCES: Record<string, { pattern: RegExp; reason: string }> = {};
