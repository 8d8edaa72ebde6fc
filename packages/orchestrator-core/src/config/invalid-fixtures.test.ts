import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.js';
import { loadConfigFile } from './load.js';

const dir = new URL('./fixtures/invalid/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'))
  .sort();

/** Expected `path: message` lines: `# expect:` comments in YAML, a sidecar `.expected.json` for JSON. */
function expectedFor(file: string): string[] {
  if (file.endsWith('.json')) {
    return JSON.parse(readFileSync(new URL(file.replace(/\.json$/, '.expected.json'), dir), 'utf8')) as string[];
  }
  return readFileSync(new URL(file, dir), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('# expect: '))
    .map((line) => line.slice('# expect: '.length));
}

// Only variables some fixtures use on purpose; GITHUB_TOKEN, BB_USER, REDIS_URL… stay unset.
const env = { GITEA_TOKEN: 'gitea-fixture-token-0001' };

describe('invalid configuration fixtures', () => {
  it('has at least 40 fixtures, each with an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    for (const file of files) expect(expectedFor(file), file).not.toHaveLength(0);
  });

  it.each(files)('%s fails with exactly the expected issues', async (file) => {
    const expected = expectedFor(file);
    const error = await loadConfigFile(new URL(file, dir), { env }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ConfigError.isInstance(error), `${file} must be rejected`).toBe(true);
    const configError = error as ConfigError;
    expect(configError.source).toMatch(new RegExp(`${file.replace(/\./g, '\\.')}$`));
    // YAML problems carry ` (line L, column C)`; compare without it unless the fixture names it.
    const actual = configError.issues.map((issue, i) => {
      const line = `${issue.path || '(root)'}: ${issue.message}`;
      return expected[i]?.includes('(line ') ? line : line.replace(/ \(line \d+, column \d+\)$/, '');
    });
    expect(actual).toEqual(expected);
    // the error message lists every issue, one per line
    for (const issue of configError.issues) expect(configError.message).toContain(issue.message);
  });
});
