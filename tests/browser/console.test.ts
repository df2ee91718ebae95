import type { Page } from 'playwright-core';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { startStack, type TestStack } from '../helpers/stack';
import { devSignIn, launchBrowser, openClient, screenshot, seriousViolations, type Browser } from './helpers/browser';

jest.setTimeout(120_000);

/**
 * The console end to end in Chromium, against a gateway and seven subgraphs on ephemeral ports:
 * what the front desk, a case manager and an auditor do every day, through the same API and
 * policy as any other client.
 */
describe('the front-desk console in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let origin: string;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ clients: 60 }), launchBrowser()]);
    origin = stack.gatewayUrl.replace(/\/graphql$/, '');
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  afterEach(() => {
    expect(browser.problems).toEqual([]);
  });

  const accessible = async (name: string) => {
    await screenshot(page, name);
    expect(await seriousViolations(page)).toEqual([]);
  };

  it('offers the development identities on the sign-in page, in Dutch', async () => {
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'Aanmelden bij OneRoof' }).waitFor();
    expect(await page.locator('button[data-sub]').count()).toBe(12);
    await accessible('sign-in');
  });

  it('lets the front desk register a client, field errors next to the fields', async () => {
    await devSignIn(page, origin, 'fjc-staff-1');
    await page.getByRole('link', { name: 'Cliënt registreren' }).click();
    await page.getByRole('button', { name: 'Registreren' }).click();
    const firstName = page.getByLabel('Voornaam');
    await expect(firstName.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await page.locator('.field-error').first().textContent()).toBe('Verplicht.');
    await accessible('register-errors');
    await firstName.fill('Ayşe');
    await page.getByLabel('Achternaam').fill('Çelik');
    await page.getByLabel('Geboortedatum').fill('1988-03-14');
    await page.getByLabel('Gender').selectOption('FEMALE');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.getByTestId('client-view').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Ayşe Çelik');
  });

  it('warns of a likely duplicate written with look-alike letters before creating one', async () => {
    await page.getByRole('link', { name: 'Cliënt registreren' }).click();
    await page.getByLabel('Voornaam').fill('Аyşe'); // Cyrillic А
    await page.getByLabel('Achternaam').fill('Çelik');
    await page.getByLabel('Geboortedatum').fill('1988-03-14');
    await page.getByLabel('Gender').selectOption('FEMALE');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.getByTestId('duplicate-warning').waitFor();
    expect(await page.getByTestId('duplicate-warning').textContent()).toContain('Waarschijnlijk al geregistreerd');
    await accessible('register-duplicate');
  });

  it('finds a client with an accent-free spelling, saying how many matched', async () => {
    await page.getByRole('link', { name: 'Cliënt zoeken' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('celik ayse');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByTestId('result-count').waitFor();
    expect(await page.getByTestId('result-count').textContent()).toBe('1 cliënten gevonden');
    expect(await page.locator('.results a').allTextContents()).toEqual(['Ayşe Çelik']);
    await accessible('find');
  });

  it("shows a client known to six agencies, each withheld field with its reason and next step", async () => {
    await openClient(page, FIXTURE_CLIENTS.knownToAll);
    expect(await page.locator('.agency-card').count()).toBe(6);
    const police = page.locator('[data-agency="police"]');
    expect(await police.locator('h2').textContent()).toBe('Politiezone');
    // Front desk, purpose INTAKE: the police share even the fact that they know the client only on a legal basis.
    expect(await police.getByTestId('withheld').textContent()).toBe(
      'Afgeschermd Politiezone deelt betrokkenheidsgegevens alleen op een rechtsgrond, en die is er nu niet voor u. ' +
        'Volgende stap: registreer de toestemming van de cliënt voor betrokkenheidsgegevens. Toestemming registreren',
    );
    // Contact details are above the front desk's ceiling, whatever the basis.
    expect(await page.locator('dd', { has: page.getByTestId('withheld') }).first().textContent()).toContain('Boven wat uw rol voor dit doel mag zien (contactgegevens).');
    await accessible('client-front-desk');
  });

  const signOut = async () => {
    await page.getByRole('button', { name: /Afmelden|Se déconnecter|Sign out/ }).click();
    await page.locator('button[data-sub]').first().waitFor();
  };
  const choosePurpose = (value: string) => page.getByTestId('purpose').selectOption(value);
  const interventions = () => page.locator('[data-agency="police"] [data-records="interventions"]');

  it("lets a case manager record a consent from the withheld field's next step; revoking it withholds the field again", async () => {
    await signOut();
    await devSignIn(page, origin, 'fjc-staff-2');
    await choosePurpose('CASE_MANAGEMENT');
    await openClient(page, FIXTURE_CLIENTS.knownToAll);
    expect(await interventions().getByTestId('withheld').textContent()).toContain('Politiezone deelt justitiële gegevens alleen op een rechtsgrond');
    await accessible('client-case-manager');
    await interventions().getByRole('link', { name: 'Toestemming registreren' }).click();
    await page.getByTestId('consents').or(page.getByText('Geen toestemming geregistreerd.')).waitFor();
    expect(await page.getByRole('checkbox', { name: 'justitiële gegevens' }).isChecked()).toBe(true);
    await page.getByLabel('Gedeeld met').selectOption('fjc');
    await page.getByLabel('Bewijs (formuliernummer)').fill('FORM-2026-0042');
    await page.getByRole('button', { name: 'Toestemming registreren' }).click();
    await page.getByRole('status').waitFor();
    const consentRow = page.locator('[data-testid="consents"] tr[data-status="ACTIVE"]');
    await consentRow.waitFor(); // the list reloads after the status message
    expect(await consentRow.count()).toBe(1);
    await accessible('consents');

    await openClient(page, FIXTURE_CLIENTS.knownToAll);
    expect(await interventions().locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await interventions().getByTestId('withheld').count()).toBe(0);

    await page.getByRole('link', { name: 'Toestemmingen' }).click();
    await consentRow.getByRole('button', { name: 'Intrekken' }).click();
    await page.getByLabel('Reden van intrekking').fill('Client withdrew consent at the desk');
    await page.getByRole('button', { name: 'Nu intrekken' }).click();
    await page.locator('[data-testid="consents"] tr[data-status="REVOKED"]').waitFor();
    expect(await page.locator('[data-testid="consents"] tr[data-status="REVOKED"]').textContent()).toContain('Client withdrew consent at the desk');

    await openClient(page, FIXTURE_CLIENTS.knownToAll);
    expect(await interventions().getByTestId('withheld').textContent()).toContain('Politiezone deelt justitiële gegevens alleen op een rechtsgrond');
  });

  it('downloads a consent as a FHIR R4 Consent resource', async () => {
    await page.getByRole('link', { name: 'Toestemmingen' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Downloaden (FHIR)' }).first().click()]);
    const fhir = JSON.parse(await (await import('node:fs')).promises.readFile((await download.path())!, 'utf8')) as { resourceType: string; status: string };
    expect(fhir.resourceType).toBe('Consent');
    expect(fhir.status).toBe('inactive');
  });

  it('shows the red banner for the rest of the session once emergency access is used', async () => {
    await choosePurpose('EMERGENCY');
    const start = page.getByRole('button', { name: 'Noodtoegang starten' });
    await page.getByLabel('Reden voor noodtoegang').fill('too short');
    expect(await start.isDisabled()).toBe(true);
    await page.getByLabel('Reden voor noodtoegang').fill('Client in danger at the desk, police on the way');
    await start.click();
    const banner = page.getByTestId('emergency-banner');
    expect(await banner.textContent()).toBe('Noodtoegang. Deze toegang wordt gelogd en nagekeken.');
    await openClient(page, FIXTURE_CLIENTS.knownToAll);
    // Safety data opens on the emergency basis: the barring orders are shown.
    expect(await page.locator('[data-agency="police"] [data-records="barringOrders"] [data-testid="withheld"]').count()).toBe(0);
    await accessible('client-emergency');
    await choosePurpose('CASE_MANAGEMENT');
    expect(await banner.textContent()).toContain('Ze werd eerder in deze sessie gebruikt.');
  });

  it("puts the emergency access in the auditor's review queue and in the client's subject access report", async () => {
    await signOut();
    await devSignIn(page, origin, 'fjc-auditor-1');
    const entry = page.locator(`[data-client="${FIXTURE_CLIENTS.knownToAll}"]`).first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Client in danger at the desk, police on the way');
    await accessible('review-queue');
    await page.getByLabel('Inzageoverzicht voor cliëntnummer').fill(FIXTURE_CLIENTS.knownToAll);
    await page.getByRole('button', { name: 'Overzicht openen' }).click();
    const emergency = page.locator('[data-testid="disclosures"] tr[data-purpose="EMERGENCY"]');
    await emergency.first().waitFor();
    expect(await emergency.first().textContent()).toContain('Client in danger at the desk, police on the way');
    await accessible('subject-access-report');

    await page.getByRole('link', { name: 'Nazicht noodtoegang' }).click();
    await entry.getByLabel('Notitie van de nakijker').fill('Checked with the police: justified');
    const before = await page.locator('[data-review]').count();
    await entry.getByRole('button', { name: 'Gerechtvaardigd', exact: true }).click();
    await page.waitForFunction((count) => document.querySelectorAll('[data-review]').length === count, before - 1);
  });

  it('switches every label on a page to French and English', async () => {
    const { nl } = await import('../../console/src/i18n/nl');
    const { fr } = await import('../../console/src/i18n/fr');
    const dutchOnly = new Set(Object.entries(nl).filter(([key, text]) => fr[key as keyof typeof fr] !== text).map(([, text]) => text));
    const labels = () => page.locator('h1, h2, label, legend, button, th, a, option, p').allInnerTexts();
    await page.getByRole('link', { name: 'Nazicht noodtoegang' }).click();
    await page.locator('h2').first().waitFor();
    const before = await labels();
    expect(before.some((text) => dutchOnly.has(text.trim()))).toBe(true);
    await page.getByTestId('language').selectOption('fr');
    await page.getByRole('heading', { name: 'Revue des accès d’urgence' }).waitFor();
    const after = await labels();
    expect(after.filter((text) => dutchOnly.has(text.trim()))).toEqual([]);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await accessible('review-queue-fr');
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('heading', { name: 'Review of emergency accesses' }).waitFor();
    await page.getByTestId('language').selectOption('nl');
  });
});

