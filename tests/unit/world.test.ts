import { FIXTURE_CLIENTS, fullYears, involvementsOf } from '../../lib/seed/world';
import { generateWorld } from '../../seed/world';
import { PARTNER_AGENCIES } from '../../lib/agencies';

describe('the synthetic world', () => {
  const world = generateWorld({ clients: 3000, seed: 11 });

  it('is the same for the same seed, and differs for another seed', () => {
    expect(generateWorld({ clients: 3000, seed: 11 })).toEqual(world);
    expect(generateWorld({ clients: 3000, seed: 12 }).clients[0]).not.toEqual(world.clients[0]);
  });

  it('has exactly the number of clients asked for, with unique ids', () => {
    expect(world.clients).toHaveLength(3000);
    expect(new Set(world.clients.map((c) => c.id)).size).toBe(3000);
  });

  it('keeps the fixture clients the tests rely on', () => {
    const agenciesOf = (id: string) => new Set(world.involvements.filter((i) => i.clientId === id).map((i) => i.agency));
    expect([...agenciesOf(FIXTURE_CLIENTS.knownToAll)].sort()).toEqual([...PARTNER_AGENCIES].sort());
    expect(agenciesOf(FIXTURE_CLIENTS.knownToNone).size).toBe(0);
    expect(world.clients.find((c) => c.id === FIXTURE_CLIENTS.victim)?.addressProtected).toBe(true);
  });

  it('has realistic proportions: most families in CO3 cases, most clients known to two to four agencies', () => {
    const agencies = new Map<string, Set<string>>();
    for (const inv of world.involvements) agencies.set(inv.clientId, (agencies.get(inv.clientId) ?? new Set()).add(inv.agency));
    const twoToFour = world.clients.filter((c) => (agencies.get(c.id)?.size ?? 0) >= 2 && (agencies.get(c.id)?.size ?? 0) <= 4).length;
    expect(twoToFour / world.clients.length).toBeGreaterThan(0.5);
    const families = new Set(world.clients.map((c) => c.household).filter((h) => h !== null)).size;
    expect(world.cases.length / families).toBeGreaterThan(0.75);
    const withChildren = world.cases.filter((c) => c.members.some((m) => m.role === 'CHILD')).length;
    expect(withChildren / world.cases.length).toBeGreaterThan(0.5);
  });

  it('never dates an agency link after the reference day', () => {
    for (const agency of PARTNER_AGENCIES) {
      for (const inv of involvementsOf(world, agency)) expect(inv.since <= world.today).toBe(true);
    }
  });

  it('dates every family from its start to its reference day, and counts only the calendar years it covers whole', () => {
    expect({ start: world.start, today: world.today }).toEqual({ start: '2023-05-01', today: '2026-11-01' });
    const registered = world.clients.map((c) => c.registeredAt).sort();
    expect(registered[0]! >= world.start && registered[registered.length - 1]! <= world.today).toBe(true);
    expect(fullYears(world)).toEqual([2024, 2025]);
    expect(fullYears({ start: '2024-01-01', today: '2026-01-01' })).toEqual([2024, 2025]);
    expect(fullYears({ start: '2024-01-02', today: '2025-12-31' })).toEqual([]);
  });

  it('uses invented names and unreachable contact details only', () => {
    for (const client of world.clients.slice(0, 200)) {
      expect(client.phone === null || client.phone.startsWith('+32 499 00 ')).toBe(true);
      expect(client.email === null || client.email.endsWith('@example.invalid')).toBe(true);
    }
  });
});
