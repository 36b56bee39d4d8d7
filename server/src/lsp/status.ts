// Sends the `kube-netlens/status` notification: at most a few times a second, always the latest state.

import type { Connection } from 'vscode-languageserver/node';
import { StatusNotificationMethod, type StatusParams } from './protocol';

const MIN_INTERVAL_MS = 250;

export class StatusReporter {
  private last = '';
  private lastSentAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly read: () => StatusParams,
  ) {}

  /** Reports now if the last report is old enough, else once the interval has passed. */
  update(): void {
    if (this.timer) return;
    const wait = this.lastSentAt + MIN_INTERVAL_MS - Date.now();
    if (wait <= 0) this.send();
    else this.timer = setTimeout(() => this.send(), wait);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private send(): void {
    this.timer = undefined;
    const params = this.read();
    const key = JSON.stringify(params);
    if (key === this.last) return;
    this.last = key;
    this.lastSentAt = Date.now();
    void this.connection.sendNotification(StatusNotificationMethod, params);
  }
}
