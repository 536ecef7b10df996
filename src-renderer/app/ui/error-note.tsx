import type { DeskError } from '../../../src-preload/api.ts';
import { describeError } from '../../store/describe-error.ts';

/** A failed call, in words, with core's validation issues when it sent any. */
export function ErrorNote({ error, testId }: { error: DeskError; testId?: string }) {
  return (
    <div className="error-note" role="alert" data-testid={testId}>
      <p>{describeError(error)}</p>
      {error.issues && error.issues.length > 0 && (
        <ul className="error-issues">
          {error.issues.map((issue) => <li key={issue}>{issue}</li>)}
        </ul>
      )}
    </div>
  );
}
