import pc from 'picocolors';

/** picocolors' formatter set; `plainPaint` formats nothing (files, NO_COLOR). */
export type Paint = ReturnType<typeof pc.createColors>;

export const plainPaint: Paint = pc.createColors(false);

export type Env = Record<string, string | undefined>;

/**
 * picocolors' rule, decided from injected env/TTY instead of the process globals so tests are
 * deterministic: NO_COLOR (non-empty) wins, then FORCE_COLOR (`0`/`false` turn it off), then
 * TERM=dumb is off, then a TTY or CI (their logs render ANSI) is on.
 */
export function colorEnabled(env: Env, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY || !!env.CI;
}

export function createPaint(enabled: boolean): Paint {
  return pc.createColors(enabled);
}
