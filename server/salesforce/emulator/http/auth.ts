/**
 * The login host: SOAP `login`, the OAuth 2.0 token endpoint (password, refresh_token,
 * authorization_code with PKCE, JWT bearer, client_credentials), authorize, revoke, identity
 * and userinfo; plus bearer-token checks for the data API.
 */
import { createHash, createHmac, randomBytes, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EmulatorCredentials } from '../options';
import { checkJwtAssertion } from './jwtAssertion';
import { Reply } from './reply';

export interface Session {
  accessToken: string;
  valid: boolean;
  kind: 'soap' | 'oauth';
}

export interface AuthIdentity {
  orgId: string;
  userId: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  profileId: string;
}

interface AuthCode {
  clientId: string;
  redirectUri: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  expiresMs: number;
}

const SCOPE = 'api web refresh_token id openid';
const CODE_LIFETIME_MS = 15 * 60_000;

function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xmlUnescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function soapElement(body: string, name: string): string | null {
  const m = new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(body);
  return m ? xmlUnescape(m[1]) : null;
}

export class AuthService {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Set<string>();
  private readonly codes = new Map<string, AuthCode>();

  constructor(
    private readonly credentials: EmulatorCredentials,
    private readonly identity: AuthIdentity,
    private readonly baseUrl: () => string,
    private readonly defaultVersion: string,
    /** the connected app's key that JWT bearer assertions must verify against; null = unknown */
    private readonly jwtPublicKey: KeyObject | null = null,
  ) {
    this.refreshTokens.add(credentials.refreshToken);
  }

  private issue(kind: Session['kind']): Session {
    const session: Session = { accessToken: `${this.identity.orgId.slice(0, 15)}!${token(72)}`, valid: true, kind };
    this.sessions.set(session.accessToken, session);
    return session;
  }

  /** The session named by `Authorization: Bearer|OAuth <token>` (or `oauth_token=`), if valid. */
  authenticate(req: IncomingMessage, url: URL): Session | null {
    const header = req.headers.authorization ?? '';
    const m = /^(?:Bearer|OAuth)\s+(\S+)/i.exec(header);
    const accessToken = m?.[1] ?? url.searchParams.get('oauth_token') ?? '';
    const session = this.sessions.get(accessToken);
    return session && session.valid ? session : null;
  }

  expireAll(): void {
    for (const session of this.sessions.values()) session.valid = false;
  }

  identityUrl(): string {
    return `${this.baseUrl()}/id/${this.identity.orgId}/${this.identity.userId}`;
  }

  private passwordMatches(password: string): boolean {
    const { password: expected, securityToken } = this.credentials;
    // 127.0.0.1 counts as a trusted IP range, so the token may be left off, as on a real org.
    return password === expected + securityToken || password === expected;
  }

  private usernameMatches(username: string): boolean {
    return username.toLowerCase() === this.credentials.username.toLowerCase();
  }

  soapLogin(body: string, version: string, reply: Reply): void {
    const base = this.baseUrl();
    if (/<(?:\w+:)?logout\b/.test(body)) {
      const sessionId = soapElement(body, 'sessionId');
      if (sessionId) this.sessions.delete(sessionId);
      reply.send(200, `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com"><soapenv:Body><logoutResponse/></soapenv:Body></soapenv:Envelope>`, 'text/xml;charset=UTF-8');
      return;
    }
    const username = soapElement(body, 'username') ?? '';
    const password = soapElement(body, 'password') ?? '';
    if (!this.usernameMatches(username) || !this.passwordMatches(password)) {
      reply.send(500, `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring><detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode><sf:exceptionMessage>Invalid username, password, security token; or user locked out.</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`, 'text/xml;charset=UTF-8');
      return;
    }
    const session = this.issue('soap');
    const { orgId, userId } = this.identity;
    const u = this.identity;
    const xml = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><loginResponse><result>`
      + `<metadataServerUrl>${base}/services/Soap/m/${version}/${orgId.slice(0, 15)}</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>false</sandbox>`
      + `<serverUrl>${base}/services/Soap/u/${version}/${orgId.slice(0, 15)}</serverUrl><sessionId>${session.accessToken}</sessionId><userId>${userId}</userId>`
      + `<userInfo><accessibilityMode>false</accessibilityMode><chatterExternal>false</chatterExternal><currencySymbol>$</currencySymbol><orgAttachmentFileSizeLimit>5242880</orgAttachmentFileSizeLimit><orgDefaultCurrencyIsoCode>USD</orgDefaultCurrencyIsoCode><orgDefaultCurrencyLocale>en_US</orgDefaultCurrencyLocale><orgDisallowHtmlAttachments>false</orgDisallowHtmlAttachments><orgHasPersonAccounts>false</orgHasPersonAccounts>`
      + `<organizationId>${orgId}</organizationId><organizationMultiCurrency>false</organizationMultiCurrency><organizationName>Acme Emulated Org</organizationName><profileId>${u.profileId}</profileId><roleId xsi:nil="true"/><sessionSecondsValid>7200</sessionSecondsValid><userDefaultCurrencyIsoCode xsi:nil="true"/>`
      + `<userEmail>${xmlEscape(u.email)}</userEmail><userFullName>${xmlEscape(`${u.firstName} ${u.lastName}`)}</userFullName><userId>${userId}</userId><userLanguage>en_US</userLanguage><userLocale>en_US</userLocale><userName>${xmlEscape(u.username)}</userName><userTimeZone>America/Los_Angeles</userTimeZone><userType>Standard</userType><userUiSkin>Theme3</userUiSkin></userInfo>`
      + `</result></loginResponse></soapenv:Body></soapenv:Envelope>`;
    reply.send(200, xml, 'text/xml;charset=UTF-8');
  }

  private tokenResponse(session: Session, refreshToken?: string): Record<string, unknown> {
    const issuedAt = String(Date.now());
    const id = this.identityUrl();
    const signature = createHmac('sha256', this.credentials.clientSecret).update(id + issuedAt).digest('base64');
    const response: Record<string, unknown> = {
      access_token: session.accessToken,
      signature,
      scope: SCOPE,
      instance_url: this.baseUrl(),
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
    if (refreshToken) response.refresh_token = refreshToken;
    return response;
  }

  private clientMatches(params: URLSearchParams, requireSecret: boolean): boolean {
    if (params.get('client_id') !== this.credentials.clientId) return false;
    const secret = params.get('client_secret');
    if (secret === null) return !requireSecret;
    return secret === this.credentials.clientSecret;
  }

  token(body: string, reply: Reply): void {
    const params = new URLSearchParams(body);
    const grant = params.get('grant_type');
    switch (grant) {
      case 'password': {
        if (!this.clientMatches(params, true)) return reply.oauthError(400, 'invalid_client_id', 'client identifier invalid');
        if (!this.usernameMatches(params.get('username') ?? '') || !this.passwordMatches(params.get('password') ?? '')) {
          return reply.oauthError(400, 'invalid_grant', 'authentication failure');
        }
        return reply.json(200, this.tokenResponse(this.issue('oauth')));
      }
      case 'refresh_token': {
        if (!this.clientMatches(params, false)) return reply.oauthError(400, 'invalid_client_id', 'client identifier invalid');
        if (!this.refreshTokens.has(params.get('refresh_token') ?? '')) return reply.oauthError(400, 'invalid_grant', 'expired access/refresh token');
        return reply.json(200, this.tokenResponse(this.issue('oauth')));
      }
      case 'authorization_code': {
        const code = this.codes.get(params.get('code') ?? '');
        this.codes.delete(params.get('code') ?? '');
        if (!this.clientMatches(params, false) || !code || code.clientId !== params.get('client_id')) {
          return code ? reply.oauthError(400, 'invalid_client', 'invalid client credentials') : reply.oauthError(400, 'invalid_grant', 'invalid authorization code');
        }
        if (code.expiresMs < Date.now()) return reply.oauthError(400, 'invalid_grant', 'expired authorization code');
        if (code.redirectUri && params.get('redirect_uri') !== code.redirectUri) return reply.oauthError(400, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
        if (code.codeChallenge) {
          const verifier = params.get('code_verifier') ?? '';
          const computed = code.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
          if (!verifier || computed !== code.codeChallenge) return reply.oauthError(400, 'invalid_grant', 'invalid code verifier');
        } else if (params.get('client_secret') === null) {
          return reply.oauthError(400, 'invalid_client', 'invalid client credentials');
        }
        const refreshToken = `5Aep${token(60)}`;
        this.refreshTokens.add(refreshToken);
        return reply.json(200, this.tokenResponse(this.issue('oauth'), refreshToken));
      }
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer': {
        const rejection = checkJwtAssertion(params.get('assertion') ?? '', {
          clientId: this.credentials.clientId,
          isUser: (username) => this.usernameMatches(username),
          audiences: ['https://login.salesforce.com', 'https://test.salesforce.com', this.baseUrl()],
          publicKey: this.jwtPublicKey,
          nowMs: Date.now(),
        });
        if (rejection) return reply.oauthError(400, rejection.error, rejection.description);
        return reply.json(200, this.tokenResponse(this.issue('oauth')));
      }
      case 'client_credentials': {
        if (!this.clientMatches(params, true)) return reply.oauthError(400, 'invalid_client', 'invalid client credentials');
        return reply.json(200, this.tokenResponse(this.issue('oauth')));
      }
      default:
        return reply.oauthError(400, 'unsupported_grant_type', 'grant type not supported');
    }
  }

  /** `GET /services/oauth2/authorize`: approves at once and redirects back with a code. */
  authorize(url: URL, reply: Reply): void {
    const p = url.searchParams;
    if (p.get('client_id') !== this.credentials.clientId) return reply.oauthError(400, 'invalid_client_id', 'client identifier invalid');
    if (p.get('response_type') !== 'code') return reply.oauthError(400, 'unsupported_response_type', 'response type not supported');
    const redirectUri = p.get('redirect_uri');
    if (!redirectUri) return reply.oauthError(400, 'redirect_uri_missing', 'redirect_uri must be provided');
    const code = `aPrx${token(48)}`;
    this.codes.set(code, {
      clientId: p.get('client_id') as string, redirectUri, codeChallenge: p.get('code_challenge'),
      codeChallengeMethod: p.get('code_challenge_method') ?? (p.get('code_challenge') ? 'S256' : null), expiresMs: Date.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = p.get('state');
    if (state !== null) target.searchParams.set('state', state);
    reply.header('Location', target.toString()).send(302, '');
  }

  revoke(body: string, url: URL, reply: Reply): void {
    const value = new URLSearchParams(body).get('token') ?? url.searchParams.get('token') ?? '';
    if (this.sessions.has(value)) this.sessions.delete(value);
    else if (this.refreshTokens.has(value) && value !== this.credentials.refreshToken) this.refreshTokens.delete(value);
    else return reply.oauthError(400, 'unsupported_token_type', 'this token type is not supported');
    reply.send(200, '');
  }

  identityDocument(version: string): Record<string, unknown> {
    const base = this.baseUrl();
    const { orgId, userId, username, firstName, lastName, email } = this.identity;
    const v = version;
    return {
      id: this.identityUrl(),
      asserted_user: true,
      user_id: userId,
      organization_id: orgId,
      username,
      nick_name: username.split('@')[0],
      display_name: `${firstName} ${lastName}`,
      email,
      email_verified: true,
      first_name: firstName,
      last_name: lastName,
      timezone: 'America/Los_Angeles',
      photos: { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` },
      addr_street: null, addr_city: null, addr_state: null, addr_country: 'US', addr_zip: null,
      mobile_phone: null, mobile_phone_verified: false, is_lightning_login_user: false,
      status: { created_date: null, body: null },
      urls: {
        enterprise: `${base}/services/Soap/c/${v}/${orgId.slice(0, 15)}`,
        metadata: `${base}/services/Soap/m/${v}/${orgId.slice(0, 15)}`,
        partner: `${base}/services/Soap/u/${v}/${orgId.slice(0, 15)}`,
        rest: `${base}/services/data/v${v}/`,
        sobjects: `${base}/services/data/v${v}/sobjects/`,
        search: `${base}/services/data/v${v}/search/`,
        query: `${base}/services/data/v${v}/query/`,
        recent: `${base}/services/data/v${v}/recent/`,
        tooling_soap: `${base}/services/Soap/T/${v}/${orgId.slice(0, 15)}`,
        tooling_rest: `${base}/services/data/v${v}/tooling/`,
        profile: `${base}/${userId}`,
        feeds: `${base}/services/data/v${v}/chatter/feeds`,
        groups: `${base}/services/data/v${v}/chatter/groups`,
        users: `${base}/services/data/v${v}/chatter/users`,
        feed_items: `${base}/services/data/v${v}/chatter/feed-items`,
        feed_elements: `${base}/services/data/v${v}/chatter/feed-elements`,
        custom_domain: base,
      },
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: -28_800_000,
      last_modified_date: '2024-01-01T00:00:00.000+0000',
      is_app_installed: true,
    };
  }

  /** `GET /id/{org}/{user}`: needs a valid token; other ids are 403 / 404 as on a real login host. */
  identityRequest(req: IncomingMessage, url: URL, orgId: string, userId: string, reply: Reply): void {
    if (!this.authenticate(req, url)) return reply.send(403, 'Bad_OAuth_Token', 'text/plain;charset=UTF-8');
    if (orgId.slice(0, 15) !== this.identity.orgId.slice(0, 15) || userId.slice(0, 15) !== this.identity.userId.slice(0, 15)) {
      return reply.send(404, 'Bad_Id', 'text/plain;charset=UTF-8');
    }
    reply.json(200, this.identityDocument(this.defaultVersion));
  }

  userInfo(req: IncomingMessage, url: URL, reply: Reply): void {
    if (!this.authenticate(req, url)) return reply.send(403, 'Bad_OAuth_Token', 'text/plain;charset=UTF-8');
    const doc = this.identityDocument(this.defaultVersion);
    reply.json(200, {
      sub: doc.id, user_id: doc.user_id, organization_id: doc.organization_id, preferred_username: doc.username,
      nickname: doc.nick_name, name: doc.display_name, email: doc.email, email_verified: true,
      given_name: doc.first_name, family_name: doc.last_name, zoneinfo: doc.timezone, photos: doc.photos,
      profile: `${this.baseUrl()}/${doc.user_id}`, picture: (doc.photos as Record<string, string>).picture,
      address: { country: 'US' }, urls: doc.urls, active: true, user_type: 'STANDARD', language: 'en_US', locale: 'en_US',
      utcOffset: doc.utcOffset, updated_at: doc.last_modified_date,
    });
  }
}
