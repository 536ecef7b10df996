import type { DeskError } from '../../src-preload/api.ts';
import { say, t } from '../i18n/i18n.ts';

/**
 * A DeskError in words for the agent, in their language. What core said by
 * key comes first: "That draft no longer exists." tells more than a generic
 * "not found". Without one, transport failures and bugs are ours to phrase;
 * anything else is core's own text (malformed calls and assembled validation
 * text, which have no key).
 */
export function describeError(error: DeskError): string {
  if (error.sentence) return say(error.sentence);
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
