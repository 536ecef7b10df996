import { useId } from 'react';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { useDesk, useDeskStore } from '../../store/store-context.tsx';
import { TypeAhead } from '../triage/type-ahead.tsx';
import { fuzzyFilter } from './fuzzy.ts';
import { paletteCommands } from './palette-commands.ts';
import './command-palette.css';

/** Ctrl+K / Cmd+K: every action by name, fuzzy-matched, with the key that does it. */
export function CommandPalette() {
  const store = useDeskStore();
  const open = useDesk((s) => s.paletteOpen);
  const setPaletteOpen = useDesk((s) => s.setPaletteOpen);
  const titleId = useId();
  // Built when the palette opens (drawers, agents and tags as they are now).
  const commands = open ? paletteCommands(store.getState()) : [];
  const byId = new Map(commands.map((c) => [c.id, c]));

  return (
    <Modal open={open} labelledBy={titleId} onClose={() => setPaletteOpen(false)} className="command-palette">
      <h2 id={titleId} className="visually-hidden">{t('palette.title')}</h2>
      <div data-testid="command-palette">
        <TypeAhead
          label={t('palette.title')}
          placeholder={t('palette.placeholder')}
          options={(query) => fuzzyFilter(query, commands, (c) => c.title).slice(0, 50).map((c) => ({ id: c.id, label: c.title, hint: c.keys.join(' ') || undefined }))}
          onPick={(option) => {
            setPaletteOpen(false);
            // After the dialog closed and handed the focus back, so a picker the command opens gets it.
            setTimeout(() => byId.get(option.id)?.run(store.getState()), 0);
          }}
          testId="palette"
          empty={t('palette.none')}
        />
      </div>
    </Modal>
  );
}
