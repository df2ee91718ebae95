import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { logMutation } from '../../subgraphs/fjc/mutationLog';
import { openFjcStore, type FjcStore } from '../../subgraphs/fjc/store';
import type { RequestContext } from '../../lib/viewer';

const REQUEST: RequestContext = {
  viewer: { sub: 'fjc-cm-1', name: 'x', agency: 'fjc', roles: ['CASE_MANAGER'] },
  purpose: 'SECURITY_CONFERENCE', conferenceId: 'CONF-000007', requestId: 'req-1', token: 't',
};

describe('the FJC\'s mutation log', () => {
  let dir: string;
  let store: FjcStore;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-mutation-log-'));
    store = openFjcStore({ dataFile: path.join(dir, 'fjc.sqlite') });
  });
  afterAll(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records the purpose and the basis of a write beside who, when and which request', () => {
    logMutation(store, REQUEST, 'addPlanItem', 'PLAN-000001');
    logMutation(store, { ...REQUEST, purpose: 'EMERGENCY', conferenceId: undefined, emergencyReason: 'Threats tonight at home', requestId: 'req-2' }, 'addMonitoringNote', 'NOTE-000001');
    expect(store.all('SELECT request_id, operation, purpose, conference_id, emergency_reason FROM mutation_log ORDER BY id')).toEqual([
      { request_id: 'req-1', operation: 'addPlanItem', purpose: 'SECURITY_CONFERENCE', conference_id: 'CONF-000007', emergency_reason: null },
      { request_id: 'req-2', operation: 'addMonitoringNote', purpose: 'EMERGENCY', conference_id: null, emergency_reason: 'Threats tonight at home' },
    ]);
  });

  it('is append-only: the store refuses to change or delete a row, or to add one without its purpose', () => {
    expect(() => store.run("UPDATE mutation_log SET purpose = 'CASE_MANAGEMENT'")).toThrow(/append-only/);
    expect(() => store.run('DELETE FROM mutation_log')).toThrow(/append-only/);
    expect(() => store.run("INSERT INTO mutation_log (at, request_id, sub, agency, operation, target_id) VALUES ('t', 'r', 's', 'fjc', 'openCase', 'CASE-1')")).toThrow(/with its purpose/);
    expect(store.get<{ n: number }>('SELECT count(*) AS n FROM mutation_log')!.n).toBe(2);
  });
});
