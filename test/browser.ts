// The Chromium the browser tests drive: Debian's when it is installed, otherwise the build that
// @sparticuz/chromium brings with `npm ci`, so the tests need neither root nor apt.
// CHROMIUM_PATH names another executable; set it empty to use the packaged build even when
// Debian's is installed (how a machine without it is checked).
import { existsSync } from 'node:fs';
import packagedChromium from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

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
