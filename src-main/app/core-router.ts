/**
 * What main does with each (already validated) message from core. Main only
 * does what needs Electron: keychain, notifications, badge. Data never
 * passes through here; it flows renderer ⇄ core over the brokered ports.
 */
import type { CoreToMain, MainToCore } from '../core/shell-protocol.ts';
import type { Logger } from './log.ts';
import type { Notifier } from './notifications.ts';
import type { SecretKeeper } from './secrets.ts';

export interface CoreRouterDeps {
  secrets: SecretKeeper;
  notifier: Notifier;
  /** Send to core; false when core is gone (the request died with it). */
  post(message: MainToCore): boolean;
  log: Logger;
}

export function createCoreRouter(deps: CoreRouterDeps): (message: CoreToMain) => void {
  const { log } = deps;
  return (message) => {
    switch (message.kind) {
      case 'ready':
        return; // core-process.ts tracks readiness
      case 'secret-request':
        void deps.secrets.handle(message).then((result) => {
          if (!deps.post(result)) log.warn('core went away before its secret request was answered', { id: message.id });
        });
        return;
      case 'notify':
        deps.notifier.notify(message.title, message.body);
        return;
      case 'badge':
        deps.notifier.badge(message.count);
        return;
      case 'fatal':
        log.error('core reported a fatal problem', { message: message.message });
        return;
    }
  };
}
