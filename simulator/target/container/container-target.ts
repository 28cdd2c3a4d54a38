/**
 * Container targets: a SCIM server image started with testcontainers for a run, waited for, and
 * removed after it.
 *
 * - testcontainers is imported dynamically, on the first start: its reaper (Ryuk) and host
 *   settings are environment variables it reads, and scimsim without container targets (the
 *   reference image, which leaves testcontainers out) never loads it.
 * - testcontainers' own wait strategies are not used: its HTTP wait needs mapped ports, which a
 *   container on the host network has none of, and its port check runs a shell in the container,
 *   which small images lack. scimsim polls the SCIM endpoint itself with undici, and stops waiting
 *   as soon as the container exits.
 * - Every container is labelled `org.scimsim.target` and always removed by `stop()`, also after a
 *   failed or interrupted start (the id comes from testcontainers' `containerCreated` hook, so even
 *   a container that never started is found).
 * - The bearer token never appears in `logs()` or in an error's message or logs; it does appear in
 *   the container's environment (`docker inspect`), which is how the server learns it.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedTestContainer, WaitStrategy } from 'testcontainers';
import { Agent, Client, request } from 'undici';
import { Redactor } from '../../scim/redact.js';
import { expandPortPlaceholders, readinessUrl, resolveContainerSpec, type ContainerTargetSpec, type ResolvedContainerSpec } from './container-spec.js';
import { LogTail } from './log-tail.js';

export { ContainerSpecError, parseContainerSpec, substitutePort, type ContainerTargetSpec } from './container-spec.js';

/** A started container whose SCIM server answered. */
export interface RunningContainerTarget {
  /** The SCIM base URL: http://127.0.0.1:<host port><basePath>. */
  url: string;
  /** The bearer token the server accepts: the one made for `tokenEnv`, else the run's own. */
  token?: string;
  image: string;
  containerId: string;
  /** The container's last ~500 lines / 256 KB of output, token redacted. */
  logs(): string;
  /** Removes the container (killing it if it runs); idempotent. */
  stop(): Promise<void>;
}

export interface StartContainerOptions {
  /** The run's token: sent while waiting, and the target's token when the spec has no `tokenEnv`. */
  token?: string;
  /** Aborting it during the start removes the container and rejects with reason 'aborted'. */
  signal?: AbortSignal;
  /** The run's redaction, applied to logs and error messages (the target's token is always redacted). */
  redact?: (text: string) => string;
}

export type ContainerTargetFailure = 'no-docker' | 'no-testcontainers' | 'reaper' | 'create' | 'start' | 'exited' | 'timeout' | 'aborted';

/** The container target cannot be used: the message says what happened and how to fix it. */
export class ContainerTargetError extends Error {
  override name = 'ContainerTargetError';
  /** The container's output so far (token redacted), when there was a container. */
  logs?: string;
  /** The container it was about, when one was created (it has been removed). */
  containerId?: string;
  constructor(
    message: string,
    readonly reason: ContainerTargetFailure,
    options: { logs?: string; containerId?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.logs !== undefined && options.logs !== '') this.logs = options.logs;
    if (options.containerId !== undefined) this.containerId = options.containerId;
  }
}

/** Label on every container scimsim starts (`docker ps -a --filter label=org.scimsim.target`). */
export const CONTAINER_LABEL = 'org.scimsim.target';

type Testcontainers = typeof import('testcontainers');
let testcontainers: Promise<Testcontainers> | undefined;

/**
 * Sets testcontainers' environment from the spec, then imports it (once per process).
 *
 * Ryuk, the reaper container that removes a crashed run's containers, is one per process in
 * testcontainers: the first container decides, later `ryuk` settings do not change it. With host
 * networking on a machine that is itself a container (/.dockerenv) testcontainers looks for the
 * `bridge` network's gateway to reach mapped ports, and fails where there is none; host networking
 * needs no mapped ports, so the Docker host is 127.0.0.1 unless the user says otherwise.
 */
async function loadTestcontainers(spec: ResolvedContainerSpec): Promise<Testcontainers> {
  if (spec.ryuk !== undefined) process.env['TESTCONTAINERS_RYUK_DISABLED'] = spec.ryuk ? 'false' : 'true';
  if (spec.network === 'host' && process.env['TESTCONTAINERS_HOST_OVERRIDE'] === undefined) process.env['TESTCONTAINERS_HOST_OVERRIDE'] = '127.0.0.1';
  testcontainers ??= import('testcontainers').catch((err: unknown) => {
    testcontainers = undefined;
    throw err;
  });
  try {
    return await testcontainers;
  } catch (err) {
    throw new ContainerTargetError(
      `container targets need the testcontainers package, which cannot be loaded here (${(err as Error).message.split('\n')[0]}); use scimsim installed from npm (the scimsim image leaves it out)`,
      'no-testcontainers',
      { cause: err },
    );
  }
}

/** Where Docker was looked for: DOCKER_HOST, then the default socket (testcontainers' order). */
function dockerHostDescription(): string {
  const host = process.env['DOCKER_HOST'];
  return host ? `DOCKER_HOST=${host}, then unix:///var/run/docker.sock` : 'DOCKER_HOST unset; unix:///var/run/docker.sock';
}

/** True when a Docker engine answers `GET /_ping` at DOCKER_HOST (unix or plain tcp) or the default socket. */
async function dockerAnswersPing(): Promise<boolean> {
  const host = process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock';
  let client: Client;
  try {
    const url = new URL(host);
    if (url.protocol === 'unix:') client = new Client('http://docker', { socketPath: url.pathname });
    else if (url.protocol === 'tcp:' && process.env['DOCKER_TLS_VERIFY'] !== '1') client = new Client(`http://${url.host}`);
    else return false;
  } catch {
    return false;
  }
  try {
    const res = await request('http://docker/_ping', { dispatcher: client, headersTimeout: 3000, bodyTimeout: 3000 });
    await res.body.dump();
    return res.statusCode === 200;
  } catch {
    return false;
  } finally {
    await client.destroy().catch(() => undefined);
  }
}

/** A free TCP port on 127.0.0.1, for a server on the host network (it may be taken before use: rare). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** testcontainers must not wait: readiness is scimsim's own poll (see the file comment). */
const NO_WAIT: WaitStrategy = {
  waitUntilReady: async () => undefined,
  withStartupTimeout() {
    return this;
  },
  isStartupTimeoutSet: () => false,
  getStartupTimeout: () => 0,
};

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}

function isDockerStatus(err: unknown, ...codes: number[]): boolean {
  return typeof err === 'object' && err !== null && codes.includes((err as { statusCode?: number }).statusCode ?? -1);
}

/**
 * Starts the container, waits until its SCIM server answers, and returns how to reach it. On any
 * failure the container is removed and a `ContainerTargetError` says what happened.
 */
export async function startContainerTarget(spec: ContainerTargetSpec, options: StartContainerOptions = {}): Promise<RunningContainerTarget> {
  const s = resolveContainerSpec(spec);
  const { signal } = options;
  const token = s.tokenEnv ? randomBytes(24).toString('base64url') : options.token;
  const redactor = new Redactor([token, options.token]);
  const redact = (text: string): string => {
    const own = redactor.redactText(text);
    return options.redact ? options.redact(own) : own;
  };
  const aborted = (): ContainerTargetError =>
    new ContainerTargetError(`starting a container from ${s.image} was interrupted`, 'aborted', { cause: signal?.reason });
  if (signal?.aborted) throw aborted();

  const tc = await loadTestcontainers(s);
  let client: Awaited<ReturnType<Testcontainers['getContainerRuntimeClient']>>;
  try {
    client = await tc.getContainerRuntimeClient();
  } catch (err) {
    if (await dockerAnswersPing()) {
      throw new ContainerTargetError(
        `Docker answers (${dockerHostDescription()}), but testcontainers cannot use it (${redact(firstLine(err))}); inside a container without a bridge network use network: host, or set TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 (DEBUG=testcontainers* shows why)`,
        'no-docker',
        { cause: err },
      );
    }
    throw new ContainerTargetError(
      `no Docker daemon reachable (tried ${dockerHostDescription()}): start Docker (dockerd, Docker Desktop, colima, …) or point DOCKER_HOST at one, e.g. DOCKER_HOST=unix:///run/user/1000/docker.sock`,
      'no-docker',
      { cause: err },
    );
  }
  if (signal?.aborted) throw aborted();

  // Ryuk first, on its own: testcontainers would start it inside `start()`, and a failure to pull
  // its image would then read as a failure of the target's image.
  try {
    await tc.getReaper(client);
  } catch (err) {
    throw new ContainerTargetError(
      `testcontainers' reaper (Ryuk, a container that removes containers a crashed run leaves behind) could not start: ${redact(firstLine(err))}; where its image (testcontainers/ryuk) cannot be pulled, set ryuk: false or TESTCONTAINERS_RYUK_DISABLED=true`,
      'reaper',
      { cause: err },
    );
  }
  // Whether the image is here already, to word a failed pull (testcontainers pulls a missing image).
  const imageWasLocal = await client.image.exists(tc.ImageName.fromString(s.image)).catch(() => undefined);
  if (signal?.aborted) throw aborted();

  const containerPort = s.network === 'host' && s.port === 0 ? await freeLoopbackPort() : s.port;
  const { env, command } = expandPortPlaceholders(s, containerPort);
  if (s.tokenEnv && token) env[s.tokenEnv] = token;

  const tail = new LogTail();
  let containerId: string | undefined;
  let removal: Promise<void> | undefined;
  /** Removes the container (force: kills it first); once; a container already gone is fine. */
  const remove = (): Promise<void> => {
    if (!containerId) return Promise.resolve();
    const id = containerId;
    removal ??= client.container
      .getById(id)
      .remove({ force: true, v: true })
      .catch((err: unknown) => {
        // 404: already gone; 409: its removal is already in progress.
        if (!isDockerStatus(err, 404, 409)) throw new ContainerTargetError(`could not remove container ${id.slice(0, 12)} (${s.image}): ${redact(firstLine(err))}; remove it with: docker rm -f ${id.slice(0, 12)}`, 'start', { cause: err });
      })
      // The log stream ends with the container; whatever it still carried is read first.
      .finally(() => tail.settled(1000).then(() => tail.detach()));
    return removal;
  };
  /** The container's whole output for an error: removing it ends the log stream. */
  const logsForError = async (): Promise<string> => {
    await remove().catch(() => undefined);
    return redact(tail.text());
  };
  const onAbort = () => void remove().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });

  // The id from testcontainers' `containerCreated` hook: known before the container starts, so
  // a container that fails to start (bad command, port in use) is still removed.
  class TrackedContainer extends tc.GenericContainer {
    protected override async containerCreated(id: string): Promise<void> {
      containerId = id;
      if (signal?.aborted) onAbort();
    }
  }
  const container = new TrackedContainer(s.image)
    .withLabels({ [CONTAINER_LABEL]: 'scimsim' })
    .withEnvironment(env)
    .withWaitStrategy(NO_WAIT)
    .withLogConsumer((stream: Readable) => tail.attach(stream));
  if (command) container.withCommand(command);
  if (s.network === 'host') container.withNetworkMode('host');
  else container.withExposedPorts(containerPort);

  try {
    let started: StartedTestContainer;
    try {
      started = await container.start();
    } catch (err) {
      if (signal?.aborted) throw aborted();
      if (!containerId) {
        const hint =
          imageWasLocal === false
            ? `${s.image} is not on this Docker host and pulling it failed: build it (docker build -t ${s.image} …), pull it, or check its name ('docker images')`
            : `check the image's name ('docker images') and the Docker host's state`;
        throw new ContainerTargetError(`could not create a container from ${s.image}: ${redact(firstLine(err))}; ${hint}`, 'create', { cause: err });
      }
      // Started but not through testcontainers' start (e.g. the command does not exist): the logs
      // were never followed, so read them now.
      if (!tail.following) tail.attach(await client.container.logs(client.container.getById(containerId)));
      const portHint = /ports to be bound/.test(String(err))
        ? `; Docker did not publish the port: a Docker without a bridge network (dockerd --bridge=none, some CI sandboxes) cannot, use network: host there`
        : '';
      throw new ContainerTargetError(`container ${containerId.slice(0, 12)} from ${s.image} did not start: ${redact(firstLine(err))}${portHint}`, 'start', {
        cause: err,
        logs: await logsForError(),
      });
    }

    let host = '127.0.0.1';
    let hostPort = containerPort;
    if (s.network === 'bridge') {
      // testcontainers knows where mapped ports are reachable (a remote DOCKER_HOST, the bridge
      // gateway when scimsim itself runs in a container); its 'localhost' is 127.0.0.1 here,
      // because Docker publishes on IPv4 and 'localhost' may resolve to ::1 first.
      host = started.getHost() === 'localhost' ? '127.0.0.1' : started.getHost();
      hostPort = started.getMappedPort(containerPort);
    }
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${hostPort}${s.basePath}`;
    await waitUntilReady({
      url,
      probe: readinessUrl(url, s.waitFor.path),
      token,
      status: s.waitFor.status,
      timeoutMs: s.waitFor.timeoutMs,
      signal,
      running: async () => {
        const info = await client.container.inspect(client.container.getById(started.getId()));
        return info.State.Running ? undefined : `exited with code ${info.State.ExitCode}${info.State.OOMKilled ? ' (out of memory)' : ''}${info.State.Error ? `: ${info.State.Error}` : ''}`;
      },
      fail: async (message, reason) => new ContainerTargetError(redact(message), reason, { logs: await logsForError() }),
      aborted,
    });
    signal?.removeEventListener('abort', onAbort);
    const id = started.getId();
    return {
      url,
      ...(token === undefined ? {} : { token }),
      image: s.image,
      containerId: id,
      logs: () => redact(tail.text()),
      stop: remove,
    };
  } catch (caught) {
    signal?.removeEventListener('abort', onAbort);
    await remove().catch(() => undefined);
    // Interrupted: whatever broke meanwhile (the container vanishing under an inspect) is a consequence.
    const err = signal?.aborted && !(caught instanceof ContainerTargetError && caught.reason === 'aborted') ? aborted() : caught;
    if (!(err instanceof ContainerTargetError)) {
      throw new ContainerTargetError(`container target ${s.image}: ${redact(firstLine(err))}`, 'start', { cause: err, logs: await logsForError(), ...(containerId ? { containerId } : {}) });
    }
    if (containerId && err.containerId === undefined) err.containerId = containerId;
    throw err;
  }
}

interface ReadyWait {
  url: string;
  probe: string;
  token: string | undefined;
  status: number | undefined;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** undefined while the container runs, else how it ended. */
  running: () => Promise<string | undefined>;
  fail: (message: string, reason: 'exited' | 'timeout') => Promise<ContainerTargetError>;
  aborted: () => ContainerTargetError;
}

/**
 * Polls `GET probe` until it answers below 500 (or exactly `status`). Between attempts the wait
 * grows from 50 ms to 500 ms: a server that starts in 300 ms is seen within ~50 ms of it, and a
 * slow one is not flooded. Each attempt is capped at 5 s so a server that accepts connections but
 * never answers cannot eat the whole budget in one try.
 */
async function waitUntilReady(w: ReadyWait): Promise<void> {
  const started = Date.now();
  const deadline = started + w.timeoutMs;
  const headers: Record<string, string> = { accept: 'application/scim+json, application/json' };
  if (w.token) headers['authorization'] = `Bearer ${w.token}`;
  // Its own connections, closed after: readiness must not leave sockets to the target open.
  const agent = new Agent({ pipelining: 0, connect: { timeout: 2000 } });
  let last = 'no attempt yet';
  let pause = 50;
  try {
    for (;;) {
      if (w.signal?.aborted) throw w.aborted();
      const ended = await w.running();
      if (ended !== undefined) throw await w.fail(`the container ${ended} before its SCIM server answered at ${w.probe} (last attempt: ${last}); its output is in the logs`, 'exited');
      const attemptMs = Math.max(100, Math.min(5000, deadline - Date.now()));
      try {
        const res = await request(w.probe, {
          dispatcher: agent,
          headers,
          headersTimeout: attemptMs,
          bodyTimeout: attemptMs,
          ...(w.signal ? { signal: w.signal } : {}),
        });
        await res.body.dump();
        last = `HTTP ${res.statusCode}`;
        if (w.status === undefined ? res.statusCode < 500 : res.statusCode === w.status) return;
      } catch (err) {
        if (w.signal?.aborted) throw w.aborted();
        const code = (err as { code?: string }).code;
        last = code ? `${code}` : firstLine(err);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        const wanted = w.status === undefined ? 'a status below 500' : `status ${w.status}`;
        throw await w.fail(
          `the SCIM server in the container did not answer GET ${w.probe} with ${wanted} within ${Math.round(w.timeoutMs / 1000)} s (last attempt: ${last}); check the port it listens on (port, {{port}} in command/env), the base path, or raise waitFor.timeoutMs`,
          'timeout',
        );
      }
      await sleep(Math.min(pause, left), undefined, w.signal ? { signal: w.signal } : undefined).catch(() => undefined);
      pause = Math.min(500, pause * 2);
    }
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}
