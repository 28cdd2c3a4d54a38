/**
 * What a container target is: the image to start, how to reach the SCIM server in it, how to know
 * it is ready. `parseContainerSpec` checks a value read from YAML, JSON or flags field by field.
 */

/** A SCIM server in a container image, started for a run and removed after it. */
export interface ContainerTargetSpec {
  image: string;
  /**
   * The port the SCIM server listens on in the container; default 8080. With network 'host', 0 =
   * scimsim picks a free loopback port (pass it to the server with `{{port}}`).
   */
  port?: number;
  /** The SCIM base path; default '/scim/v2'. */
  basePath?: string;
  /** Environment of the container; `{{port}}` in a value becomes the port actually used. */
  env?: Record<string, string>;
  /** Arguments after the image's entrypoint (its CMD); `{{port}}` in an item becomes the port actually used. */
  command?: string[];
  /**
   * scimsim makes a random bearer token and gives it to the container in this variable (the
   * reference image reads SCIMSIM_TOKENS); without it the run's own token is used.
   */
  tokenEnv?: string;
  /**
   * Readiness: GET `path` with the token until it answers below 500 (or exactly `status`), within
   * `timeoutMs` (default 60 s). `path` is resolved like a link against the base URL: relative
   * (default 'ServiceProviderConfig') → under the base path; starting with '/' → from the host's root.
   */
  waitFor?: { path?: string; status?: number; timeoutMs?: number };
  /**
   * bridge (default): the port is mapped to a free host port by testcontainers; host: the
   * container shares the host's network (machines without a bridge network, e.g. CI sandboxes).
   */
  network?: 'bridge' | 'host';
  /** testcontainers' reaper (Ryuk); default true unless TESTCONTAINERS_RYUK_DISABLED=true. */
  ryuk?: boolean;
}

/** A spec with every default filled in (what `startContainerTarget` works from). */
export interface ResolvedContainerSpec {
  image: string;
  port: number;
  basePath: string;
  env: Record<string, string>;
  command: string[] | undefined;
  tokenEnv: string | undefined;
  waitFor: { path: string; status: number | undefined; timeoutMs: number };
  network: 'bridge' | 'host';
  ryuk: boolean | undefined;
}

export const DEFAULT_CONTAINER_PORT = 8080;
export const DEFAULT_BASE_PATH = '/scim/v2';
export const DEFAULT_READY_PATH = 'ServiceProviderConfig';
export const DEFAULT_READY_TIMEOUT_MS = 60_000;

/** A container spec that cannot be used: `where` names the field (`target.port`). */
export class ContainerSpecError extends Error {
  override name = 'ContainerSpecError';
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
  }
}

const FIELDS = ['image', 'port', 'basePath', 'env', 'command', 'tokenEnv', 'waitFor', 'network', 'ryuk'] as const;
const WAIT_FIELDS = ['path', 'status', 'timeoutMs'] as const;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw new ContainerSpecError(`${where}.${key}`, `unknown field (known: ${allowed.join(', ')})`);
  }
}

function integerIn(value: unknown, min: number, max: number, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ContainerSpecError(where, `must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/**
 * A scalar as an environment value or command argument. YAML reads `PORT: 8080` and `DEBUG: true`
 * as a number and a boolean; Docker Compose accepts them as their text, and so do we.
 */
function scalarText(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  throw new ContainerSpecError(where, `must be a string, got ${describe(value)}`);
}

/**
 * Checks `value` (from YAML, JSON or flags) as a container target; `where` prefixes every error
 * (`target`, `--target-image`). Unknown fields are errors, so a typo does not silently fall back
 * to a default.
 */
export function parseContainerSpec(value: unknown, where: string): ContainerTargetSpec {
  if (typeof value === 'string') value = { image: value };
  if (!isPlainObject(value)) throw new ContainerSpecError(where, `must be an object with at least 'image', got ${describe(value)}`);
  unknownKeys(value, FIELDS, where);
  const spec: ContainerTargetSpec = { image: '' };

  const image = value['image'];
  if (typeof image !== 'string' || image.trim() === '') throw new ContainerSpecError(`${where}.image`, `must name an image (e.g. scimsim-reference:local), got ${describe(image)}`);
  if (/\s/.test(image)) throw new ContainerSpecError(`${where}.image`, `must not contain white space, got ${describe(image)}`);
  spec.image = image;

  if (value['network'] !== undefined) {
    const network = value['network'];
    if (network !== 'bridge' && network !== 'host') throw new ContainerSpecError(`${where}.network`, `must be 'bridge' or 'host', got ${describe(network)}`);
    spec.network = network;
  }
  if (value['port'] !== undefined) {
    const port = integerIn(value['port'], 0, 65535, `${where}.port`);
    if (port === 0 && spec.network !== 'host') {
      throw new ContainerSpecError(`${where}.port`, `0 (a free port picked by scimsim) needs network: host; with a bridge network give the port the server listens on in the container`);
    }
    spec.port = port;
  }
  if (value['basePath'] !== undefined) {
    const basePath = value['basePath'];
    if (typeof basePath !== 'string' || !basePath.startsWith('/') || /[\s?#]/.test(basePath)) {
      throw new ContainerSpecError(`${where}.basePath`, `must be a path starting with '/' (e.g. /scim/v2), got ${describe(basePath)}`);
    }
    spec.basePath = basePath;
  }
  if (value['env'] !== undefined) {
    const env = value['env'];
    if (!isPlainObject(env)) throw new ContainerSpecError(`${where}.env`, `must be a map of variable names to values, got ${describe(env)}`);
    spec.env = {};
    for (const [name, v] of Object.entries(env)) {
      if (!ENV_NAME.test(name)) throw new ContainerSpecError(`${where}.env`, `${JSON.stringify(name)} is not a variable name (letters, digits, _; not starting with a digit)`);
      spec.env[name] = scalarText(v, `${where}.env.${name}`);
    }
  }
  if (value['command'] !== undefined) {
    const command = value['command'];
    if (!Array.isArray(command)) throw new ContainerSpecError(`${where}.command`, `must be a list of arguments (e.g. ['--port', '{{port}}']), got ${describe(command)}`);
    spec.command = command.map((item, i) => scalarText(item, `${where}.command[${i}]`));
  }
  if (value['tokenEnv'] !== undefined) {
    const tokenEnv = value['tokenEnv'];
    if (typeof tokenEnv !== 'string' || !ENV_NAME.test(tokenEnv)) throw new ContainerSpecError(`${where}.tokenEnv`, `must be a variable name (e.g. SCIMSIM_TOKENS), got ${describe(tokenEnv)}`);
    if (spec.env && tokenEnv in spec.env) throw new ContainerSpecError(`${where}.tokenEnv`, `${tokenEnv} is also set in env: scimsim sets it to the token it makes; remove it from env`);
    spec.tokenEnv = tokenEnv;
  }
  if (value['waitFor'] !== undefined) {
    const waitFor = value['waitFor'];
    if (!isPlainObject(waitFor)) throw new ContainerSpecError(`${where}.waitFor`, `must be an object (path, status, timeoutMs), got ${describe(waitFor)}`);
    unknownKeys(waitFor, WAIT_FIELDS, `${where}.waitFor`);
    spec.waitFor = {};
    if (waitFor['path'] !== undefined) {
      const path = waitFor['path'];
      if (typeof path !== 'string' || path === '' || /\s/.test(path) || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
        throw new ContainerSpecError(`${where}.waitFor.path`, `must be a path (relative to the base URL, or from the root with a leading '/'), got ${describe(path)}`);
      }
      spec.waitFor.path = path;
    }
    if (waitFor['status'] !== undefined) spec.waitFor.status = integerIn(waitFor['status'], 100, 599, `${where}.waitFor.status`);
    if (waitFor['timeoutMs'] !== undefined) spec.waitFor.timeoutMs = integerIn(waitFor['timeoutMs'], 1, 3_600_000, `${where}.waitFor.timeoutMs`);
  }
  if (value['ryuk'] !== undefined) {
    const ryuk = value['ryuk'];
    if (typeof ryuk !== 'boolean') throw new ContainerSpecError(`${where}.ryuk`, `must be true or false, got ${describe(ryuk)}`);
    spec.ryuk = ryuk;
  }
  return spec;
}

/** `spec` checked (as `parseContainerSpec` does) and with every default filled in. */
export function resolveContainerSpec(spec: ContainerTargetSpec, where = 'container target'): ResolvedContainerSpec {
  const checked = parseContainerSpec(spec, where);
  return {
    image: checked.image,
    port: checked.port ?? DEFAULT_CONTAINER_PORT,
    // '/scim/v2/' and '/scim/v2' are one base; '/' is the root (the URL ends at the port).
    basePath: (checked.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, ''),
    env: { ...checked.env },
    command: checked.command,
    tokenEnv: checked.tokenEnv,
    waitFor: {
      path: checked.waitFor?.path ?? DEFAULT_READY_PATH,
      status: checked.waitFor?.status,
      timeoutMs: checked.waitFor?.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    },
    network: checked.network ?? 'bridge',
    ryuk: checked.ryuk,
  };
}

/** `{{port}}` (spaces inside the braces allowed) in `text` replaced by `port`; other text unchanged. */
export function substitutePort(text: string, port: number): string {
  return text.replace(/\{\{\s*port\s*\}\}/g, String(port));
}

/** The container's environment and command with `{{port}}` replaced by the port actually used. */
export function expandPortPlaceholders(spec: Pick<ResolvedContainerSpec, 'env' | 'command'>, port: number): { env: Record<string, string>; command: string[] | undefined } {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec.env)) env[name] = substitutePort(value, port);
  return { env, command: spec.command?.map((item) => substitutePort(item, port)) };
}

/** The readiness URL: `path` resolved against the base URL (relative: under it; '/…': from the root). */
export function readinessUrl(baseUrl: string, path: string): string {
  return new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
}
