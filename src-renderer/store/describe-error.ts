import type { DeskError } from '../../src-preload/api.ts';
import { t } from '../i18n/i18n.ts';

/**
 * A DeskError in words for the agent. Transport failures are ours to phrase
 * (and translate); anything else carries core's own plain-words message.
 */
export function describeError(error: DeskError): string {
  switch (error.code) {
    case 'unavailable':
      return t('error.unavailable');
    case 'not-found':
      return t('error.notFound');
    case 'internal':
      return t('error.internal');
    default:
      return error.message;
  }
}
