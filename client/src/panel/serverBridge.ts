// The panel's line to the language server: custom requests, and the server's "the index changed"
// notifications while a panel is open. The language client is replaced when the server restarts,
// so the bridge re-wires itself to whichever client is current.

import type { Disposable, LogOutputChannel } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { ReachabilityChangedMethod, ReachabilitySubscribeMethod, type ReachabilitySubscribeParams } from '../../../server/src/reachability/protocol';

/** How often the bridge looks for a restarted client while a panel is open. */
const REWIRE_MS = 1000;

export class ServerNotRunning extends Error {
  constructor() {
    super('The Kubernetes Network Lens language server is not running.');
  }
}

export class ServerBridge implements Disposable {
  private wired: LanguageClient | undefined;
  private subscriptions: Disposable[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly getClient: () => LanguageClient | undefined,
    private readonly changed: () => void,
    private readonly log: LogOutputChannel,
  ) {
    this.wire();
    this.timer = setInterval(() => this.wire(), REWIRE_MS);
  }

  get running(): boolean {
    return this.wired?.state === State.Running;
  }

  async request<R>(method: string, params: object): Promise<R> {
    this.wire();
    const client = this.wired;
    if (!client || client.state !== State.Running) throw new ServerNotRunning();
    return client.sendRequest<R>(method, params);
  }

  private wire(): void {
    const client = this.getClient();
    if (client === this.wired) return;
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions = [];
    this.wired = client;
    if (!client) return;
    this.subscriptions.push(
      client.onNotification(ReachabilityChangedMethod, () => this.changed()),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) {
          this.subscribe(client, true);
          this.changed();
        }
      }),
    );
    if (client.state === State.Running) {
      this.subscribe(client, true);
      this.changed();
    }
  }

  private subscribe(client: LanguageClient, subscribed: boolean): void {
    const params: ReachabilitySubscribeParams = { subscribed };
    client.sendNotification(ReachabilitySubscribeMethod, params).catch((e: unknown) => this.log.warn(`Reachability: cannot reach the server (${String(e)})`));
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions = [];
    if (this.wired?.state === State.Running) this.subscribe(this.wired, false);
    this.wired = undefined;
  }
}
