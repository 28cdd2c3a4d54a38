import { join } from 'node:path';
import { packageRoot } from '../../simulator/package-info.js';

/** Where the shipped suites live. */
export function shippedScenariosDir(): string {
  return join(packageRoot(), 'scenarios');
}
