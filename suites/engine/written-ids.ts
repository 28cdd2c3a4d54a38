import type { CheckResult } from '../model/result.js';

/**
 * Check ids as the scenario file writes them. Expectations are evaluated with their placeholders
 * resolved, so a path such as `Resources[id eq "{{users.a.id}}"]` would otherwise put a server-made
 * id into the check's id, which then differs on every run; baselines, `scimsim diff` and merged
 * shards match checks by id. Every string the rendering changed is put back in the ids.
 */
export function restoreWrittenIds(checks: CheckResult[], written: unknown, rendered: unknown): CheckResult[] {
  const pairs = new Map<string, string>();
  collectChanged(written, rendered, pairs);
  if (pairs.size === 0) return checks;
  // Longest first, so a value that contains another is put back whole.
  const ordered = [...pairs].sort(([a], [b]) => b.length - a.length);
  return checks.map((check) => {
    let id = check.id;
    for (const [resolved, source] of ordered) if (resolved !== '' && id.includes(resolved)) id = id.split(resolved).join(source);
    return id === check.id ? check : { ...check, id };
  });
}

function collectChanged(written: unknown, rendered: unknown, pairs: Map<string, string>): void {
  if (typeof written === 'string') {
    if (written.includes('{{') && String(rendered) !== written) pairs.set(String(rendered), written);
    return;
  }
  if (Array.isArray(written)) {
    if (Array.isArray(rendered)) written.forEach((item, i) => collectChanged(item, rendered[i], pairs));
    return;
  }
  if (written !== null && typeof written === 'object' && rendered !== null && typeof rendered === 'object') {
    for (const [key, value] of Object.entries(written)) collectChanged(value, (rendered as Record<string, unknown>)[key], pairs);
  }
}
