/**
 * The browser half of the OAuth sign-in: the org redirects to
 * `<vscode scheme>://crm-dataflows.crm-dataflows/oauth-callback?code=…&state=…`, VS Code hands
 * that URI to this handler, and the Connect command waiting for that `state` gets the
 * code. The PKCE verifier never reaches the client; the code is exchanged by the server.
 */
import * as vscode from 'vscode';
import { SIGN_IN_CALLBACK_PATH } from '../shared/protocol';

/** A browser sign-in has this long to come back. */
const WAIT_MS = 5 * 60 * 1000;

interface Waiter {
  resolve(code: string): void;
  reject(e: Error): void;
}

export class SignInCallbacks implements vscode.UriHandler {
  private readonly waiting = new Map<string, Waiter>();

  /** The redirect URI to register in the connected app (an https URL in remote setups). */
  async redirectUri(extensionId: string): Promise<string> {
    const local = vscode.Uri.parse(`${vscode.env.uriScheme}://${extensionId}${SIGN_IN_CALLBACK_PATH}`);
    return (await vscode.env.asExternalUri(local)).toString(true);
  }

  handleUri(uri: vscode.Uri): void {
    if (uri.path !== SIGN_IN_CALLBACK_PATH) return;
    const q = new URLSearchParams(uri.query);
    const state = q.get('state') ?? '';
    const w = this.waiting.get(state);
    if (!w) {
      void vscode.window.showWarningMessage('A Salesforce sign-in came back that this window did not start (or it took too long); run "Connect to Salesforce…" again.');
      return;
    }
    this.waiting.delete(state);
    const code = q.get('code');
    if (code) w.resolve(code);
    else w.reject(new Error(`${q.get('error') ?? 'no code'}: ${q.get('error_description') ?? 'the org did not approve the sign-in'}`));
  }

  /** Resolves with the code of the redirect carrying `state`; rejects on error, cancellation or after 5 minutes. */
  wait(state: string, token: vscode.CancellationToken): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        sub.dispose();
        this.waiting.delete(state);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error('no answer from the browser within 5 minutes'));
      }, WAIT_MS);
      const sub = token.onCancellationRequested(() => {
        done();
        reject(new Error('cancelled'));
      });
      this.waiting.set(state, {
        resolve: (code) => {
          done();
          resolve(code);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
    });
  }
}
