import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_LAYOUT, datasetIn, isSeeded, seedAll, setAsideOldDataset } from '../../seed/seedAll';

/** A data dir written by an older OneRoof is recognised and moved aside, never silently reused or deleted. */
describe('the layout of a data dir', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-data-layout-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is none before a dataset, and the current one after seeding', () => {
    expect(datasetIn(dir)).toBe('none');
    const summary = seedAll(dir, { clients: 20, seed: 3 });
    expect(summary.layout).toBe(DATA_LAYOUT);
    expect(datasetIn(dir)).toBe('current');
    expect(isSeeded(dir)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'police.oneroof.sqlite'))).toBe(true);
  });

  it('is old for a manifest without the layout, and every file of it is moved aside, the keys left in place', () => {
    fs.writeFileSync(path.join(dir, 'seed.json'), JSON.stringify({ clients: 20, seed: 3 }));
    for (const file of ['police.sqlite', 'police.sqlite-wal', 'fjc.sqlite']) fs.writeFileSync(path.join(dir, file), 'old');
    fs.mkdirSync(path.join(dir, 'dev-issuer'));
    expect(datasetIn(dir)).toBe('old');
    expect(isSeeded(dir)).toBe(false);
    const aside = setAsideOldDataset(dir, new Date('2026-11-01T10:00:00.000Z'));
    expect(path.basename(aside)).toBe('old-layout-2026-11-01T10-00-00-000Z');
    expect(fs.readdirSync(aside).sort()).toEqual(['fjc.sqlite', 'police.sqlite', 'police.sqlite-wal', 'seed.json']);
    expect(fs.readdirSync(dir).sort()).toEqual(['dev-issuer', path.basename(aside)]);
    expect(datasetIn(dir)).toBe('none');
  });
});
