import type { Reporter } from './reporter.js';
import type { RunResult } from '../suites/model/result.js';
import { JSON_FORMAT_VERSION, type RunResultFile } from './json.js';
import { writeReport, type ReportDestination } from './output-file.js';
import { viewerAssets } from './html/assets.js';
import { escapeHtml, scriptSafeJson } from './html/embed.js';
import { pageFacts } from './html/page-facts.js';

/** The element ids the viewer reads its data from. */
export const RUN_DATA_ID = 'scimsim-run';
export const FACTS_DATA_ID = 'scimsim-facts';

/**
 * One self-contained HTML page for a run (a CI artifact opened from file://): inline CSS and
 * script, the run embedded as data, nothing fetched. Written once when the run ends.
 */
export class HtmlReporter implements Reporter {
  constructor(private readonly destination: ReportDestination) {}

  printsToStdio(): boolean {
    return !('path' in this.destination);
  }

  async onRunEnd(result: RunResult): Promise<void> {
    await writeReport(this.destination, renderHtml(result));
  }
}

/**
 * The page for a run. Pure. The embedded data is the JSON report itself (`formatVersion` first),
 * so a run read back from a `--reporter json` file renders the same page byte for byte.
 */
export function renderHtml(run: RunResult): string {
  const { formatVersion: _readBack, ...result } = run as RunResult & { formatVersion?: number };
  const file: RunResultFile = { formatVersion: JSON_FORMAT_VERSION, ...result };
  const facts = pageFacts(result);
  const { css, script } = viewerAssets();
  const verdict = result.status;
  const title = `scimsim ${verdict}: ${facts.countsLine}`;
  // default-src 'none': even if a body's text were ever mistaken for markup, the page could load nothing.
  const policy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="scimsim ${escapeHtml(result.tool.version)}">
<title>${escapeHtml(title)}</title>
<style>
${css}
</style>
</head>
<body>
<header class="masthead">
<h1>scimsim conformance report</h1>
<p class="verdict verdict-${escapeHtml(verdict)}">${escapeHtml(verdict)}</p>
<p class="counts-line" id="counts-line">${escapeHtml(facts.countsLine)}</p>
</header>
<main id="app"><noscript><p>The scenario list needs JavaScript. The whole run is in this file as JSON, in the script element with id "${RUN_DATA_ID}".</p></noscript></main>
<script type="application/json" id="${RUN_DATA_ID}">${scriptSafeJson(file)}</script>
<script type="application/json" id="${FACTS_DATA_ID}">${scriptSafeJson(facts)}</script>
<script>
${script}
</script>
</body>
</html>
`;
}
