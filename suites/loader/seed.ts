/** FNV-1a 32-bit hash: a stable, well-spread default faker seed for a scenario id. */
export function seedFromId(id: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(id)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
