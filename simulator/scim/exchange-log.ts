import type { Exchange } from './exchange.js';

/** Exchanges in the order they completed, with lookup by id. Holds already-redacted records. */
export class ExchangeLog implements Iterable<Exchange> {
  readonly #list: Exchange[] = [];
  readonly #byId = new Map<string, Exchange>();

  add(exchange: Exchange): void {
    if (this.#byId.has(exchange.id)) throw new Error(`duplicate exchange id ${exchange.id}`);
    this.#list.push(exchange);
    this.#byId.set(exchange.id, exchange);
  }

  get(id: string): Exchange | undefined {
    return this.#byId.get(id);
  }

  /** All exchanges, oldest first (a live view: do not mutate). */
  get all(): readonly Exchange[] {
    return this.#list;
  }

  get size(): number {
    return this.#list.length;
  }

  clear(): void {
    this.#list.length = 0;
    this.#byId.clear();
  }

  [Symbol.iterator](): Iterator<Exchange> {
    return this.#list[Symbol.iterator]();
  }
}
