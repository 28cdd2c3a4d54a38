import { Faker, en } from '@faker-js/faker';

/** A faker seeded for one scenario: the same seed gives the same values in the same order. */
export function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  return faker;
}

/** Call a faker method by its path (`person.firstName`) with arguments. */
export function callFaker(faker: Faker, method: string, args: unknown[]): unknown {
  const parts = method.split('.');
  let owner: unknown = faker;
  for (const part of parts.slice(0, -1)) owner = (owner as Record<string, unknown> | undefined)?.[part];
  const fn = (owner as Record<string, unknown> | undefined)?.[parts[parts.length - 1] ?? ''];
  if (typeof fn !== 'function') throw new Error(`faker has no method '${method}'`);
  return (fn as (...a: unknown[]) => unknown).apply(owner, args);
}
