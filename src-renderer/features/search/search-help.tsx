import { t, type MessageKey } from '../../i18n/i18n.ts';

/** The query language, each with an example the agent can click to try. */
const OPERATORS: { example: string; description: MessageKey }[] = [
  { example: 'from:anna@example.com', description: 'search.help.from' },
  { example: 'to:billing@', description: 'search.help.to' },
  { example: 'subject:refund', description: 'search.help.subject' },
  { example: '"order number"', description: 'search.help.phrase' },
  { example: 'invoice -paid', description: 'search.help.negation' },
  { example: '#K7F3Q2', description: 'search.help.ticket' },
  { example: 'has:attachment', description: 'search.help.attachment' },
  { example: 'tag:vip', description: 'search.help.tag' },
  { example: 'status:pending', description: 'search.help.status' },
  { example: 'assignee:me', description: 'search.help.assignee' },
  { example: 'follower:me', description: 'search.help.follower' },
  { example: 'after:2026-01-01 before:2026-02-01', description: 'search.help.dates' },
];

export function SearchHelp({ id, onPick }: { id: string; onPick(example: string): void }) {
  return (
    <div
      id={id}
      className="search-help"
      role="dialog"
      aria-label={t('search.helpTitle')}
      data-testid="search-help"
    >
      <p className="search-help-title">{t('search.helpTitle')}</p>
      <table className="search-help-table">
        <tbody>
          {OPERATORS.map((op) => (
            <tr key={op.example}>
              <td>
                <button type="button" className="search-example" onClick={() => onPick(op.example)}>
                  <code>{op.example}</code>
                </button>
              </td>
              <td>{t(op.description)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="search-help-foot">{t('search.help.combine')}</p>
    </div>
  );
}
