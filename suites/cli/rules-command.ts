import { protocolRules } from '../rules/registry.js';
import type { CliIo } from './cli-io.js';
import { EXIT_OK } from './exit-codes.js';

/** `scimsim rules`: the protocol rules, one per line: id, level, citation, title. */
export async function rulesCommand(_argv: string[], io: CliIo): Promise<number> {
  const rules = [...protocolRules.values()];
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const citeWidth = Math.max(...rules.map((r) => r.citation.length));
  for (const rule of rules) {
    io.stdout.write(`${rule.id.padEnd(idWidth)}  ${rule.level.padEnd(6)}  ${rule.citation.padEnd(citeWidth)}  ${rule.title}\n`);
  }
  return EXIT_OK;
}
