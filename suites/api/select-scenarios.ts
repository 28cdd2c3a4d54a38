import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { findSuites, loadSuite, MANIFEST_FILE } from '../loader/index.js';
import type { SuiteManifest } from '../model/scenario.js';
import type { ContainerTargetSpec } from '../../simulator/target/container/container-spec.js';
import { UsageError } from './usage-error.js';

/** The scenario files to load, grouped by suite, in run order. */
export interface SelectedSuite {
  name: string;
  files: string[];
  /** The suite.yaml's `target:` and that file, when it declares one. */
  target?: { spec: ContainerTargetSpec; declaredIn: string };
}

/**
 * Turn `run`'s arguments into suites of files: explicit paths (files, suite folders, folders of
 * suites), or `--suite NAME`, or every shipped suite.
 */
export async function selectScenarioFiles(paths: string[], suiteName: string | undefined, cwd: string, shippedDir: string): Promise<SelectedSuite[]> {
  if (paths.length === 0) {
    const shipped = await findSuites(shippedDir);
    if (suiteName === undefined) return shipped.map(toSelected);
    const match = shipped.find((s) => s.name === suiteName);
    if (!match) throw new UsageError(`no suite named '${suiteName}'`, `shipped suites: ${shipped.map((s) => s.name).join(', ')}`);
    return [toSelected(match)];
  }
  const merged = new Map<string, Set<string>>();
  const targets = new Map<string, SelectedSuite['target']>();
  const add = (name: string, files: string[], target?: SelectedSuite['target']) => {
    const set = merged.get(name) ?? new Set<string>();
    for (const f of files) set.add(f);
    merged.set(name, set);
    if (target) targets.set(name, target);
  };
  for (const raw of paths) {
    const path = resolve(cwd, raw);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`no such file or folder: ${raw}`);
    if (info.isDirectory()) {
      const suites = existsSync(join(path, 'suite.yaml')) ? [await loadSuite(path)] : await findSuites(path);
      if (suites.length === 0) throw new UsageError(`${raw} holds no suite (a folder with a suite.yaml)`);
      for (const s of suites) add(s.name, s.files, targetOf(s));
    } else {
      const suite = await suiteOfFile(path);
      add(suite.name, [path], suite.target);
    }
  }
  const selected = [...merged].map(([name, files]): SelectedSuite => {
    const target = targets.get(name);
    return target ? { name, files: [...files].sort(), target } : { name, files: [...files].sort() };
  });
  return suiteName === undefined ? selected : selected.filter((s) => s.name === suiteName);
}

function toSelected(suite: SuiteManifest): SelectedSuite {
  const target = targetOf(suite);
  return target ? { name: suite.name, files: suite.files, target } : { name: suite.name, files: suite.files };
}

function targetOf(suite: SuiteManifest): SelectedSuite['target'] {
  return suite.target ? { spec: suite.target, declaredIn: join(suite.dir, MANIFEST_FILE) } : undefined;
}

/** A lone file belongs to the suite of its folder's suite.yaml (target included), else to a suite named after the folder. */
async function suiteOfFile(file: string): Promise<{ name: string; target?: SelectedSuite['target'] }> {
  const dir = dirname(file);
  if (!existsSync(join(dir, MANIFEST_FILE))) return { name: basename(dir) };
  const suite = await loadSuite(dir);
  const target = targetOf(suite);
  return target ? { name: suite.name, target } : { name: suite.name };
}
