import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';
import { seedFromId } from './seed.js';
import { didYouMean, editDistance } from '../diagnostics/did-you-mean.js';

describe('parseDuration', () => {
  it.each([
    ['40m', 2_400_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['2d', 172_800_000],
    ['1m30s', 90_000],
    ['0s', 0],
    ['1h1ms', 3_600_001],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '40', 'm', '40 m', '1.5h', '-5m', '5w', '40minutes'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('seedFromId', () => {
  it('is FNV-1a 32-bit: stable, unsigned, and spread', () => {
    expect(seedFromId('')).toBe(0x811c9dc5);
    expect(seedFromId('a')).toBe(0xe40c292c);
    expect(seedFromId('core/users-create')).toBe(seedFromId('core/users-create'));
    expect(seedFromId('core/users-create')).not.toBe(seedFromId('core/users-create2'));
  });
});

describe('didYouMean', () => {
  it('suggests the closest candidate within a typo distance, ignoring case', () => {
    expect(didYouMean('expct', ['name', 'request', 'expect', 'capture'])).toBe('expect');
    expect(didYouMean('post', ['GET', 'POST', 'PUT'])).toBe('POST');
    expect(didYouMean('reqeust', ['request', 'expect'])).toBe('request');
  });

  it('suggests nothing when every candidate is far', () => {
    expect(didYouMean('banana', ['name', 'request', 'expect'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });

  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
