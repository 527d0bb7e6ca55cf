// Renders the Teams golden offer card with Microsoft's `adaptivecards` renderer in headless Chromium and saves
// docs/images/teams-card.png. Run from an empty folder with the package installed (not committed):
//   npm install adaptivecards && node /path/to/repo/docs/images/render-teams-card.mjs /path/to/repo
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(process.argv[2] ?? '.');
const card = readFileSync(join(repo, 'bot-teams/src/test/resources/golden/offer-card.json'), 'utf8');
const require = createRequire(join(process.cwd(), 'package.json'));
const library = require.resolve('adaptivecards/dist/adaptivecards.min.js');

// Teams' light theme, approximately: Segoe-like font, its accent colour and spacing
const hostConfig = {
  fontFamily: "'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
  containerStyles: { default: { backgroundColor: '#FFFFFF', foregroundColors: {
    default: { default: '#242424', subtle: '#616161' }, accent: { default: '#6264A7', subtle: '#8B8CC7' },
    good: { default: '#237B4B', subtle: '#237B4B' } } } },
  actions: { actionsOrientation: 'horizontal', buttonSpacing: 8, maxActions: 6, spacing: 'default' },
};

const page = `<!doctype html><meta charset="utf-8">
<style>
  body { margin: 0; padding: 16px; background: #F5F5F5; font-family: 'Segoe UI', Arial, sans-serif; }
  #card { width: 420px; background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.2); overflow: hidden; }
  .ac-pushButton { background: #fff; border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 12px; font: 600 13px 'Segoe UI', Arial, sans-serif; color: #242424; }
  .ac-pushButton.style-positive { background: #6264A7; border-color: #6264A7; color: #fff; }
</style>
<div id="card"></div>
<script src="file://${library}"></script>
<script>
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(hostConfig)});
  card.parse(${card});
  document.getElementById('card').appendChild(card.render());
</script>`;

const work = mkdtempSync(join(tmpdir(), 'teams-card-'));
const html = join(work, 'card.html');
writeFileSync(html, page);
execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  `--user-data-dir=${join(work, 'profile')}`, '--hide-scrollbars', '--allow-file-access-from-files',
  '--window-size=452,250', `--screenshot=${join(repo, 'docs/images/teams-card.png')}`, `file://${html}`], { stdio: 'inherit' });
