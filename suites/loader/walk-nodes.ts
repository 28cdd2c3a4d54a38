import { isMap, isPair, isSeq, type Node, type Pair } from 'yaml';

/** Where a node sits: as the key or value of a map pair, as a list item, or at the root. */
export type NodeSlot =
  | { kind: 'root' }
  | { kind: 'key'; pair: Pair }
  | { kind: 'value'; pair: Pair }
  | { kind: 'item'; list: Node & { items: unknown[] }; index: number };

/** A node met during a walk, with its slot and depth (the root has depth 0). */
export interface WalkedNode {
  node: Node;
  slot: NodeSlot;
  depth: number;
}

/**
 * Visits every node under `root` (keys included) in document order, without recursion, so a
 * pathologically deep document cannot overflow the stack. Aliases are visited, not followed.
 */
export function* walkNodes(root: Node | null | undefined): Generator<WalkedNode> {
  if (!root) return;
  const stack: WalkedNode[] = [{ node: root, slot: { kind: 'root' }, depth: 0 }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    yield current;
    const { node, depth } = current;
    const children: WalkedNode[] = [];
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair)) {
          if (pair.key && typeof pair.key === 'object') children.push({ node: pair.key as Node, slot: { kind: 'key', pair }, depth: depth + 1 });
          if (pair.value && typeof pair.value === 'object') children.push({ node: pair.value as Node, slot: { kind: 'value', pair }, depth: depth + 1 });
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (item && typeof item === 'object') {
          children.push({ node: item as Node, slot: { kind: 'item', list: node as Node & { items: unknown[] }, index }, depth: depth + 1 });
        }
      });
    }
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
}
