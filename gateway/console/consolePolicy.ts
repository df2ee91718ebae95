/**
 * The Content-Security-Policy of the console's pages: scripts, styles, fonts and images from the
 * gateway's own origin only, no inline script or style attribute, no eval; `fetch` to the gateway
 * and, with OpenID Connect, to the identity provider (discovery document and token endpoint).
 * The same policy in every environment, so what the browser tests pass is what production serves.
 * @param identityProviderOrigin - e.g. `https://login.example.org`, when the console signs in with OIDC.
 * @param options.dataFonts - GraphiQL's stylesheet (development only) embeds its fonts as data: URLs.
 */
export function consoleContentSecurityPolicy(identityProviderOrigin?: string, options: { dataFonts?: boolean } = {}): string {
  const idp = identityProviderOrigin ? ` ${identityProviderOrigin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `font-src 'self'${options.dataFonts ? ' data:' : ''}`,
    `connect-src 'self'${idp}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
