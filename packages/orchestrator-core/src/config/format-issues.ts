import type { z } from 'zod';
import { describeValue, didYouMean, isSecretPath } from './paths.js';

/** A problem (or warning) with its path as segments, before formatting. */
export interface RawIssue {
  path: Array<string | number>;
  message: string;
}

type ZodIssue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'number',
  string: 'string',
  boolean: 'boolean (true or false)',
  object: 'object',
  record: 'object',
  array: 'array',
};

/**
 * Turns zod issues into `{ path, message }` in Mosaic's style: `expected number, got "high"`,
 * `required`, `expected one of git|cicd, got "gti" (did you mean "git"?)`. Values at credential
 * paths are described by type only.
 */
export function formatZodIssues(issues: readonly ZodIssue[], prefix: Array<string | number> = []): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) formatOne(issue, prefix, out);
  return out;
}

function formatOne(issue: ZodIssue, prefix: Array<string | number>, out: RawIssue[]): void {
  const path = [...prefix, ...(issue.path as Array<string | number>)];
  const input = (issue as { input?: unknown }).input;
  const got = () => describeValue(input, isSecretPath(path));
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) {
        out.push({ path, message: 'required' });
        return;
      }
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      out.push({ path, message: `expected ${expected}, got ${got()}` });
      return;
    }
    case 'invalid_value': {
      if (input === undefined) {
        out.push({ path, message: 'required' });
        return;
      }
      const values = issue.values.map(String);
      const hint = typeof input === 'string' ? didYouMean(input, values) : '';
      out.push({ path, message: values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}, got ${got()}` : `expected one of ${values.join('|')}, got ${got()}${hint}` });
      return;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if ((issue.origin === 'string' || issue.origin === 'array') && min === 1) {
        out.push({ path, message: 'must not be empty' });
      } else if (issue.origin === 'array' || issue.origin === 'set') {
        out.push({ path, message: `must have at least ${min} items` });
      } else if (issue.origin === 'string') {
        out.push({ path, message: `must be at least ${min} characters long` });
      } else {
        out.push({ path, message: `must be ${issue.inclusive ? '>=' : '>'} ${min}, got ${got()}` });
      }
      return;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') out.push({ path, message: `must have at most ${max} items` });
      else if (issue.origin === 'string') out.push({ path, message: `must be at most ${max} characters long` });
      else out.push({ path, message: `must be ${issue.inclusive ? '<=' : '<'} ${max}, got ${got()}` });
      return;
    }
    case 'invalid_format':
      out.push({ path, message: issue.format === 'regex' ? issue.message : `expected a ${issue.format}, got ${got()}` });
      return;
    case 'not_multiple_of':
      out.push({ path, message: `must be a multiple of ${String(issue.divisor)}, got ${got()}` });
      return;
    case 'invalid_union': {
      // When only one option got past its type check, its issues are the useful ones.
      const branches = issue.errors.filter((errors) => !errors.some((e) => e.code === 'invalid_type' && e.path.length === 0));
      if (branches.length === 1) {
        for (const e of branches[0]!) formatOne(e, path, out);
        return;
      }
      if (input === undefined) {
        out.push({ path, message: 'required' });
        return;
      }
      out.push({ path, message: `${issue.message}, got ${got()}` });
      return;
    }
    case 'invalid_key':
    case 'invalid_element':
      for (const e of issue.issues) formatOne(e, path, out);
      return;
    default:
      out.push({ path, message: issue.message });
  }
}
