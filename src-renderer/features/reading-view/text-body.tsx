import { useState } from 'react';
import type { TextPart } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';

interface Section {
  /** `quote` when the fold holds any quoted text, else `signature`. */
  kind: TextPart['kind'];
  text: string;
}

/** Neighbouring folded parts (a signature, then the quote below it) fold behind one toggle. */
function sections(parts: TextPart[]): Section[] {
  const out: Section[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    const folded = part.kind !== 'body';
    if (last && (last.kind === part.kind || (folded && last.kind !== 'body'))) {
      last.text += `\n${part.text}`;
      if (part.kind === 'quote') last.kind = 'quote';
    } else out.push({ kind: part.kind, text: part.text });
  }
  return out;
}

function Fold({ section }: { section: Section }) {
  const [open, setOpen] = useState(false);
  const label = section.kind === 'quote' ? t('reading.showQuote') : t('reading.showSignature');
  return (
    <div className={`fold fold-${section.kind}${open ? ' is-open' : ''}`}>
      <button
        type="button"
        className="fold-toggle"
        data-testid="fold-toggle"
        data-kind={section.kind}
        aria-expanded={open}
        aria-label={open ? t('reading.hideFolded') : label}
        title={open ? t('reading.hideFolded') : label}
        onClick={() => setOpen(!open)}
      >
        …
      </button>
      {open && <div className="folded-text" data-testid="folded-text">{section.text}</div>}
    </div>
  );
}

/**
 * A plain-text body with quotes and signatures folded behind "…". Text stays
 * text: no links are made, so nothing in a mail can navigate the app.
 */
export function TextBody({ parts, fallback }: { parts: TextPart[]; fallback: string }) {
  const list = parts.length > 0 ? sections(parts) : [{ kind: 'body' as const, text: fallback }];
  return (
    <div className="text-body" data-testid="text-body">
      {list.map((section, index) =>
        section.kind === 'body' ? (
          <div key={index} className="body-text">{section.text.replace(/^\n+|\n+$/g, '')}</div>
        ) : (
          <Fold key={index} section={section} />
        ),
      )}
    </div>
  );
}
