import type { Highlight } from '../../../src-preload/api.ts';

/**
 * Search snippet segments as text, matches in <mark>. React escapes every
 * segment: nothing from a mail ever becomes markup in the app.
 */
export function HighlightedText({ segments }: { segments: Highlight[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.match ? <mark key={index} className="hit">{segment.text}</mark> : <span key={index}>{segment.text}</span>,
      )}
    </>
  );
}
