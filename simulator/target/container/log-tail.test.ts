import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogTail } from './log-tail.js';

describe('LogTail', () => {
  it('joins chunks into lines, keeping an unfinished last line', () => {
    const tail = new LogTail();
    expect(tail.isEmpty).toBe(true);
    tail.push('listening on ');
    tail.push('http://127.0.0.1:8080\r\nsecond');
    tail.push(Buffer.from(' line\nthird'));
    expect(tail.text()).toBe('listening on http://127.0.0.1:8080\nsecond line\nthird');
  });

  it('keeps the last lines only, and says how many were dropped', () => {
    const tail = new LogTail(3, 1_000_000);
    for (let i = 1; i <= 10; i++) tail.push(`line ${i}\n`);
    expect(tail.text()).toBe('… 7 earlier lines not kept\nline 8\nline 9\nline 10');
  });

  it('keeps at most maxBytes of text, however long the lines', () => {
    const tail = new LogTail(500, 100);
    for (let i = 0; i < 50; i++) tail.push(`${String(i).padStart(2, '0')} ${'x'.repeat(20)}\n`);
    const kept = tail.text().split('\n');
    expect(kept[0]).toMatch(/^… \d+ earlier lines not kept$/);
    expect(kept.slice(1).join('\n').length).toBeLessThanOrEqual(100);
    expect(kept.at(-1)).toMatch(/^49 x+$/);
    tail.push('y'.repeat(1000));
    expect(tail.text().endsWith('y'.repeat(100))).toBe(true);
    expect(tail.text()).not.toContain('y'.repeat(101));
  });

  it('follows a stream until it ends', async () => {
    const tail = new LogTail();
    const stream = new PassThrough({ encoding: 'utf8' });
    tail.attach(stream);
    stream.write('a\n');
    stream.end('b\n');
    await tail.settled(1000);
    expect(tail.text()).toBe('a\nb');
  });

  it('settled() gives up after its timeout when the stream goes on', async () => {
    const tail = new LogTail();
    tail.attach(new PassThrough());
    const started = Date.now();
    await tail.settled(50);
    expect(Date.now() - started).toBeLessThan(1000);
    tail.detach();
  });
});
