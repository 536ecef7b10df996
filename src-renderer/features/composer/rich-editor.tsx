/**
 * A small rich-text editor: a contentEditable with bold, italic, lists, link
 * and quote. The browser's editing commands keep undo/redo working; what
 * leaves the editor is sanitized (`sanitizeDraftHtml`), so pasted web pages
 * never bring scripts or tracking images into a draft.
 *
 * The DOM is the source of truth while the agent types: React sets the
 * content only when a different document is loaded (`docKey`), never on
 * every keystroke, which would move the caret.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { t } from '../../i18n/i18n.ts';
import { sanitizeDraftHtml } from './sanitize-draft-html.ts';

export interface RichEditorHandle {
  focus(): void;
  /** Remembers the caret, so an insertion after a dialog lands where the agent was typing. */
  saveCaret(): void;
  /** Inserts sanitized HTML at the remembered caret (or the end). */
  insertHtml(html: string): void;
  /** Inserts plain text at the caret. */
  insertText(text: string): void;
  html(): string;
}

interface RichEditorProps {
  /** Changing it replaces the content with `initialHtml`. */
  docKey: string | number;
  initialHtml: string;
  label: string;
  placeholder?: string;
  testId?: string;
  minHeight?: number;
  onChange(html: string): void;
  onBlur?(): void;
  /** The agent typed `;;`: the two characters are already removed. */
  onTemplateTrigger?(): void;
}

type Command = 'bold' | 'italic' | 'insertUnorderedList' | 'insertOrderedList';

function exec(command: string, value?: string): void {
  // execCommand is deprecated but remains the only editing API that keeps the browser's undo stack.
  document.execCommand(command, false, value);
}

export const RichEditor = forwardRef<RichEditorHandle, RichEditorProps>(function RichEditor(
  { docKey, initialHtml, label, placeholder, testId, minHeight = 140, onChange, onBlur, onTemplateTrigger },
  ref,
) {
  const editorRef = useRef<HTMLDivElement>(null);
  const caret = useRef<Range | null>(null);
  const [linking, setLinking] = useState(false);
  const [linkUrl, setLinkUrl] = useState('https://');
  const [active, setActive] = useState<Record<Command, boolean>>({ bold: false, italic: false, insertUnorderedList: false, insertOrderedList: false });
  const initial = useRef(initialHtml);
  initial.current = initialHtml;

  useEffect(() => {
    const editor = editorRef.current;
    if (editor) editor.innerHTML = sanitizeDraftHtml(initial.current);
  }, [docKey]);

  function emit(): void {
    const editor = editorRef.current;
    if (editor) onChange(sanitizeDraftHtml(editor.innerHTML));
  }

  function rememberCaret(): void {
    const selection = window.getSelection();
    const editor = editorRef.current;
    if (!selection || selection.rangeCount === 0 || !editor) return;
    const range = selection.getRangeAt(0);
    if (editor.contains(range.commonAncestorContainer)) caret.current = range.cloneRange();
  }

  function restoreCaret(): void {
    const editor = editorRef.current;
    if (!editor) return;
    editor.focus();
    const selection = window.getSelection();
    if (!selection) return;
    selection.removeAllRanges();
    if (caret.current && editor.contains(caret.current.commonAncestorContainer)) {
      selection.addRange(caret.current);
    } else {
      // Nothing typed yet: start at the top, above the prefilled signature and quote (as mail clients do).
      const range = document.createRange();
      const first = editor.firstElementChild;
      range.selectNodeContents(first && !['BLOCKQUOTE', 'HR'].includes(first.tagName) ? first : editor);
      range.collapse(true);
      selection.addRange(range);
    }
  }

  function refreshActive(): void {
    setActive({
      bold: document.queryCommandState('bold'),
      italic: document.queryCommandState('italic'),
      insertUnorderedList: document.queryCommandState('insertUnorderedList'),
      insertOrderedList: document.queryCommandState('insertOrderedList'),
    });
  }

  useImperativeHandle(ref, () => ({
    focus() {
      restoreCaret();
    },
    saveCaret: rememberCaret,
    insertHtml(html) {
      restoreCaret();
      exec('insertHTML', sanitizeDraftHtml(html));
      rememberCaret();
      emit();
    },
    insertText(text) {
      restoreCaret();
      exec('insertText', text);
      rememberCaret();
      emit();
    },
    html() {
      return sanitizeDraftHtml(editorRef.current?.innerHTML ?? '');
    },
  }));

  function onInput(): void {
    if (onTemplateTrigger) {
      const selection = window.getSelection();
      const node = selection?.anchorNode;
      const offset = selection?.anchorOffset ?? 0;
      if (selection && node && node.nodeType === Node.TEXT_NODE && offset >= 2 && node.textContent?.slice(offset - 2, offset) === ';;') {
        const range = document.createRange();
        range.setStart(node, offset - 2);
        range.setEnd(node, offset);
        selection.removeAllRanges();
        selection.addRange(range);
        exec('delete');
        rememberCaret();
        emit();
        onTemplateTrigger();
        return;
      }
    }
    emit();
  }

  function command(name: Command): void {
    restoreCaret();
    exec(name);
    refreshActive();
    emit();
  }

  function quote(): void {
    restoreCaret();
    const inQuote = window.getSelection()?.anchorNode?.parentElement?.closest('blockquote');
    exec('formatBlock', inQuote ? 'div' : 'blockquote');
    emit();
  }

  function applyLink(): void {
    const url = linkUrl.trim();
    setLinking(false);
    restoreCaret();
    if (!/^(https?:\/\/|mailto:)\S+$/i.test(url)) return;
    const selection = window.getSelection();
    if (selection && selection.isCollapsed) exec('insertHTML', `<a href="${url.replace(/"/g, '&quot;')}">${url.replace(/</g, '&lt;')}</a>`);
    else exec('createLink', url);
    emit();
  }

  const tool = (name: Command, text: string, title: string) => (
    <button
      type="button"
      className={`editor-tool${active[name] ? ' is-active' : ''}`}
      aria-pressed={active[name]}
      title={title}
      // Keep the editor's selection: a mousedown on a button would otherwise take it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => command(name)}
    >
      {/* The symbol is for the eye; its name is what a screen reader says (and what the button is called). */}
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">{title}</span>
    </button>
  );

  return (
    <div className="rich-editor">
      <div className="editor-toolbar" role="toolbar" aria-label={t('composer.formatting')}>
        {tool('bold', 'B', t('composer.bold'))}
        {tool('italic', 'I', t('composer.italic'))}
        {tool('insertUnorderedList', '•', t('composer.bulletList'))}
        {tool('insertOrderedList', '1.', t('composer.numberedList'))}
        <button type="button" className="editor-tool" title={t('composer.quote')} aria-label={t('composer.quote')} onMouseDown={(e) => e.preventDefault()} onClick={quote}>
          ❝
        </button>
        <button
          type="button"
          className={`editor-tool${linking ? ' is-active' : ''}`}
          title={t('composer.link')}
          aria-label={t('composer.link')}
          data-testid="editor-link"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            rememberCaret();
            setLinking((v) => !v);
          }}
        >
          <svg className="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M6.8 9.2a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2L8 3.8M9.2 6.8a3 3 0 0 0-4.2 0L2.7 9.1a3 3 0 0 0 4.2 4.2L8 12.2" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
        </button>
        {linking && (
          <span className="editor-link-form">
            <input
              type="url"
              value={linkUrl}
              aria-label={t('composer.linkUrl')}
              autoFocus
              onChange={(e) => setLinkUrl(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  applyLink();
                }
                if (e.key === 'Escape') {
                  e.preventDefault();
                  e.stopPropagation();
                  setLinking(false);
                }
              }}
            />
            <button type="button" className="button button-small" onClick={applyLink}>{t('composer.linkApply')}</button>
          </span>
        )}
      </div>
      <div
        ref={editorRef}
        className="editor-area"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        data-placeholder={placeholder}
        data-testid={testId}
        style={{ minHeight }}
        onInput={onInput}
        onKeyUp={() => {
          rememberCaret();
          refreshActive();
        }}
        onMouseUp={() => {
          rememberCaret();
          refreshActive();
        }}
        onBlur={() => {
          rememberCaret();
          onBlur?.();
        }}
      />
    </div>
  );
});
