import type { ServiceProviderFeature } from '../model/scenario.js';

/**
 * The shape of a scenario file once it has passed `scenario.schema.json`: what the static checks
 * and `normalize` read. Keep it in step with the schema.
 */
export interface RawScenario {
  scenario: string;
  id?: string;
  description?: string;
  tags?: string[];
  seed?: number;
  skip?: string;
  requires?: ServiceProviderFeature[];
  defaults?: { headers?: Record<string, Scalar> };
  vars?: Record<string, unknown>;
  steps: RawStep[];
  teardown?: RawStep[];
}

export type Scalar = string | number | boolean;

export type RawStep = RawRequestStep | RawAdvanceStep;

export interface RawAdvanceStep {
  name?: string;
  advance: string;
}

export interface RawRequestStep {
  name?: string;
  request: RawRequest;
  expect?: RawExpect;
  capture?: Record<string, string | { header: string }>;
  skipRules?: string[];
}

export interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, Scalar>;
  headers?: Record<string, Scalar>;
  auth?: 'default' | 'none' | { bearer: string };
  body?: unknown;
  rawBody?: string;
}

export interface RawExpect {
  status?: number | number[];
  headers?: Record<string, Scalar | Record<string, unknown>>;
  body?: Record<string, unknown>;
  responseTime?: Record<string, number>;
  level?: 'MUST' | 'SHOULD';
}

/** A var written as a faker call. */
export interface RawFakeCall {
  fake: string;
  args?: unknown[];
}

export function isAdvanceStep(step: RawStep): step is RawAdvanceStep {
  return 'advance' in step;
}

export function isFakeCall(value: unknown): value is RawFakeCall {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'fake' in value;
}
