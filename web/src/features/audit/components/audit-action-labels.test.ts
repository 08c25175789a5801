// Every action the server records must have a name on the audit page: an action without one shows
// its code to admins. The server's actions are read from its source, so a new one fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '../../../i18n/locales/en.json' with { type: 'json' };
import nl from '../../../i18n/locales/nl.json' with { type: 'json' };
import { actionLabels } from './audit-changes.ts';

const serverSource = fileURLToPath(new URL('../../../../../src/', import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Table names: `'customers.id'` in a query is a column, not an action. */
function tableNames(files: readonly string[]): Set<string> {
  const tables = new Set<string>();
  for (const file of files)
    for (const match of readFileSync(file, 'utf8').matchAll(
      /(?:selectFrom|updateTable|insertInto|deleteFrom|innerJoin|leftJoin)\(\s*'([a-z_]+)/g,
    ))
      tables.add(match[1] as string);
  return tables;
}

/** Database settings (`set_config('hub.audit_erasure', …)`) are not actions either. */
function settingNames(files: readonly string[]): Set<string> {
  const settings = new Set<string>();
  for (const file of files)
    for (const match of readFileSync(file, 'utf8').matchAll(/set_config\(\s*'([a-z_.]+)'/g))
      settings.add(match[1] as string);
  return settings;
}

/**
 * The actions the server records: every `'noun.verb'` literal in a file that writes audit rows
 * (recordAudit, recordAudits or the audit_events table), plus the `${action}.failed` style
 * outcomes of actions passed on to a helper that records them.
 */
function serverActions(): Set<string> {
  const files = sourceFiles(serverSource);
  const tables = tableNames(files);
  const settings = settingNames(files);
  const actions = new Set<string>();
  const suffixes = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!/recordAudits?\(|audit_events/.test(text)) continue;
    for (const match of text.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) {
      const literal = match[1] as string;
      if (!tables.has(literal.split('.')[0] as string) && !settings.has(literal)) actions.add(literal);
    }
    for (const match of text.matchAll(/`\$\{action\}\.([a-z_]+)`/g)) suffixes.add(match[1] as string);
  }
  // Actions handed to pushLicenceSteps (and its default) also record `<action>.<suffix>`.
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/pushLicenceSteps\([^;]*?'([a-z_]+(?:\.[a-z_]+)+)'\s*,?\s*\)/g))
      for (const suffix of suffixes) actions.add(`${match[1]}.${suffix}`);
    for (const match of text.matchAll(/\baction = '([a-z_.]+)'/g))
      for (const suffix of suffixes) actions.add(`${match[1]}.${suffix}`);
  }
  return actions;
}

function text(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
}

describe('audit action names', () => {
  const actions = [...serverActions()].sort();

  it('finds the server actions, including those named by constants and computed outcomes', () => {
    expect(actions).toEqual(
      expect.arrayContaining([
        'customer.create',
        'customer.provisioned',
        'customer.delete_failed',
        'numbers.taken_probe',
        'user.email_taken_probe',
        'user.provisioning.failed',
        'user.repair.cleared',
      ]),
    );
    expect(actions).not.toContain('customers.id');
  });

  it.each(actions)('names %s', (action) => {
    expect(actionLabels[action]).toBeDefined();
  });

  it.each(Object.entries(actionLabels))('has English and Dutch text for %s', (_action, key) => {
    expect(typeof text(en, key)).toBe('string');
    expect(typeof text(nl, key)).toBe('string');
  });
});
