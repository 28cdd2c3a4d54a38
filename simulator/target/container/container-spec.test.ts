import { describe, expect, it } from 'vitest';
import { ContainerSpecError, expandPortPlaceholders, parseContainerSpec, readinessUrl, resolveContainerSpec, substitutePort } from './container-spec.js';

function problem(value: unknown): string {
  try {
    parseContainerSpec(value, 'target');
  } catch (err) {
    expect(err).toBeInstanceOf(ContainerSpecError);
    return (err as Error).message;
  }
  throw new Error('expected a ContainerSpecError');
}

describe('parseContainerSpec', () => {
  it('accepts a full spec, and a bare image name', () => {
    const full = {
      image: 'ghcr.io/acme/scim:1.2',
      port: 0,
      basePath: '/api/scim/v2',
      env: { LOG_LEVEL: 'debug', PORT: '{{port}}' },
      command: ['--port', '{{port}}'],
      tokenEnv: 'SCIM_TOKENS',
      waitFor: { path: '/healthz', status: 200, timeoutMs: 30_000 },
      network: 'host',
      ryuk: false,
    };
    expect(parseContainerSpec(full, 'target')).toEqual(full);
    expect(parseContainerSpec('scimsim-reference:local', '--target-image')).toEqual({ image: 'scimsim-reference:local' });
  });

  it('takes YAML numbers and booleans in env and command as their text', () => {
    expect(parseContainerSpec({ image: 'x', env: { PORT: 8080, DEBUG: true }, command: ['--workers', 2] }, 'target')).toEqual({
      image: 'x',
      env: { PORT: '8080', DEBUG: 'true' },
      command: ['--workers', '2'],
    });
  });

  it('says which field is wrong and why', () => {
    expect(problem(null)).toBe("target: must be an object with at least 'image', got null");
    expect(problem({})).toBe('target.image: must name an image (e.g. scimsim-reference:local), got undefined');
    expect(problem({ image: '  ' })).toMatch(/^target\.image: must name an image/);
    expect(problem({ image: 'a b' })).toMatch(/^target\.image: must not contain white space/);
    expect(problem({ image: 'x', imgae: 'y' })).toBe('target.imgae: unknown field (known: image, port, basePath, env, command, tokenEnv, waitFor, network, ryuk)');
    expect(problem({ image: 'x', port: '8080' })).toBe('target.port: must be an integer from 0 to 65535, got "8080"');
    expect(problem({ image: 'x', port: 70000 })).toMatch(/^target\.port: must be an integer from 0 to 65535, got 70000/);
    expect(problem({ image: 'x', port: 0 })).toMatch(/^target\.port: 0 \(a free port picked by scimsim\) needs network: host/);
    expect(problem({ image: 'x', basePath: 'scim/v2' })).toMatch(/^target\.basePath: must be a path starting with '\/'/);
    expect(problem({ image: 'x', env: ['A=1'] })).toMatch(/^target\.env: must be a map of variable names to values, got a list/);
    expect(problem({ image: 'x', env: { 'BAD-NAME': '1' } })).toMatch(/^target\.env: "BAD-NAME" is not a variable name/);
    expect(problem({ image: 'x', env: { A: { b: 1 } } })).toBe('target.env.A: must be a string, got an object');
    expect(problem({ image: 'x', command: '--port 8080' })).toMatch(/^target\.command: must be a list of arguments/);
    expect(problem({ image: 'x', command: ['--port', null] })).toBe('target.command[1]: must be a string, got null');
    expect(problem({ image: 'x', tokenEnv: 'not a name' })).toMatch(/^target\.tokenEnv: must be a variable name/);
    expect(problem({ image: 'x', env: { T: 'a' }, tokenEnv: 'T' })).toMatch(/^target\.tokenEnv: T is also set in env/);
    expect(problem({ image: 'x', waitFor: 5 })).toMatch(/^target\.waitFor: must be an object/);
    expect(problem({ image: 'x', waitFor: { timeout: 5 } })).toMatch(/^target\.waitFor\.timeout: unknown field \(known: path, status, timeoutMs\)/);
    expect(problem({ image: 'x', waitFor: { path: 'http://elsewhere/' } })).toMatch(/^target\.waitFor\.path: must be a path/);
    expect(problem({ image: 'x', waitFor: { status: 99 } })).toMatch(/^target\.waitFor\.status: must be an integer from 100 to 599/);
    expect(problem({ image: 'x', waitFor: { timeoutMs: 0 } })).toMatch(/^target\.waitFor\.timeoutMs: must be an integer from 1/);
    expect(problem({ image: 'x', network: 'none' })).toBe("target.network: must be 'bridge' or 'host', got \"none\"");
    expect(problem({ image: 'x', ryuk: 'no' })).toBe('target.ryuk: must be true or false, got "no"');
  });
});

describe('resolveContainerSpec', () => {
  it('fills in the defaults', () => {
    expect(resolveContainerSpec({ image: 'x' })).toEqual({
      image: 'x',
      port: 8080,
      basePath: '/scim/v2',
      env: {},
      command: undefined,
      tokenEnv: undefined,
      waitFor: { path: 'ServiceProviderConfig', status: undefined, timeoutMs: 60_000 },
      network: 'bridge',
      ryuk: undefined,
    });
  });

  it('drops a trailing slash of the base path', () => {
    expect(resolveContainerSpec({ image: 'x', basePath: '/scim/v2/' }).basePath).toBe('/scim/v2');
    expect(resolveContainerSpec({ image: 'x', basePath: '/' }).basePath).toBe('');
  });

  it('checks a spec given in code as parseContainerSpec does', () => {
    expect(() => resolveContainerSpec({ image: 'x', port: -1 })).toThrow('container target.port: must be an integer from 0 to 65535, got -1');
  });
});

describe('{{port}}', () => {
  it('is replaced in env values and command items, everywhere it occurs, other text untouched', () => {
    expect(substitutePort('--listen=127.0.0.1:{{port}}', 41234)).toBe('--listen=127.0.0.1:41234');
    expect(substitutePort('{{ port }}/{{port}}', 7)).toBe('7/7');
    expect(substitutePort('{{token}} {port} {{ports}}', 7)).toBe('{{token}} {port} {{ports}}');
    expect(expandPortPlaceholders({ env: { PORT: '{{port}}', URL: 'http://0.0.0.0:{{port}}/scim', OTHER: 'x' }, command: ['--port', '{{port}}'] }, 5555)).toEqual({
      env: { PORT: '5555', URL: 'http://0.0.0.0:5555/scim', OTHER: 'x' },
      command: ['--port', '5555'],
    });
    expect(expandPortPlaceholders({ env: {}, command: undefined }, 1).command).toBeUndefined();
  });
});

describe('readinessUrl', () => {
  it('resolves a relative path under the base URL and a rooted one from the host', () => {
    expect(readinessUrl('http://127.0.0.1:9/scim/v2', 'ServiceProviderConfig')).toBe('http://127.0.0.1:9/scim/v2/ServiceProviderConfig');
    expect(readinessUrl('http://127.0.0.1:9/scim/v2', '/healthz')).toBe('http://127.0.0.1:9/healthz');
    expect(readinessUrl('http://127.0.0.1:9', 'ServiceProviderConfig')).toBe('http://127.0.0.1:9/ServiceProviderConfig');
  });
});
