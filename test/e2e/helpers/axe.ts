// axe-core in the page under test: its source is injected as a script (no bundler, no network) and
// run against the whole document with the WCAG 2.0/2.1 level A and AA rules and axe's best
// practices (headings, landmarks). A WCAG violation of impact serious or critical fails; the milder
// ones and the best practices are printed for a person to judge.
// Every finding, with each element's HTML and axe's explanation, is also kept in
// test-results/e2e/accessibility.json (not committed), for whoever fixes them.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir } from './browser.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;
const failingImpacts = new Set(['serious', 'critical']);
const ruleTags = [...wcagTags, 'best-practice'];

interface AxeNode {
  readonly target: readonly unknown[];
  readonly html: string;
  readonly failureSummary?: string;
}

/** The part of axe's result a report needs (axe-core's own types describe more). */
export interface AxeFinding {
  readonly screen: string;
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly tags: readonly string[];
  readonly nodes: readonly AxeNode[];
}

interface AxeRunResult {
  violations: { id: string; impact?: string | null; help: string; tags: string[]; nodes: AxeNode[] }[];
}

/**
 * The few browser globals that code run in the page uses: this project compiles for Node, without
 * the DOM library, so page-side functions cast `globalThis` to this.
 */
export interface PageGlobals {
  axe?: { run: (context: unknown, options: object) => Promise<AxeRunResult> };
  document: {
    querySelectorAll: (selector: string) => Iterable<{ setAttribute: (name: string, value: string) => void }>;
  };
  location: { pathname: string };
  history: { pushState: (state: null, unused: string, url: string) => void };
  localStorage: { setItem: (key: string, value: string) => void };
  PopStateEvent: new (type: string) => unknown;
  dispatchEvent: (event: unknown) => boolean;
}

const allFindings: AxeFinding[] = [];

/** Runs axe on the page as it is now (injecting it first if this document has none). */
export async function runAxe(page: Page, screen: string): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => Boolean((globalThis as unknown as PageGlobals).axe));
  // Evaluated, not added as an inline <script>: the app's CSP (ADR 0078) refuses inline scripts.
  if (!loaded) await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) =>
      (globalThis as unknown as Required<PageGlobals>).axe.run(
        (globalThis as unknown as PageGlobals).document,
        {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        },
      ),
    ruleTags,
  );
  const findings = result.violations.map((violation) => ({
    screen,
    id: violation.id,
    impact: violation.impact ?? 'minor',
    help: violation.help,
    tags: violation.tags,
    nodes: violation.nodes.map(({ target, html, failureSummary }) => ({ target, html, failureSummary })),
  }));
  allFindings.push(...findings);
  return findings;
}

const oneLine = (text: string | undefined, length: number) =>
  (text ?? '').replace(/\s+/g, ' ').slice(0, length);

function describeFinding(finding: AxeFinding): string {
  const targets = finding.nodes.map((node) => node.target.map(String).join(' '));
  const shown = targets.slice(0, 8).join(', ');
  const more = targets.length > 8 ? ` (+${targets.length - 8} more)` : '';
  const first = finding.nodes[0];
  return [
    `[${finding.screen}] ${finding.impact} ${finding.id}: ${finding.help}`,
    `    at ${shown}${more}`,
    `    e.g. ${oneLine(first?.html, 160)} ${oneLine(first?.failureSummary, 240)}`,
  ].join('\n');
}

const isWcag = (finding: AxeFinding) =>
  finding.tags.some((tag) => (wcagTags as readonly string[]).includes(tag));
const fails = (finding: AxeFinding) => failingImpacts.has(finding.impact) && isWcag(finding);

/**
 * Checks one screen: returns a line per serious or critical WCAG violation (screen, rule id,
 * targets) and prints the other findings. An empty list means the screen passes.
 */
export async function accessibilityProblems(page: Page, screen: string): Promise<string[]> {
  const findings = await runAxe(page, screen);
  for (const finding of findings.filter((candidate) => !fails(candidate))) {
    console.info(`axe (not failing) ${describeFinding(finding)}`);
  }
  return findings.filter(fails).map(describeFinding);
}

/** Writes every finding of this run to test-results/e2e/accessibility.json. */
export async function writeAccessibilityReport(): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await writeFile(path.join(screenshotDir, 'accessibility.json'), JSON.stringify(allFindings, null, 2));
}
