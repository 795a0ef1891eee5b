// The console's static files, all served by the service itself (an intranet has no CDN): its
// style sheet and script from templates/console/, libraries from node_modules. Read once, kept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OFFICER_AUDITOR_ASSETS } from './officer-auditor-assets.js';

export interface Asset {
  /** Where the file is, given the templates directory. */
  file(templatesDir: string): string;
  type: string;
}

export const ASSETS: Record<string, Asset> = {
  'console.css': { file: (dir) => join(dir, 'console', 'console.css'), type: 'text/css; charset=utf-8' },
  'console.js': {
    file: (dir) => join(dir, 'console', 'console.js'),
    type: 'text/javascript; charset=utf-8',
  },
  ...OFFICER_AUDITOR_ASSETS,
};

export class AssetCache {
  private readonly read = new Map<string, Buffer>();

  constructor(private readonly templatesDir: string) {}

  /** The asset's bytes and type, or null for a name not in ASSETS. */
  get(name: string): { body: Buffer; type: string } | null {
    if (!Object.hasOwn(ASSETS, name)) return null;
    const asset = ASSETS[name] as Asset;
    let body = this.read.get(name);
    if (!body) {
      body = readFileSync(asset.file(this.templatesDir));
      this.read.set(name, body);
    }
    return { body, type: asset.type };
  }
}
