import type { Socket } from 'node:net';
import { buildConnector, errors as undiciErrors } from 'undici';

/**
 * The smallest abort signal undici accepts (it calls `once('abort')` / `removeListener` on
 * anything without `addEventListener`). Only undici listens, so one slot is enough.
 */
export class DeadlineSignal {
  aborted = false;
  reason: unknown = undefined;
  #listeners: Array<() => void> = [];

  on(event: string, listener: () => void): this {
    if (event === 'abort') this.#listeners.push(listener);
    return this;
  }

  once(event: string, listener: () => void): this {
    return this.on(event, listener);
  }

  addListener(event: string, listener: () => void): this {
    return this.on(event, listener);
  }

  removeListener(event: string, listener: () => void): this {
    if (event === 'abort') this.#listeners = this.#listeners.filter((l) => l !== listener);
    return this;
  }

  off(event: string, listener: () => void): this {
    return this.removeListener(event, listener);
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const l of listeners) l();
  }
}

/**
 * undici's own connect timeout runs on its coarse (~0.5-1 s) timer wheel; this wraps its connector
 * with a precise timer so short budgets (and tests) behave. Covers DNS, TCP and TLS handshake.
 */
export function preciseConnector(timeoutMs: number, rejectUnauthorized: boolean): buildConnector.connector {
  const base = buildConnector({ timeout: 0, rejectUnauthorized }) as unknown as (
    opts: buildConnector.Options,
    cb: buildConnector.Callback,
  ) => Socket | undefined;
  return (opts, callback) => {
    let done = false;
    let socket: Socket | undefined;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      socket?.destroy();
      callback(new undiciErrors.ConnectTimeoutError(`connect to ${opts.hostname}:${opts.port} timed out after ${timeoutMs} ms`), null);
    }, timeoutMs);
    socket = base(opts, (...args) => {
      if (done) {
        args[1]?.destroy();
        return;
      }
      done = true;
      clearTimeout(timer);
      callback(...args);
    });
  };
}
