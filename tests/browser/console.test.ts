import { PARTNER_AGENCIES } from '../../lib/agencies';
import { DEV_IDENTITIES } from '../../lib/auth/devIdentities';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { devSignIn, openClient } from './helpers/browser';
import { consoleSuite } from './helpers/suite';

jest.setTimeout(120_000);

/** A reason beyond ASCII: the console sends it in RFC 8187 form, and the auditor reads it back intact. */
const REASON = 'Cliënt in gevaar aan de balie, politie onderweg (Ayşe)';

/**
 * The console end to end in Chromium, against a gateway and every agency's subgraph on ephemeral ports:
 * what the front desk, a case manager and an auditor do every day, through the same API and
 * policy as any other client.
 */
describe('the front-desk console in Chromium', () => {
  const suite = consoleSuite();
  const accessible = (name: string) => suite.accessible(name);

  it('offers the development identities on the sign-in page, in Dutch', async () => {
    await suite.page.goto(`${suite.origin}/`);
    await suite.page.getByRole('heading', { name: 'Aanmelden bij OneRoof' }).waitFor();
    // One button per development identity: the FJC's roles and one member of staff per partner agency.
    expect(await suite.page.locator('button[data-sub]').count()).toBe(DEV_IDENTITIES.length);
    await accessible('sign-in');
  });

  it('lets the front desk register a client, field errors next to the fields', async () => {
    await devSignIn(suite.page, suite.origin, 'fjc-staff-1');
    await suite.page.getByRole('link', { name: 'Cliënt registreren' }).click();
    await suite.page.getByRole('button', { name: 'Registreren' }).click();
    const firstName = suite.page.getByLabel('Voornaam');
    await expect(firstName.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await suite.page.locator('.field-error').first().textContent()).toBe('Verplicht.');
    await accessible('register-errors');
    await firstName.fill('Ayşe');
    await suite.page.getByLabel('Achternaam').fill('Çelik');
    await suite.page.getByLabel('Geboortedatum').fill('1988-03-14');
    await suite.page.getByLabel('Gender').selectOption('FEMALE');
    await suite.page.getByRole('button', { name: 'Registreren' }).click();
    await suite.page.getByTestId('client-view').waitFor();
    expect(await suite.page.locator('h1').textContent()).toBe('Ayşe Çelik');
  });

  it('warns of a likely duplicate written with look-alike letters before creating one', async () => {
    await suite.page.getByRole('link', { name: 'Cliënt registreren' }).click();
    await suite.page.getByLabel('Voornaam').fill('Аyşe'); // Cyrillic А
    await suite.page.getByLabel('Achternaam').fill('Çelik');
    await suite.page.getByLabel('Geboortedatum').fill('1988-03-14');
    await suite.page.getByLabel('Gender').selectOption('FEMALE');
    await suite.page.getByRole('button', { name: 'Registreren' }).click();
    await suite.page.getByTestId('duplicate-warning').waitFor();
    expect(await suite.page.getByTestId('duplicate-warning').textContent()).toContain('Waarschijnlijk al geregistreerd');
    await accessible('register-duplicate');
  });

  it('finds a client with an accent-free spelling, saying how many matched', async () => {
    await suite.page.getByRole('link', { name: 'Cliënt zoeken' }).click();
    await suite.page.getByLabel('Naam', { exact: true }).fill('celik ayse');
    await suite.page.getByRole('button', { name: 'Zoeken' }).click();
    await suite.page.getByTestId('result-count').waitFor();
    expect(await suite.page.getByTestId('result-count').textContent()).toBe('1 cliënt gevonden');
    expect(await suite.page.locator('.results a').allTextContents()).toEqual(['Ayşe Çelik']);
    await accessible('find');
  });

  it("shows a client known to every partner agency, each withheld field with its reason and next step", async () => {
    await openClient(suite.page, FIXTURE_CLIENTS.knownToAll);
    expect(await suite.page.locator('.agency-card').count()).toBe(PARTNER_AGENCIES.length);
    const police = suite.page.locator('[data-agency="police"]');
    expect(await police.locator('h2').textContent()).toBe('Politiezone');
    // Front desk, purpose INTAKE: the police's records are above the role's ceiling, whatever the purpose.
    expect(await police.locator('[data-records~="interventions"]').getByTestId('withheld').textContent()).toBe(
      'Afgeschermd Boven wat uw rol voor dit doel mag zien (justitiële gegevens). Geen ander doel bereikt dit voor uw rol.',
    );
    // Record types withheld for the same reason are explained once, under their titles together.
    expect(await police.locator('[data-records~="interventions"] h3').textContent()).toBe('Interventies · Controles');
    expect(await police.getByTestId('withheld').count()).toBe(2);
    // Contact details are above the front desk's ceiling, whatever the basis.
    expect(await suite.page.locator('dd', { has: suite.page.getByTestId('withheld') }).first().textContent()).toContain('Boven wat uw rol voor dit doel mag zien (contactgegevens).');
    await accessible('client-front-desk');
  });

  const signOut = async () => {
    await suite.page.getByRole('button', { name: /Afmelden|Se déconnecter|Sign out/ }).click();
    await suite.page.locator('button[data-sub]').first().waitFor();
  };
  const choosePurpose = (value: string) => suite.page.getByTestId('purpose').selectOption(value);
  const interventions = () => suite.page.locator('[data-agency="police"] [data-records~="interventions"]');

  it("lets a case manager record a consent from the withheld field's next step; revoking it withholds the field again", async () => {
    await signOut();
    await devSignIn(suite.page, suite.origin, 'fjc-staff-2');
    await choosePurpose('CASE_MANAGEMENT');
    await openClient(suite.page, FIXTURE_CLIENTS.knownToAll);
    expect(await interventions().getByTestId('withheld').textContent()).toContain('Politiezone deelt justitiële gegevens alleen op een rechtsgrond');
    await accessible('client-case-manager');
    await interventions().getByRole('link', { name: 'Toestemming registreren' }).click();
    await suite.page.getByTestId('consents').or(suite.page.getByText('Geen toestemming geregistreerd.')).waitFor();
    expect(await suite.page.getByRole('checkbox', { name: 'justitiële gegevens' }).isChecked()).toBe(true);
    await suite.page.getByLabel('Gedeeld met').selectOption('fjc');
    await suite.page.getByLabel('Bewijs (formuliernummer)').fill('FORM-2026-0042');
    await suite.page.getByRole('button', { name: 'Toestemming registreren' }).click();
    await suite.page.getByRole('status').waitFor();
    const consentRow = suite.page.locator('[data-testid="consents"] tr[data-status="ACTIVE"]');
    await consentRow.waitFor(); // the list reloads after the status message
    expect(await consentRow.count()).toBe(1);
    await accessible('consents');

    await openClient(suite.page, FIXTURE_CLIENTS.knownToAll);
    expect(await interventions().locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await interventions().getByTestId('withheld').count()).toBe(0);

    await suite.page.getByRole('link', { name: 'Toestemmingen' }).click();
    await consentRow.getByRole('button', { name: 'Intrekken' }).click();
    await suite.page.getByLabel('Reden van intrekking').fill('Client withdrew consent at the desk');
    await suite.page.getByRole('button', { name: 'Nu intrekken' }).click();
    await suite.page.locator('[data-testid="consents"] tr[data-status="REVOKED"]').waitFor();
    expect(await suite.page.locator('[data-testid="consents"] tr[data-status="REVOKED"]').textContent()).toContain('Client withdrew consent at the desk');

    await openClient(suite.page, FIXTURE_CLIENTS.knownToAll);
    expect(await interventions().getByTestId('withheld').textContent()).toContain('Politiezone deelt justitiële gegevens alleen op een rechtsgrond');
  });

  it('downloads a consent as a FHIR R4 Consent resource', async () => {
    await suite.page.getByRole('link', { name: 'Toestemmingen' }).click();
    const [download] = await Promise.all([suite.page.waitForEvent('download'), suite.page.getByRole('button', { name: 'Downloaden (FHIR)' }).first().click()]);
    const fhir = JSON.parse(await (await import('node:fs')).promises.readFile((await download.path())!, 'utf8')) as { resourceType: string; status: string };
    expect(fhir.resourceType).toBe('Consent');
    expect(fhir.status).toBe('inactive');
  });

  it('renews a consent: the form starts from it, and the new consent names the one it renews', async () => {
    await openClient(suite.page, FIXTURE_CLIENTS.knownToAll);
    await suite.page.getByRole('link', { name: 'Toestemmingen' }).click();
    await suite.page.getByTestId('consents').waitFor();
    await suite.page.getByLabel('Gedeeld met').selectOption('fjc');
    await suite.page.getByRole('checkbox', { name: 'veiligheidsgegevens' }).check();
    await suite.page.getByLabel('Bewijs (formuliernummer)').fill('FORM-2026-0100');
    await suite.page.getByRole('button', { name: 'Toestemming registreren' }).click();
    const saved = suite.page.getByRole('status');
    await saved.waitFor();
    const earlier = /Toestemming (\S+) geregistreerd/.exec((await saved.textContent()) ?? '')![1]!;
    const earlierRow = suite.page.locator(`[data-testid="consents"] tr[data-consent="${earlier}"]`);
    await earlierRow.waitFor();

    await earlierRow.getByRole('button', { name: 'Vernieuwen' }).click();
    await suite.page.getByRole('heading', { name: `Toestemming ${earlier} vernieuwen` }).waitFor();
    expect(await suite.page.getByLabel('Gedeeld met').inputValue()).toBe('fjc');
    expect(await suite.page.getByRole('checkbox', { name: 'veiligheidsgegevens' }).isChecked()).toBe(true);
    expect(await suite.page.getByLabel('Bewijs (formuliernummer)').inputValue()).toBe('');
    await accessible('consent-renewal');
    await suite.page.getByLabel('Bewijs (formuliernummer)').fill('FORM-2026-0101');
    await suite.page.getByRole('button', { name: 'Vernieuwing registreren' }).click();
    const renewal = suite.page.locator('[data-testid="consents"] tr', { hasText: `vernieuwt ${earlier}` });
    await renewal.waitFor();
    expect(await renewal.textContent()).toContain('FORM-2026-0101');
    expect(await renewal.getAttribute('data-status')).toBe('ACTIVE');
    // the form is a new consent's again
    await suite.page.getByRole('heading', { name: 'Toestemming registreren' }).waitFor();
  });

  it('shows the red banner for the rest of the session once emergency access is used', async () => {
    await choosePurpose('EMERGENCY');
    const start = suite.page.getByRole('button', { name: 'Noodtoegang starten' });
    await suite.page.getByLabel('Reden voor noodtoegang').fill('too short');
    expect(await start.isDisabled()).toBe(true);
    await suite.page.getByLabel('Reden voor noodtoegang').fill(REASON);
    await start.click();
    const banner = suite.page.getByTestId('emergency-banner');
    expect(await banner.textContent()).toBe('Noodtoegang. Deze toegang wordt gelogd en nagekeken.');
    await openClient(suite.page, FIXTURE_CLIENTS.knownToAll);
    // Safety data opens on the emergency basis: the barring orders are shown.
    expect(await suite.page.locator('[data-agency="police"] [data-records~="barringOrders"] [data-testid="withheld"]').count()).toBe(0);
    await accessible('client-emergency');
    await choosePurpose('CASE_MANAGEMENT');
    expect(await banner.textContent()).toContain('Ze werd eerder in deze sessie gebruikt.');
  });

  it("puts the emergency access in the auditor's review queue and in the client's subject access report", async () => {
    await signOut();
    await devSignIn(suite.page, suite.origin, 'fjc-auditor-1');
    // A new sign-in starts without the previous viewer's banner.
    expect(await suite.page.getByTestId('emergency-banner').count()).toBe(0);
    const entry = suite.page.locator(`[data-client="${FIXTURE_CLIENTS.knownToAll}"]`).first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain(REASON);
    await accessible('review-queue');
    await suite.page.getByLabel('Inzageoverzicht voor cliëntnummer').fill(FIXTURE_CLIENTS.knownToAll);
    await suite.page.getByRole('button', { name: 'Overzicht openen' }).click();
    const emergency = suite.page.locator('[data-testid="disclosures"] tr[data-purpose="EMERGENCY"]');
    await emergency.first().waitFor();
    expect(await emergency.first().textContent()).toContain(REASON);
    await accessible('subject-access-report');

    await suite.page.getByRole('link', { name: 'Nazicht noodtoegang' }).click();
    await entry.getByLabel('Notitie van de nakijker').fill('Checked with the police: justified');
    const before = await suite.page.locator('[data-review]').count();
    await entry.getByRole('button', { name: 'Gerechtvaardigd', exact: true }).click();
    await suite.page.waitForFunction((count) => document.querySelectorAll('[data-review]').length === count, before - 1);
  });

  it("says on an agency's card that the agency did not answer, and shows the others", async () => {
    await signOut();
    await devSignIn(suite.page, suite.origin, 'fjc-staff-2');
    await choosePurpose('CASE_MANAGEMENT');
    await suite.stack.subgraphs.housing.kill();
    try {
      await openClient(suite.page, FIXTURE_CLIENTS.knownToAll);
      expect(await suite.page.locator('[data-agency="housing"] [data-testid="withheld"]').textContent()).toBe(
        'Afgeschermd Huisvesting antwoordde niet: haar gegevens ontbreken. Probeer later opnieuw.',
      );
      expect(await suite.page.locator('[data-agency="police"] dl').count()).toBe(1);
    } finally {
      await suite.stack.subgraphs.housing.restart();
    }
  });

  it('switches every label on a page to French and English', async () => {
    const { nl } = await import('../../console/src/i18n/nl');
    const { fr } = await import('../../console/src/i18n/fr');
    const dutchOnly = new Set(Object.entries(nl).filter(([key, text]) => fr[key as keyof typeof fr] !== text).map(([, text]) => text));
    const labels = () => suite.page.locator('h1, h2, label, legend, button, th, a, option, p').allInnerTexts();
    await signOut();
    await devSignIn(suite.page, suite.origin, 'fjc-auditor-1');
    await suite.page.locator('h2').first().waitFor();
    const before = await labels();
    expect(before.some((text) => dutchOnly.has(text.trim()))).toBe(true);
    await suite.page.getByTestId('language').selectOption('fr');
    await suite.page.getByRole('heading', { name: 'Revue des accès d’urgence' }).waitFor();
    const after = await labels();
    expect(after.filter((text) => dutchOnly.has(text.trim()))).toEqual([]);
    expect(await suite.page.locator('html').getAttribute('lang')).toBe('fr');
    await accessible('review-queue-fr');
    await suite.page.getByTestId('language').selectOption('en');
    await suite.page.getByRole('heading', { name: 'Review of emergency accesses' }).waitFor();
    await suite.page.getByTestId('language').selectOption('nl');
  });
});

