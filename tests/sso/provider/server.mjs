// A local OpenID provider for the tests and `make run-sso`: the certified
// node `oidc-provider`, with a login page of its own that checks the test
// users' passwords (users.json) and puts their claims in the ID token.
//
// Settings from the environment: OIDC_PORT (default 9010), OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET, OIDC_PORTAL (the portal's base URL, default
// http://127.0.0.1:5000). Listens on 127.0.0.1 only.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 9010);
const issuer = `http://127.0.0.1:${port}`;
const portal = (process.env.OIDC_PORTAL || 'http://127.0.0.1:5000').replace(/\/$/, '');
const users = JSON.parse(readFileSync(new URL('./users.json', import.meta.url), 'utf8'));

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID || 'verktygsladan',
    client_secret: process.env.OIDC_CLIENT_SECRET || 'lokal-hemlighet',
    redirect_uris: [`${portal}/login/sso/callback`],
    post_logout_redirect_uris: [`${portal}/login`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'groups', 'unit_code'],
  },
  // The scopes' claims go in the ID token, as Entra and Inera put theirs.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ['local-test-provider-only'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const user = users[id];
    return user && { accountId: id, claims: async () => ({ sub: id, ...user.claims }) };
  },
  // First-party client: no consent screen; the grant covers what was asked.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.params.scope);
    await grant.save();
    return grant;
  },
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, error = '') {
  return `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Regionens inloggning (test)</title></head>
<body><main>
<h1>Regionens inloggning</h1>
<p>Lokal testleverantör för Verktygslådan – inte en riktig inloggning.</p>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<p><label for="login">Användarnamn</label><br><input id="login" name="login" autocomplete="username" required></p>
<p><label for="password">Lösenord</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Logga in hos regionen</button></p>
</form>
<p>Testanvändare: ${Object.keys(users).map(escape).join(', ')}.</p>
</main></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interaction(req, res, uid, submitted) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== 'login') {
    // Consent is given by loadExistingGrant; anything else ends the interaction.
    await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
    return;
  }
  if (!submitted) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginPage(uid));
    return;
  }
  const form = await readForm(req);
  const user = users[form.get('login')];
  if (!user || user.password !== form.get('password')) {
    res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginPage(uid, 'Fel användarnamn eller lösenord.'));
    return;
  }
  await provider.interactionFinished(
    req, res, { login: { accountId: form.get('login') } }, { mergeWithLastSubmission: false },
  );
}

const callback = provider.callback();
http.createServer((req, res) => {
  const match = new URL(req.url, issuer).pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!match) return callback(req, res);
  const submitted = match[2] === '/login' && req.method === 'POST';
  return interaction(req, res, match[1], submitted).catch((error) => {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Inloggningen gick inte: ${error.message}`);
  });
}).listen(port, '127.0.0.1', () => {
  console.log(`OpenID provider at ${issuer} for ${portal}`);
});
