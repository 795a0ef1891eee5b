// The officer's and auditor's static files: their style sheet and scripts from templates/console/,
// and Chart.js from node_modules (served by the service: an intranet has no CDN).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const JS = 'text/javascript; charset=utf-8';
// chart.js exports no path to its UMD build, so it is found beside the package's main file.
const chartDir = () => dirname(createRequire(import.meta.url).resolve('chart.js'));

// The shape of assets.ts's Asset, written out: importing it would make the two files a cycle.
export const OFFICER_AUDITOR_ASSETS: Record<string, { file(templatesDir: string): string; type: string }> = {
  'officer-auditor.css': {
    file: (dir) => join(dir, 'console', 'officer-auditor.css'),
    type: 'text/css; charset=utf-8',
  },
  'officer-draft.js': { file: (dir) => join(dir, 'console', 'officer-draft.js'), type: JS },
  'auditor-chart.js': { file: (dir) => join(dir, 'console', 'auditor-chart.js'), type: JS },
  'chart.umd.min.js': { file: () => join(chartDir(), 'chart.umd.min.js'), type: JS },
};
