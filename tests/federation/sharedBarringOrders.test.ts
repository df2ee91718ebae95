import { generateWorld } from '../../seed/world';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/**
 * A temporary barring order is one fact of the world (lib/seed/world.ts, `WorldBarringOrder`): the
 * public prosecutor imposes it and the police serve and check it, so both agencies' records agree
 * on whether there was one after an intervention, until when, and whether and when it was breached.
 */
describe('barring orders, as the police and the public prosecutor record them', () => {
  let federation: InProcessFederation;
  beforeAll(async () => {
    federation = await startInProcess({ clients: 120 });
  });
  afterAll(() => federation.stop());

  const personOf = (agency: 'police' | 'public-prosecutor', client: string) => federation.subgraphs[agency].oneroof.links.find([client])[0]?.personId;

  it('agree on every order of every family both know: its day, its end and its breach', () => {
    const world = generateWorld({ clients: 120, seed: 7 });
    const police = federation.subgraphs.police.store;
    const office = federation.subgraphs['public-prosecutor'].store;
    let compared = 0;
    let breaches = 0;
    for (const household of world.households) {
      const suspectAtPolice = personOf('police', household.perpetrator.id);
      const suspectAtOffice = personOf('public-prosecutor', household.perpetrator.id);
      if (!suspectAtPolice || !suspectAtOffice) continue;
      const policeOrders = police.all<{ day: string; endsAt: string; status: string; breachedOn: string | null }>(
        `SELECT b.starts_at AS day, b.ends_at AS endsAt, b.status,
           (SELECT MIN(c.checked_at) FROM compliance_checks c WHERE c.id LIKE 'CC-' || substr(b.id, 4, length(b.id) - 11) || '-%' AND c.person_id = b.person_id AND c.compliant = 0) AS breachedOn
         FROM barring_orders b WHERE b.person_id = ? AND b.role = 'SUBJECT' ORDER BY b.starts_at`, suspectAtPolice,
      );
      const officeOrders = office.all<{ day: string; endsAt: string; breachedOn: string | null }>(
        `SELECT b.imposed_at AS day, b.ends_at AS endsAt, (SELECT x.occurred_at FROM barring_order_breaches x WHERE x.case_number = b.case_number) AS breachedOn
         FROM case_parties p JOIN barring_orders b USING (case_number) WHERE p.person_id = ? AND p.role = 'SUSPECT' ORDER BY b.imposed_at`, suspectAtOffice,
      );
      // The office registers a case a few days after the intervention: an order of the last days may not be there yet.
      const registered = new Set(officeOrders.map((order) => order.day));
      const expected = household.reports.filter((report) => report.barringOrder);
      expect(policeOrders.map((order) => order.day)).toEqual(expected.map((report) => report.day));
      expect(officeOrders.map(({ day, endsAt, breachedOn }) => ({ day, endsAt, breachedOn }))).toEqual(
        policeOrders.filter((order) => registered.has(order.day)).map(({ day, endsAt, breachedOn }) => ({ day, endsAt, breachedOn })),
      );
      for (const order of policeOrders) expect(order.status === 'BREACHED').toBe(order.breachedOn !== null);
      compared += officeOrders.length;
      breaches += officeOrders.filter((order) => order.breachedOn !== null).length;
    }
    expect(compared).toBeGreaterThan(20);
    expect(breaches).toBeGreaterThan(0);
  });
});
