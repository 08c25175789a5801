// @vitest-environment jsdom
// web/index.html shows a placeholder in #root until React renders there: static, in both of the
// app's languages, with no inline script (the CSP of ADR 0078 refuses one), and with styles that
// touch nothing but the placeholder's own elements.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Under jsdom import.meta.url is not a file: URL; the module's directory is still known.
const html = readFileSync(path.join(import.meta.dirname, '..', 'index.html'), 'utf8');
const page = new DOMParser().parseFromString(html, 'text/html');

/**
 * The selectors and keyframes names a style sheet's rules set, also inside @media rules (told apart
 * by type number: jsdom has no CSSKeyframesRule class to test against).
 */
function ruleNames(rules: CSSRuleList): string[] {
  return [...rules].flatMap((rule) => {
    if (rule instanceof CSSStyleRule) return [rule.selectorText];
    if (rule instanceof CSSMediaRule) return ruleNames(rule.cssRules);
    if (rule.type === CSSRule.KEYFRAMES_RULE) return [`@keyframes ${(rule as CSSKeyframesRule).name}`];
    return [`unexpected rule: ${rule.cssText}`];
  });
}

describe('web/index.html', () => {
  it('has a placeholder in #root that says it is loading, in English and in Dutch', () => {
    const status = page.querySelector('#root [role="status"]');
    expect(status, 'a status in #root').not.toBeNull();
    expect(status?.querySelector('[lang="en"]')?.textContent).toBe('Loading…');
    expect(status?.querySelector('[lang="nl"]')?.textContent).toBe('Laden…');
  });

  it('has no inline script, which the Content-Security-Policy would refuse', () => {
    const scripts = [...page.querySelectorAll('script')];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script.getAttribute('src'), script.outerHTML).toBeTruthy();
  });

  it("styles only the placeholder's own classes, which the app does not use", () => {
    document.documentElement.innerHTML = page.documentElement.innerHTML;
    const names = [...document.styleSheets].flatMap((sheet) => ruleNames(sheet.cssRules));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^(\.boot-[a-z-]+|@keyframes boot-[a-z-]+)$/);
  });
});
