/**
 * The right-click menu. Electron shows none by default: without it an agent
 * can't paste from the context menu, copy a link from a customer's mail, or
 * see the spell checker's suggestions for the red-underlined words in a
 * reply. Edit items are Electron roles (labelled in the OS's language). The
 * two of our own are labelled in the app's language. There is no "Inspect"
 * and no "Open link": links open only through the navigation guard.
 */
import { clipboard, Menu } from 'electron';
import type { ContextMenuParams, MenuItemConstructorOptions, WebContents } from 'electron';
import { externalUrlOrNull } from './external-links.ts';

export interface ContextMenuLabels {
  addToDictionary: string;
  noSuggestions: string;
  copyLink: string;
}

const LABELS: Record<'en' | 'de', ContextMenuLabels> = {
  en: { addToDictionary: 'Add to dictionary', noSuggestions: 'No suggestions', copyLink: 'Copy link address' },
  de: { addToDictionary: 'Zum Wörterbuch hinzufügen', noSuggestions: 'Keine Vorschläge', copyLink: 'Link-Adresse kopieren' },
};

/** The labels for a locale as Electron reports it ("de-DE", "en-US"); English for any other. */
export function contextMenuLabels(locale: string): ContextMenuLabels {
  return locale.toLowerCase().startsWith('de') ? LABELS.de : LABELS.en;
}

export type MenuParams = Pick<ContextMenuParams, 'misspelledWord' | 'dictionarySuggestions' | 'isEditable' | 'editFlags' | 'linkURL' | 'selectionText'>;

export interface MenuActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
  copyText(text: string): void;
}

/** At most this many suggestions, as Chromium's own menu shows. */
const MAX_SUGGESTIONS = 5;

/** The menu for a right-click; empty when there is nothing to offer (then no menu opens). */
export function contextMenuTemplate(params: MenuParams, labels: ContextMenuLabels, actions: MenuActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  const separate = (): void => {
    if (items.length > 0 && items[items.length - 1]?.type !== 'separator') items.push({ type: 'separator' });
  };
  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    for (const word of suggestions) items.push({ label: word, click: () => actions.replaceMisspelling(word) });
    if (suggestions.length === 0) items.push({ label: labels.noSuggestions, enabled: false });
    const misspelled = params.misspelledWord;
    items.push({ label: labels.addToDictionary, click: () => actions.addToDictionary(misspelled) });
  }
  // Only links the navigation guard would open (http, https, mailto): a javascript: or file: link is not worth copying out.
  const link = params.linkURL ? externalUrlOrNull(params.linkURL) : null;
  if (link) {
    separate();
    items.push({ label: labels.copyLink, click: () => actions.copyText(link) });
  }
  const flags = params.editFlags;
  if (params.isEditable) {
    separate();
    items.push({ role: 'cut', enabled: flags.canCut }, { role: 'copy', enabled: flags.canCopy }, { role: 'paste', enabled: flags.canPaste });
    separate();
    items.push({ role: 'selectAll', enabled: flags.canSelectAll });
  } else if (params.selectionText.trim() !== '') {
    separate();
    items.push({ role: 'copy', enabled: flags.canCopy });
  }
  if (items[items.length - 1]?.type === 'separator') items.pop();
  return items;
}

export function installContextMenu(contents: WebContents, labels: ContextMenuLabels): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, labels, {
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
      copyText: (text) => clipboard.writeText(text),
    });
    if (template.length > 0) Menu.buildFromTemplate(template).popup();
  });
}
