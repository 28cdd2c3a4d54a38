import { createHash, randomBytes } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The bearer tokens a server accepts: those given at start (always valid) plus named tokens
 * created and deleted at run time (the control adapter's `createToken`/`deleteToken`). Only
 * SHA-256 digests are kept for comparison; a created token's value is returned once.
 * Seed 001: "To avoid service disruptions, remember to replace your token in your IdP before
 * deleting the old token in dbt." — so several tokens are valid at once, each until deleted.
 */
export class TokenRegistry {
  private readonly fixed: Buffer[];
  private readonly named = new Map<string, Buffer>();

  constructor(tokens: readonly string[]) {
    this.fixed = tokens.map(digest);
  }

  /** Every accepted token's digest. */
  digests(): Buffer[] {
    return [...this.fixed, ...this.named.values()];
  }

  /** A new random token under `name` (names are unique). */
  create(name: string): string {
    if (name.trim() === '') throw new Error('a token needs a name');
    if (this.named.has(name)) throw new Error(`a token named '${name}' already exists; delete it first`);
    const token = `scimsim_${randomBytes(24).toString('base64url')}`;
    this.named.set(name, digest(token));
    return token;
  }

  delete(name: string): void {
    if (!this.named.delete(name)) throw new Error(`no token named '${name}'`);
  }

  names(): string[] {
    return [...this.named.keys()];
  }

  /** Drop every named token; the start tokens stay. */
  reset(): void {
    this.named.clear();
  }
}
