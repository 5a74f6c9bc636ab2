/**
 * Keeps secrets out of every message and log line the gateway produces: the exact values
 * it has seen (passwords, tokens, keys) are masked, and so is anything shaped like a
 * bearer token, OAuth parameter or PEM key, in case a value it never saw slips through.
 */

const MASK = '•••';
/** Shorter values (e.g. a 1-character test password) would mask ordinary text. */
const MIN_SECRET_LENGTH = 4;

const SHAPES: readonly RegExp[] = [
  /((?:Bearer|OAuth)\s+)[^\s"',;]+/gi,
  /((?:access_token|refresh_token|oauth_token|client_secret|password|assertion|code_verifier|sid|token)=)[^&\s"']+/gi,
  /("(?:access_token|refresh_token|client_secret|password|assertion|accessToken|refreshToken|sessionId)"\s*:\s*")[^"]*/g,
  /(<(?:\w+:)?(?:sessionId|password)>)[^<]*/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{20,}/g,
];

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers values that must never be shown. Empty and very short values are ignored. */
  add(...values: (string | undefined | null)[]): void {
    for (const v of values) {
      if (typeof v !== 'string' || v.length < MIN_SECRET_LENGTH) continue;
      this.secrets.add(v);
      // A password is sent with the security token appended; both halves are already here.
      const encoded = encodeURIComponent(v);
      if (encoded !== v) this.secrets.add(encoded);
    }
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a password+token value is masked whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    for (const shape of SHAPES) {
      out = out.replace(shape, (match, prefix?: unknown) => (typeof prefix === 'string' && prefix !== match && match.startsWith(prefix) ? `${prefix}${MASK}` : MASK));
    }
    return out;
  }
}
