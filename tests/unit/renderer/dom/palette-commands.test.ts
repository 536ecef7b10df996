/**
 * The command palette lists every shortcut and the commands without a key.
 * Two entries under one id rendered as two "Forward (f)" and ran the same
 * one, so "Forward to a colleague" could not be told apart or reached.
 */
import { expect, it } from 'vitest';
import type { DeskApi } from '../../../../src-preload/api.ts';
import { alwaysOpenMonitor } from '../../../../src-renderer/api/connection-status.ts';
import { paletteCommands } from '../../../../src-renderer/features/command-palette/palette-commands.ts';
import { createDeskStore } from '../../../../src-renderer/store/desk-store.ts';

const offline: DeskApi = {
  call: () => Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'not in this test' } }),
  onEvent: () => () => undefined,
};

it('offers each command under an id of its own, with the title it is found by', () => {
  const commands = paletteCommands(createDeskStore(offline, alwaysOpenMonitor()).getState());
  const ids = commands.map((c) => c.id);
  expect(ids.length).toBeGreaterThan(30);
  expect(new Set(ids).size).toBe(ids.length);
  const title = (id: string): string | undefined => commands.find((c) => c.id === id)?.title;
  expect(title('forward')).toBe('Forward');
  expect(title('forward-colleague')).toBe('Forward to a colleague…');
  expect(commands.find((c) => c.id === 'delete')).toMatchObject({ keys: ['Del'] });
  // Found by what agents call it, not only by what it does.
  expect(title('delete')?.toLowerCase()).toContain('delete');
});

it('opens each of the team\'s smart folders by name', () => {
  const store = createDeskStore(offline, alwaysOpenMonitor());
  store.setState({ directory: { me: null, agents: [], groups: [], tags: [], smartFolders: [{ id: 'f1', name: 'VIP waiting', query: 'tag:vip status:pending' }] } });
  const command = paletteCommands(store.getState()).find((c) => c.id === 'smart-f1');
  expect(command?.title).toBe('Go to VIP waiting');
  command?.run(store.getState());
  expect(store.getState().searchQuery).toBe('tag:vip status:pending');
});
