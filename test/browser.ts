// The Chromium the browser tests drive (Debian's when it is installed, otherwise the build that
// @sparticuz/chromium brings with `npm ci`, so the tests need neither root nor apt), and the
// accessibility audit they run in it.
// CHROMIUM_PATH names another executable; set it empty to use the packaged build even when
// Debian's is installed (how a machine without it is checked).
import { existsSync } from 'node:fs';
import packagedChromium from '@sparticuz/chromium';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const SYSTEM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'];

// The packaged flags are made for AWS Lambda. Left out: those that would switch off the
// same-origin policy and mixed-content blocking the widget tests rely on being real, and
// single-process mode, in which closing a browser context brings the whole browser down.
const UNWANTED_PACKAGED_ARGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials', '--single-process']);

export interface ChromiumChoice {
  executablePath: string;
  args: string[];
  source: 'system' | 'packaged' | 'CHROMIUM_PATH';
}

export async function chooseChromium(requested: string | undefined = process.env.CHROMIUM_PATH): Promise<ChromiumChoice> {
  if (requested) {
    if (!existsSync(requested)) throw new Error(`CHROMIUM_PATH="${requested}" does not exist: point it at a Chromium executable, or unset it.`);
    return { executablePath: requested, args: SYSTEM_ARGS, source: 'CHROMIUM_PATH' };
  }
  if (requested === undefined && existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: SYSTEM_ARGS, source: 'system' };
  // Unpacks into the temporary directory on first use (several seconds), then reuses it.
  const executablePath = await packagedChromium.executablePath();
  return { executablePath, args: packagedChromium.args.filter((arg) => !UNWANTED_PACKAGED_ARGS.has(arg)), source: 'packaged' };
}

export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await chooseChromium();
  return chromium.launch({ executablePath, args, headless: true });
}

const AUDIT_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA plus best practice) on the page as it is now and returns
 * its violations, one readable line per rule and element. axe is injected as a script, which the
 * pages' strict CSP forbids: the page must come from a context made with `bypassCSP: true`, one
 * used only for audits so the other tests still run under the real policy.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async (tags) => {
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((violation) => ({
      rule: `${violation.id} (${violation.impact}): ${violation.help}`,
      nodes: violation.nodes.map((node) => `${JSON.stringify(node.target)}: ${node.failureSummary?.replace(/\s+/g, ' ')}`),
    }));
  }, AUDIT_TAGS);
  return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.rule}\n    ${node}`));
}
