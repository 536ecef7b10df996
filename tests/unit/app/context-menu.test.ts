/**
 * The right-click menu, with `electron` mocked: spelling suggestions in a
 * reply, copying a customer's link, the edit roles, and nothing at all where
 * there is nothing to offer.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { clipboard, Menu } from 'electron';
import { fake } from './fake-electron.ts';
import { recordingLogger } from './test-helpers.ts';
import { createAppOrigin } from '../../../src-main/app/app-origin.ts';
import { contextMenuLabels, contextMenuTemplate } from '../../../src-main/app/context-menu.ts';
import type { MenuParams } from '../../../src-main/app/context-menu.ts';
import { createExternalOpener } from '../../../src-main/app/external-links.ts';
import { createMainWindow } from '../../../src-main/app/windows.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => fake.reset());

const flags = { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: true };
const params = (over: Partial<MenuParams>): MenuParams => ({ misspelledWord: '', dictionarySuggestions: [], isEditable: false, editFlags: flags, linkURL: '', selectionText: '', ...over });
const noActions = { replaceMisspelling: vi.fn(), addToDictionary: vi.fn(), copyText: vi.fn() };
const shape = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role ?? i.label ?? i.type);

describe('the context menu', () => {
  it('offers the spell checker\'s suggestions for a misspelled word in the reply, then adding it, then the edit roles', () => {
    const actions = { replaceMisspelling: vi.fn(), addToDictionary: vi.fn(), copyText: vi.fn() };
    const items = contextMenuTemplate(params({ isEditable: true, misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'relieve'] }), contextMenuLabels('en-GB'), actions);
    expect(shape(items)).toEqual(['receive', 'relieve', 'Add to dictionary', 'separator', 'cut', 'copy', 'paste', 'separator', 'selectAll']);
    items[0]?.click?.({} as never, undefined, {} as never);
    expect(actions.replaceMisspelling).toHaveBeenCalledWith('receive');
    items[2]?.click?.({} as never, undefined, {} as never);
    expect(actions.addToDictionary).toHaveBeenCalledWith('recieve');
  });

  it('says when it has no suggestion, in German for a German desktop', () => {
    const items = contextMenuTemplate(params({ isEditable: true, misspelledWord: 'Swichboard' }), contextMenuLabels('de-DE'), noActions);
    expect(items.slice(0, 2)).toEqual([{ label: 'Keine Vorschläge', enabled: false }, expect.objectContaining({ label: 'Zum Wörterbuch hinzufügen' })]);
  });

  it('copies a web or mail link from a customer\'s mail, never a javascript: or file: one', () => {
    const actions = { replaceMisspelling: vi.fn(), addToDictionary: vi.fn(), copyText: vi.fn() };
    const items = contextMenuTemplate(params({ linkURL: 'https://shop.example/track?id=42' }), contextMenuLabels('en-US'), actions);
    expect(shape(items)).toEqual(['Copy link address']);
    items[0]?.click?.({} as never, undefined, {} as never);
    expect(actions.copyText).toHaveBeenCalledWith('https://shop.example/track?id=42');
    expect(contextMenuTemplate(params({ linkURL: 'javascript:alert(1)' }), contextMenuLabels('en-US'), noActions)).toEqual([]);
    expect(contextMenuTemplate(params({ linkURL: 'file:///etc/passwd' }), contextMenuLabels('en-US'), noActions)).toEqual([]);
  });

  it('offers Copy for selected text, greys out what cannot be done, and opens nothing on a blank spot', () => {
    expect(shape(contextMenuTemplate(params({ selectionText: 'order 1142' }), contextMenuLabels('en-US'), noActions))).toEqual(['copy']);
    const readOnlyClipboard = contextMenuTemplate(params({ isEditable: true, editFlags: { ...flags, canPaste: false, canCut: false } }), contextMenuLabels('en-US'), noActions);
    expect(readOnlyClipboard.filter((i) => i.enabled === false).map((i) => i.role)).toEqual(['cut', 'paste']);
    expect(contextMenuTemplate(params({}), contextMenuLabels('en-US'), noActions)).toEqual([]);
  });

  it('is installed on the app window and acts on its web contents', () => {
    const { log } = recordingLogger();
    createMainWindow({ preloadPath: '/p.cjs', origin: createAppOrigin(null), openExternal: createExternalOpener(log), log, locale: 'en-US', stateFile: '/nonexistent/window-state.json', onPageReady: () => {} });
    const contents = fake.windows.at(-1)!.webContents;
    contents.emit('context-menu', {}, params({ isEditable: true, misspelledWord: 'recieve', dictionarySuggestions: ['receive'], linkURL: 'mailto:ann@shop.example' }));
    const menu = vi.mocked(Menu.buildFromTemplate).mock.results.at(-1)?.value as { template: MenuItemConstructorOptions[]; popup: ReturnType<typeof vi.fn> };
    expect(menu.popup).toHaveBeenCalledTimes(1);
    menu.template[0]?.click?.({} as never, undefined, {} as never);
    expect(contents.replaceMisspelling).toHaveBeenCalledWith('receive');
    menu.template[1]?.click?.({} as never, undefined, {} as never);
    expect(contents.session.addWordToSpellCheckerDictionary).toHaveBeenCalledWith('recieve');
    menu.template.find((i) => i.label === 'Copy link address')?.click?.({} as never, undefined, {} as never);
    expect(clipboard.writeText).toHaveBeenCalledWith('mailto:ann@shop.example');
    // A right-click on nothing: no menu.
    const before = vi.mocked(Menu.buildFromTemplate).mock.calls.length;
    contents.emit('context-menu', {}, params({}));
    expect(vi.mocked(Menu.buildFromTemplate).mock.calls.length).toBe(before);
  });
});
