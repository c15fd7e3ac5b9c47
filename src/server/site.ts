// The pages people see: demo page, article viewer and the embeddable widget script.
import type { Express } from 'express';
import type { ServiceState } from './app.js';

export interface SiteOptions {
  state: () => ServiceState;
}

export function mountSite(_app: Express, _options: SiteOptions): void {
  // Filled in with the widget and viewer.
}
