// Skipping with a reason: mocha's this.skip() carries none, so the reason is kept here for the report.

export const skipReasons = new Map<string, string>();

export function skipBecause(ctx: Mocha.Context, reason: string): never {
  const title = ctx.test?.fullTitle();
  if (title) skipReasons.set(title, reason);
  ctx.skip();
  throw new Error('unreachable: mocha skip returned');
}
