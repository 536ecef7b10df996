import { parseNote, type Inline } from './note-markdown.ts';

function InlineText({ inlines }: { inlines: Inline[] }) {
  return (
    <>
      {inlines.map((part, i) => {
        switch (part.kind) {
          case 'strong':
            return <strong key={i}>{part.text}</strong>;
          case 'em':
            return <em key={i}>{part.text}</em>;
          case 'code':
            return <code key={i}>{part.text}</code>;
          case 'link':
            return <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">{part.text}</a>;
          case 'mention':
            return <span key={i} className="mention">{part.text}</span>;
          default:
            return <span key={i}>{part.text}</span>;
        }
      })}
    </>
  );
}

export function NoteText({ markdown }: { markdown: string }) {
  return (
    <div className="note-text">
      {parseNote(markdown).map((block, i) =>
        block.kind === 'list' ? (
          <ul key={i}>{block.items.map((item, j) => <li key={j}><InlineText inlines={item} /></li>)}</ul>
        ) : (
          <p key={i}><InlineText inlines={block.inlines} /></p>
        ),
      )}
    </div>
  );
}
