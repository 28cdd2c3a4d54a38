import { faker } from '@faker-js/faker';
import { didYouMean } from '../diagnostics/did-you-mean.js';

/** Faker modules that are not data generators. */
const NOT_MODULES = new Set(['fakerCore', 'rawDefinitions', 'definitions']);

let catalog: Map<string, string[]> | undefined;

/** Faker's modules and their methods, read from the library itself so the list never goes stale. */
function methodsByModule(): Map<string, string[]> {
  if (catalog) return catalog;
  catalog = new Map();
  const root = faker as unknown as Record<string, unknown>;
  for (const name of Object.keys(root)) {
    const module = root[name];
    if (NOT_MODULES.has(name) || name.startsWith('_') || !module || typeof module !== 'object') continue;
    const methods = new Set<string>();
    for (let proto = Object.getPrototypeOf(module); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const method of Object.getOwnPropertyNames(proto)) {
        if (method !== 'constructor' && !method.startsWith('_') && typeof (module as Record<string, unknown>)[method] === 'function') methods.add(method);
      }
    }
    if (methods.size > 0) catalog.set(name, [...methods].sort());
  }
  return catalog;
}

/** Why a `fake:` path does not name a faker method, with a suggestion; `undefined` when it does. */
export function checkFakeMethod(path: string): { message: string; hint?: string } | undefined {
  const modules = methodsByModule();
  const parts = path.split('.');
  if (parts[0] === 'faker' && parts.length > 2) {
    const rest = parts.slice(1).join('.');
    return checkFakeMethod(rest) ?? { message: `'${path}' starts with 'faker.'`, hint: `write '${rest}'` };
  }
  if (parts.length === 1) {
    const owners = [...modules].filter(([, list]) => list.includes(path)).map(([m]) => `${m}.${path}`);
    const guess = owners[0] ?? guessModule(path, '', modules);
    return { message: `'${path}' is not a faker method path`, hint: guess ? `did you mean '${guess}'?` : 'write <module>.<method>, e.g. person.firstName' };
  }
  const [moduleName = '', methodName = '', ...extra] = parts;
  const methods = modules.get(moduleName);
  if (!methods) {
    const fullPaths = [...modules].flatMap(([m, list]) => list.map((method) => `${m}.${method}`));
    const guess = didYouMean(path, fullPaths) ?? guessModule(moduleName, methodName, modules);
    return { message: `unknown faker module '${moduleName}'`, hint: guess ? `did you mean '${guess}'?` : `modules: ${[...modules.keys()].join(', ')}` };
  }
  if (!methods.includes(methodName)) {
    const guess = didYouMean(methodName, methods);
    if (guess) return { message: `unknown faker method '${path}'`, hint: `did you mean '${moduleName}.${guess}'?` };
    const elsewhere = [...modules].find(([, list]) => list.includes(methodName));
    if (elsewhere) return { message: `faker.${moduleName} has no method '${methodName}'`, hint: `did you mean '${elsewhere[0]}.${methodName}'?` };
    return { message: `unknown faker method '${path}'`, hint: `faker.${moduleName} has: ${methods.join(', ')}` };
  }
  if (extra.length > 0) return { message: `'${moduleName}.${methodName}' is a faker method; nothing is under it`, hint: `write '${moduleName}.${methodName}'` };
  return undefined;
}

function guessModule(moduleName: string, methodName: string, modules: Map<string, string[]>): string | undefined {
  const module = didYouMean(moduleName, modules.keys());
  if (!module) return undefined;
  const methods = modules.get(module) ?? [];
  if (methods.includes(methodName)) return `${module}.${methodName}`;
  const method = didYouMean(methodName, methods);
  return method ? `${module}.${method}` : module;
}
