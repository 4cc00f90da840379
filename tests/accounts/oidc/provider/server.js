// A real OpenID Connect provider (the certified `oidc-provider` package) on a free loopback port, for
// the sign-in tests: `node server.js` prints {"issuer": …} on its first line once it listens.
//
// Accounts: "kim" (an employee id the tests give a Seoul person), "stranger" (an employee id no one
// has), "park" (verified e-mail only). Clients: "council-desk" (the app under test) and "other-app"
// (another system of the city, whose ID tokens Council Desk must refuse).
// Test hooks under /test/: disable an account, make the next token response's ID token tampered or
// issued for another client, and reset.
import { createServer } from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider, { interactionPolicy } from 'oidc-provider';

const CALLBACK = process.env.CALLBACK_URL || 'http://testserver/accounts/oidc/callback/';

const ACCOUNTS = {
  kim: { email: 'kim.minji@seoul.example', email_verified: true, employee_id: 'SEOUL-0042', name: 'Kim Minji' },
  stranger: { email: 'stranger@seoul.example', email_verified: true, employee_id: 'SEOUL-9999', name: 'Stranger' },
  park: { email: 'park.jiwoo@seoul.example', email_verified: true, name: 'Park Jiwoo' },
};
let disabled = new Set();
let nextToken = null; // "tamper" | "audience" | null: what the next token response does to its ID token

function findAccount(ctx, sub) {
  if (!ACCOUNTS[sub] || disabled.has(sub)) return undefined; // a disabled account is no one's
  return { accountId: sub, claims: () => ({ sub, ...ACCOUNTS[sub] }) };
}

// A disabled account's session no longer signs it in: it must sign in again (which it cannot), and
// prompt=none answers login_required, as a provider does once an administrator disables someone.
const policy = interactionPolicy.base();
policy.get('login').checks.add(new interactionPolicy.Check(
  'account_disabled',
  'the account is disabled',
  'login_required',
  (ctx) => (disabled.has(ctx.oidc.session.accountId) ? interactionPolicy.Check.REQUEST_PROMPT
    : interactionPolicy.Check.NO_NEED_TO_PROMPT),
), 0);

const key = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(key.privateKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };

const server = createServer();
server.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    { client_id: 'council-desk', client_secret: 'council-desk-secret', redirect_uris: [CALLBACK] },
    { client_id: 'other-app', client_secret: 'other-app-secret', redirect_uris: ['http://other.example/cb'] },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: ['test-cookie-key'] },
  findAccount,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'employee_id'] },
  features: { devInteractions: { enabled: false } },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
});

provider.on('server_error', (ctx, error) => console.error('server_error', error));

// The test hooks act on the token endpoint's real response.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !nextToken || !ctx.body?.id_token) return;
  const mode = nextToken;
  nextToken = null;
  if (mode === 'tamper') {
    const [header, payload, signature] = ctx.body.id_token.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[0] ^= 0x01; // one bit of the signature
    ctx.body = { ...ctx.body, id_token: `${header}.${payload}.${bytes.toString('base64url')}` };
  } else if (mode === 'audience') {
    const claims = JSON.parse(Buffer.from(ctx.body.id_token.split('.')[1], 'base64url'));
    const other = await provider.Client.find('other-app');
    const token = new provider.IdToken({ sub: claims.sub }, { ctx, client: other });
    token.scope = 'openid';
    token.set('nonce', claims.nonce);
    ctx.body = { ...ctx.body, id_token: await token.issue({ use: 'idtoken' }) };
  }
});

// Sign-in and consent in one step: POST /interaction/<uid>/login with login=<account>; or the person
// cancels: POST /interaction/<uid>/abort.
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (action === 'abort') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'cancelled' });
    return;
  }
  const body = new URLSearchParams(await readBody(req));
  const accountId = body.get('login');
  if (details.uid !== uid || !findAccount(null, accountId)) {
    res.writeHead(403, { 'content-type': 'text/plain' }).end('no such account');
    return;
  }
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, {
    mergeWithLastSubmission: false,
  });
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(data));
  });
}

function testHook(req, res, path) {
  const [, , action, arg] = path.split('/'); // /test/<action>/<arg>
  if (action === 'disable' && ACCOUNTS[arg]) disabled.add(arg);
  else if (action === 'next-token') nextToken = arg;
  else if (action === 'reset') { disabled = new Set(); nextToken = null; }
  else { res.writeHead(404).end(); return; }
  res.writeHead(204).end();
}

const callback = provider.callback();
server.on('request', async (req, res) => {
  const path = new URL(req.url, issuer).pathname;
  try {
    const step = path.match(/^\/interaction\/([^/]+)\/(login|abort)$/);
    if (step && req.method === 'POST') await interaction(req, res, step[1], step[2]);
    else if (path.startsWith('/interaction/')) res.writeHead(200, { 'content-type': 'text/plain' }).end('sign in');
    else if (path.startsWith('/test/') && req.method === 'POST') testHook(req, res, path);
    else callback(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
