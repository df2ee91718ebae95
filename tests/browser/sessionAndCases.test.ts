import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { devSignIn, openClient, screenshot } from './helpers/browser';
import { consoleSuite } from './helpers/suite';

jest.setTimeout(120_000);

describe('the console in Chromium: an expiring session, security conferences and the case plan', () => {
  const suite = consoleSuite();
  const accessible = (name: string) => suite.accessible(name);

  it('asks to sign in again when the token expires, and keeps the form being filled in', async () => {
    await devSignIn(suite.page, suite.origin, 'fjc-staff-1', '?ttl=10');
    await suite.page.getByRole('link', { name: 'Cliënt registreren' }).click();
    await suite.page.getByLabel('Voornaam').fill('Mira');
    await suite.page.getByLabel('Achternaam').fill('Verlopen');
    await suite.page.getByLabel('Geboortedatum').fill('1990-01-02');
    await suite.page.getByLabel('Gender').selectOption('FEMALE');
    const dialog = suite.page.getByRole('dialog', { name: 'Uw sessie is verlopen' });
    await dialog.waitFor({ timeout: 30_000 });
    await accessible('session-expired');
    await dialog.locator('button[data-sub="fjc-staff-1"]').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await suite.page.getByLabel('Achternaam').inputValue()).toBe('Verlopen');
    await suite.page.getByRole('button', { name: 'Registreren' }).click();
    await suite.page.getByTestId('client-view').waitFor();
    expect(await suite.page.locator('h1').textContent()).toBe('Mira Verlopen');
  });

  it('lets a case manager convene a security conference, pick it as purpose, and close it', async () => {
    await suite.page.getByRole('button', { name: 'Afmelden' }).click();
    await devSignIn(suite.page, suite.origin, 'fjc-staff-2');
    await suite.page.getByRole('link', { name: 'Veiligheidsoverleggen' }).click();
    await suite.page.getByRole('heading', { name: 'Overleg samenroepen' }).waitFor();
    await suite.page.getByRole('button', { name: 'Samenroepen' }).click();
    expect(await suite.page.locator('.field-error').first().textContent()).toBe('Verplicht.');
    const caseSelect = suite.page.getByLabel('Dossier', { exact: true });
    await suite.page.waitForFunction(() => document.querySelectorAll('select option').length > 3);
    await caseSelect.selectOption({ index: 1 });
    const start = new Date(Date.now() - 5 * 60_000);
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await suite.page.getByLabel('Begint').fill(local(start));
    await suite.page.getByLabel('Eindigt').fill(local(new Date(start.getTime() + 13 * 3_600_000)));
    await suite.page.getByLabel('Rechtsgrond').selectOption('DECREE');
    await suite.page.getByLabel('Referentie van het decreet of de toestemming van het parket').fill('Decreet 2026/17');
    await suite.page.getByRole('button', { name: 'Samenroepen' }).click();
    expect(await suite.page.getByText('Een overleg duurt hoogstens 12 uur.').count()).toBe(1);
    await suite.page.getByLabel('Eindigt').fill(local(new Date(start.getTime() + 2 * 3_600_000)));
    await suite.page.getByRole('button', { name: 'Samenroepen' }).click();
    const conference = suite.page.locator('[data-conference]').first();
    await conference.waitFor();
    expect(await conference.textContent()).toContain('lopend');
    await accessible('conferences');

    await suite.page.getByTestId('purpose').selectOption('SECURITY_CONFERENCE');
    const id = (await conference.getAttribute('data-conference'))!;
    const picker = suite.page.getByLabel('Overleg', { exact: true });
    await suite.page.waitForFunction((conf) => [...document.querySelectorAll('option')].some((o) => o.value === conf), id);
    await picker.selectOption(id);
    expect(await suite.page.getByTestId('current-purpose').textContent()).toBe(`Elke vraag gebeurt nu met als doel: Veiligheidsoverleg · ${id}`);

    await suite.page.getByTestId('purpose').selectOption('CASE_MANAGEMENT');
    await conference.getByRole('button', { name: 'Sluiten' }).click();
    await suite.page.locator(`[data-conference="${id}"]`).waitFor({ state: 'detached' });
  });

  it("shows a case's plan and lets its case manager add to it", async () => {
    await openClient(suite.page, FIXTURE_CLIENTS.victim);
    await suite.page.getByRole('link', { name: /^CO3\// }).first().click();
    await suite.page.getByRole('heading', { name: 'Casusplan' }).waitFor();
    await suite.page.getByLabel('Omschrijving').first().fill('Safety plan with the victim');
    await suite.page.getByRole('button', { name: 'Actie aan het plan toevoegen' }).click();
    await suite.page.getByRole('cell', { name: 'Safety plan with the victim', exact: true }).waitFor();
    await suite.page.getByLabel('Notitie', { exact: true }).fill('Called the victim, all calm');
    await suite.page.getByRole('button', { name: 'Notitie toevoegen' }).click();
    await suite.page.getByText('Called the victim, all calm').waitFor();
    await accessible('case-plan');
  });

  it('lets a case manager open a case for a client, add and remove a member, and close it', async () => {
    await openClient(suite.page, FIXTURE_CLIENTS.knownToNone);
    await suite.page.getByRole('heading', { name: 'Een dossier openen' }).waitFor();
    await suite.page.getByLabel('Rol van deze cliënt in het dossier').selectOption('VICTIM');
    await suite.page.getByLabel('Risiconiveau').selectOption('HIGH');
    await accessible('open-case');
    await suite.page.getByRole('button', { name: 'Dossier openen' }).click();
    const heading = suite.page.getByRole('heading', { name: /^Dossier CO3\// });
    await heading.waitFor();
    const facts = suite.page.locator('dl.facts');
    expect(await facts.textContent()).toContain('open');
    expect(await facts.textContent()).toContain('hoog');
    // the client is its first member, with the role chosen
    expect(await suite.page.locator(`a[href="/clients/${FIXTURE_CLIENTS.knownToNone}"]`).count()).toBe(1);
    expect(await suite.page.getByRole('listitem').filter({ hasText: 'slachtoffer' }).count()).toBeGreaterThan(0);

    // Add a member, then remove them again: the membership history keeps both.
    await suite.page.getByLabel('Cliënt', { exact: true }).fill(FIXTURE_CLIENTS.victim);
    await suite.page.getByLabel('Rol in het dossier').selectOption('OTHER');
    await accessible('case-members');
    await suite.page.getByRole('button', { name: 'Aan het dossier toevoegen' }).click();
    const added = suite.page.locator(`[data-member="${FIXTURE_CLIENTS.victim}"]`);
    await added.waitFor();
    expect(await added.textContent()).toContain('andere');
    await added.getByRole('button', { name: 'Verwijderen' }).click();
    await added.waitFor({ state: 'detached' });
    // An unknown client is refused, and said so.
    await suite.page.getByLabel('Cliënt', { exact: true }).fill('FJC-999999');
    await suite.page.getByRole('button', { name: 'Aan het dossier toevoegen' }).click();
    await suite.page.locator('.problems, [role="alert"]').first().waitFor();

    await suite.page.getByRole('button', { name: 'Dossier afsluiten' }).click();
    await suite.page.getByRole('button', { name: 'Nu afsluiten' }).click();
    await facts.getByText('Afgesloten').waitFor();
    expect(await facts.textContent()).toContain('gesloten');
    expect(await suite.page.getByRole('button', { name: 'Dossier afsluiten' }).count()).toBe(0);
    await accessible('closed-case');

    // The client's page lists the case, closed.
    await openClient(suite.page, FIXTURE_CLIENTS.knownToNone);
    expect(await suite.page.getByRole('link', { name: /^CO3\// }).count()).toBe(1);
    expect(await suite.page.locator('.client-view').textContent()).toContain('gesloten');
  });

  it('serves GraphiQL from the gateway itself, under the same CSP, for developers', async () => {
    const graphiql = await suite.browser.newPage();
    await graphiql.goto(`${suite.origin}/graphiql`);
    await graphiql.locator('.graphiql-container').waitFor();
    await screenshot(graphiql, 'graphiql');
    await graphiql.close();
  });

  /** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
  const tabTo = async (selector: string, limit = 60) => {
    for (let i = 0; i < limit; i += 1) {
      if (await suite.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      await suite.page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  };

  it('is usable with the keyboard alone: sign out and in, find a client, open her view', async () => {
    await tabTo('header button');
    await suite.page.keyboard.press('Enter');
    await suite.page.locator('button[data-sub]').first().waitFor();
    await tabTo('button[data-sub="fjc-staff-2"]');
    await suite.page.keyboard.press('Enter');
    await suite.page.getByTestId('viewer').waitFor();
    await tabTo('select[data-testid="purpose"]');
    await suite.page.keyboard.press('ArrowDown'); // Intake -> Case management
    expect(await suite.page.getByTestId('current-purpose').textContent()).toBe('Elke vraag gebeurt nu met als doel: Casemanagement');
    await tabTo('input[type="date"]', 60);
    await suite.page.keyboard.press('Shift+Tab');
    await suite.page.keyboard.type('verlopen mira');
    await suite.page.keyboard.press('Enter');
    await suite.page.getByTestId('result-count').waitFor();
    await tabTo('.results a');
    await suite.page.keyboard.press('Enter');
    await suite.page.getByTestId('client-view').waitFor();
    expect(await suite.page.locator('h1').textContent()).toBe('Mira Verlopen');
  });
});
