import type { AppInfo } from '../../../src-preload/api.ts';
import { LockIcon } from '../../app/ui/icons.tsx';
import { t } from '../../i18n/i18n.ts';

/** Where the password will live, said plainly: the agent should know before typing it. */
export function SecretStorageNote({ secretStorage }: { secretStorage: AppInfo['secretStorage'] }) {
  return (
    <p className="secret-note" data-testid="secret-storage" data-storage={secretStorage}>
      <LockIcon />
      {secretStorage === 'os-keychain' ? t('secrets.keychain') : t('secrets.encryptedFile')}
    </p>
  );
}
