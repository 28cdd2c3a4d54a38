import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostic.js';
import { renderDiagnostic } from './render.js';

const source = [
  'scenario: Create a user',
  'steps:',
  '  - request: { method: POST, path: /Users }',
  ...Array.from({ length: 10 }, (_, i) => `    # filler ${i}`),
  '  - name: Read it back',
  '    expct:',
  '      status: 200',
].join('\n');

function diagnostic(overrides: Partial<Diagnostic> & { line: number; col: number; endCol?: number; endLine?: number }): Diagnostic {
  const { line, col, endCol, endLine, ...rest } = overrides;
  return {
    severity: 'error',
    message: "unknown key 'expct'",
    location: { file: 'scenarios/core/users.yaml', line, col, endCol, endLine },
    ...rest,
  };
}

describe('renderDiagnostic', () => {
  it('renders the file:line:col headline, the line and a caret span (golden)', () => {
    const d = diagnostic({ line: 15, col: 5, endCol: 10, hint: "did you mean 'expect'?" });
    expect(renderDiagnostic(d, source, { color: false })).toBe(
      [
        "scenarios/core/users.yaml:15:5: error: unknown key 'expct' (did you mean 'expect'?)",
        '   |',
        '15 |     expct:',
        '   |     ^^^^^',
      ].join('\n'),
    );
  });

  it('sizes the gutter to the line number and uses one caret without an end column', () => {
    const d = diagnostic({ line: 3, col: 24, severity: 'warning', message: 'suspicious method' });
    expect(renderDiagnostic(d, source, { color: false })).toBe(
      [
        'scenarios/core/users.yaml:3:24: warning: suspicious method',
        '  |',
        '3 |   - request: { method: POST, path: /Users }',
        '  |                        ^',
      ].join('\n'),
    );
  });

  it('underlines to the end of the line when the span continues on later lines', () => {
    const d = diagnostic({ line: 15, col: 5, endLine: 16, endCol: 18, message: 'bad mapping' });
    expect(renderDiagnostic(d, source, { color: false }).split('\n').at(-1)).toBe('   |     ^^^^^^');
  });

  it('prints only the headline when the line is not in the source', () => {
    const d = diagnostic({ line: 1, col: 1, message: 'no such file or directory' });
    expect(renderDiagnostic(d, '', { color: false })).toBe(
      'scenarios/core/users.yaml:1:1: error: no such file or directory\n  |\n1 | \n  | ^',
    );
    expect(renderDiagnostic(diagnostic({ line: 99, col: 1, message: 'x' }), source, { color: false })).toBe(
      'scenarios/core/users.yaml:99:1: error: x',
    );
  });

  it('expands tabs so the caret stays under the text', () => {
    const d = diagnostic({ line: 1, col: 2, endCol: 3, message: 'tab' });
    expect(renderDiagnostic(d, '\ta: b', { color: false }).split('\n').slice(-2)).toEqual(['1 |     a: b', '  |     ^']);
  });

  it('neutralises control characters from binary input', () => {
    const out = renderDiagnostic(diagnostic({ line: 1, col: 1, message: 'x' }), 'a\u001b[31mb\u0000', { color: false });
    expect(out).not.toMatch(/[\u0000\u001b]/);
    expect(out).toContain('1 | a\uFFFD[31mb\uFFFD');
  });

  it('shows a window of a very long line around the caret', () => {
    const long = `key: ${'x'.repeat(300)}BAD${'y'.repeat(300)}`;
    const out = renderDiagnostic(diagnostic({ line: 1, col: 306, endCol: 309, message: 'x' }), long, { color: false });
    const [, , code, carets] = out.split('\n');
    expect(code!.length).toBeLessThan(140);
    expect(code!.indexOf('BAD')).toBe(carets!.indexOf('^^^'));
  });

  it('colours only when asked', () => {
    const d = diagnostic({ line: 15, col: 5, endCol: 10 });
    expect(renderDiagnostic(d, source, { color: true })).toContain('\u001b[');
    expect(renderDiagnostic(d, source, { color: false })).not.toContain('\u001b[');
  });
});
