/**
 * scimsim as a library: `run` is what `scimsim run` does, without the command line.
 *
 *   import { run, failureLines } from 'scimsim';
 *   const result = await run({ suite: 'core', target: { url: 'http://127.0.0.1:8080/scim/v2', token } });
 *   expect(failureLines(result)).toEqual([]);
 */
export { run, type ContainerTarget, type RunOptions, type UrlTarget } from './run.js';
export { ContainerTargetError, type ContainerTargetSpec } from '../../simulator/target/container/container-target.js';
export { loadScenarios, ScenarioLoadError, type LoadedScenarios, type LoadScenariosOptions } from './load-scenarios.js';
export { failureLines } from './failure-lines.js';
export { UsageError } from './usage-error.js';
export type { BaselineOption } from './baseline-step.js';
export { startReferenceServer, type ReferenceServerOptions, type RunningReferenceServer } from '../../simulator/target/reference/server.js';
export type { ControlAdapter } from '../../simulator/target/control/control-adapter.js';
export { ControlModuleError } from '../../simulator/target/control/load-control-module.js';
export { TargetUnreachableError } from '../engine/preflight.js';
export { BaselineFileError } from '../baseline/index.js';
export { countRunCases, countsLine, scenarioCases, type CaseCounts, type ReportCase } from '../model/report-cases.js';
export type * from '../model/result.js';
export type { Scenario } from '../model/scenario.js';
export type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
export type { Reporter, RunPlan } from '../../reports/reporter.js';
export { ConsoleReporter, type ConsoleReporterOptions } from '../../reports/console.js';
export { JunitReporter, renderJunit } from '../../reports/junit.js';
export { JsonReporter, renderJson, readRunResult } from '../../reports/json.js';
export { HtmlReporter, renderHtml } from '../../reports/html.js';
export { MarkdownReporter, renderMarkdown } from '../../reports/markdown.js';
export { GithubReporter, renderAnnotations } from '../../reports/github.js';
export { mergeRuns, MergeError } from '../merge/merge-runs.js';
export { compareRuns } from '../diff/compare-runs.js';
