import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ControlAdapter, ControlCapability } from './control-adapter.js';

export const CONTROL_CAPABILITIES: readonly ControlCapability[] = ['accountSettings', 'seedDirectory', 'invitations', 'ssoLogin', 'readUser', 'readGroup', 'manualUpdate', 'confirmEmail', 'ipAllowlist', 'tokens'];

/** The module at a `--control` path is not a usable adapter; the message says what is wrong. */
export class ControlModuleError extends Error {
  override name = 'ControlModuleError';
}

/** What a vendor's factory is given. The token is the run's bearer token; the module must not print it. */
export interface ControlModuleContext {
  /** The SCIM base URL under test. */
  baseUrl: string;
  token: string | undefined;
}

/**
 * Loads a vendor's control adapter by path: an ES module whose default export (or named export
 * `createControlAdapter`) is a factory `(context) => ControlAdapter | Promise<ControlAdapter>`, or an
 * adapter object itself. Its shape is checked here, so a broken module fails the run at start
 * with the reason, not a scenario halfway through.
 */
export async function loadControlModule(path: string, cwd: string, context: ControlModuleContext): Promise<ControlAdapter> {
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ControlModuleError(`cannot load the control module ${path}: ${(error as Error).message}`);
  }
  const exported = module['createControlAdapter'] ?? module['default'];
  if (exported === undefined) throw new ControlModuleError(`${path} exports neither a default nor createControlAdapter`);
  let adapter: unknown;
  try {
    adapter = typeof exported === 'function' ? await (exported as (context: ControlModuleContext) => unknown)(context) : exported;
  } catch (error) {
    throw new ControlModuleError(`the control module ${path} failed to start: ${(error as Error).message}`);
  }
  return checkAdapter(adapter, path);
}

const METHOD_OF: Record<ControlCapability, string[]> = {
  accountSettings: ['applySettings'],
  seedDirectory: ['createUser', 'createGroup'],
  invitations: ['invite', 'acceptInvitation'],
  ssoLogin: ['ssoLogin'],
  readUser: ['userState'],
  readGroup: ['groupState'],
  manualUpdate: ['manualUpdateUser', 'manualUpdateGroupMembers'],
  confirmEmail: ['confirmEmail'],
  ipAllowlist: ['setIpAllowlist'],
  tokens: ['createToken', 'deleteToken'],
};

/** A name, known capabilities, and for each capability the methods that carry it. */
function checkAdapter(value: unknown, path: string): ControlAdapter {
  if (value === null || typeof value !== 'object') throw new ControlModuleError(`${path} did not produce an adapter object`);
  const adapter = value as Record<string, unknown>;
  if (typeof adapter['name'] !== 'string' || adapter['name'] === '') throw new ControlModuleError(`the adapter from ${path} has no name`);
  const declared = adapter['capabilities'];
  const list = declared instanceof Set ? [...declared] : Array.isArray(declared) ? declared : undefined;
  if (!list) throw new ControlModuleError(`the adapter '${adapter['name']}' has no capabilities (a Set or an array of: ${CONTROL_CAPABILITIES.join(', ')})`);
  for (const capability of list) {
    if (!CONTROL_CAPABILITIES.includes(capability as ControlCapability)) throw new ControlModuleError(`the adapter '${adapter['name']}' declares an unknown capability '${String(capability)}' (known: ${CONTROL_CAPABILITIES.join(', ')})`);
    const missing = METHOD_OF[capability as ControlCapability].filter((method) => typeof adapter[method] !== 'function');
    if (missing.length > 0) throw new ControlModuleError(`the adapter '${adapter['name']}' declares ${String(capability)} but has no ${missing.join(', ')}()`);
  }
  return Object.assign(adapter, { capabilities: new Set(list as ControlCapability[]) }) as unknown as ControlAdapter;
}
