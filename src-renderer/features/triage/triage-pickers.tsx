import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TriageAction, TriageState } from '../../../src-preload/api.ts';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { useDesk } from '../../store/store-context.tsx';
import { ALL_STATUSES } from '../../store/triage-optimistic.ts';
import { fuzzyFilter } from '../command-palette/fuzzy.ts';
import { ForwardDialog } from './forward-dialog.tsx';
import { parseSnoozeTime, SNOOZE_PRESETS } from './snooze-time.ts';
import { PRIORITY_KEYS, PRIORITY_LABEL, statusLabel } from './triage-labels.ts';
import { TypeAhead, type PickerOption } from './type-ahead.tsx';
import './triage.css';

const SET_IDENTITY = 'set-identity';

function byLabel(query: string, options: PickerOption[]): PickerOption[] {
  return fuzzyFilter(query, options, (o) => `${o.label} ${o.hint ?? ''}`);
}

/** A time typed into the snooze or deadline picker, as an option that says exactly when. */
function timeOption(query: string, now: number): PickerOption | null {
  const at = parseSnoozeTime(query, now);
  return at === null ? null : { id: `at:${at}`, label: formatFullDate(at), hint: query.trim() };
}

function presetOptions(now: number): PickerOption[] {
  return SNOOZE_PRESETS.flatMap((text) => {
    const at = parseSnoozeTime(text, now);
    return at === null ? [] : [{ id: `at:${at}`, label: formatFullDate(at), hint: text }];
  });
}

/** The assign, snooze, tag, priority, status and deadline pickers; forward and share have a dialog with a note. */
export function TriagePickers() {
  const { picker, directory, rowTriage, openedTriage } = useDesk(
    useShallow((s) => ({ picker: s.picker, directory: s.directory, rowTriage: s.rowTriage, openedTriage: s.openedTriage })),
  );
  const { closePicker, applyTriage, setAgentDialogOpen, settings } = useDesk(
    useShallow((s) => ({ closePicker: s.closePicker, applyTriage: s.applyTriage, setAgentDialogOpen: s.setAgentDialogOpen, settings: s.triageSettings })),
  );
  const titleId = useId();
  // Read at every render (each keystroke re-renders): presets and typed times count from now.
  const now = Date.now();

  if (picker && (picker.kind === 'forward' || picker.kind === 'share')) {
    return <ForwardDialog kind={picker.kind} conversationId={picker.ids[0] ?? 0} onClose={closePicker} />;
  }

  const ids = picker?.ids ?? [];
  const states: TriageState[] = ids.flatMap((id) => {
    const s = rowTriage.get(id) ?? (openedTriage?.id === id ? openedTriage.data?.triage : undefined);
    return s ? [s] : [];
  });
  const everyHas = (tag: string): boolean => states.length > 0 && states.every((s) => s.tags.some((x) => x.toLowerCase() === tag.toLowerCase()));

  function pick(action: TriageAction): void {
    closePicker();
    void applyTriage(action, ids);
  }

  let title = '';
  let placeholder = '';
  let options: (query: string) => PickerOption[] = () => [];
  let onPick: (option: PickerOption, query: string) => void = () => undefined;
  let empty: string | undefined;

  switch (picker?.kind) {
    case 'assign': {
      title = t('picker.assignTitle', { count: ids.length });
      placeholder = t('picker.assignPlaceholder');
      const me = directory?.me ?? null;
      const people: PickerOption[] = [
        me ? { id: me.ref, label: t('picker.me', { name: me.name }), hint: 'me', colour: me.colour } : { id: SET_IDENTITY, label: t('picker.meUnknown'), hint: 'me' },
        ...(directory?.agents ?? []).filter((a) => a.ref !== me?.ref).map((a) => ({ id: a.ref, label: a.name, hint: a.address ?? undefined, colour: a.colour })),
        ...(directory?.groups ?? []).map((g) => ({ id: g.ref, label: g.name, hint: t('picker.group'), colour: g.colour })),
        { id: 'none', label: t('picker.unassign') },
      ];
      options = (query) => byLabel(query, people);
      onPick = (option) => {
        if (option.id === SET_IDENTITY) {
          closePicker();
          setAgentDialogOpen(true);
          return;
        }
        pick({ kind: 'assign', assignee: option.id === 'none' ? null : option.id });
      };
      break;
    }
    case 'snooze':
    case 'deadline': {
      const snooze = picker.kind === 'snooze';
      title = snooze ? t('picker.snoozeTitle', { count: ids.length }) : t('picker.deadlineTitle');
      placeholder = t('picker.timePlaceholder');
      empty = t('picker.timeNotUnderstood');
      options = (query) => {
        const typed = query.trim() === '' ? null : timeOption(query, now);
        const presets = byLabel(query, presetOptions(now)).filter((o) => o.id !== typed?.id);
        const clear: PickerOption[] = snooze ? [] : [{ id: 'clear', label: t('picker.clearDeadline') }];
        return [...(typed ? [typed] : []), ...(query.trim() === '' ? presets : typed ? [] : presets), ...(query.trim() === '' ? clear : [])];
      };
      onPick = (option, query) => {
        if (option.id === 'clear') return pick({ kind: 'deadline', at: null });
        // Re-read the typed text at the moment of choosing: "30s" means 30 s from now, not from when the picker opened.
        const fresh = query.trim() !== '' && option.hint === query.trim() ? parseSnoozeTime(query, Date.now()) : null;
        const at = fresh ?? Number(option.id.slice(3));
        pick(snooze ? { kind: 'snooze', until: at } : { kind: 'deadline', at });
      };
      break;
    }
    case 'tag': {
      title = t('picker.tagTitle', { count: ids.length });
      placeholder = t('picker.tagPlaceholder');
      const known = [...new Set([...(directory?.tags ?? []), ...states.flatMap((s) => s.tags)])];
      options = (query) => {
        const typed = query.trim().replace(/^#/, '');
        const existing = byLabel(typed, known.map((tag) => ({ id: `tag:${tag}`, label: tag, checked: everyHas(tag), hint: everyHas(tag) ? t('picker.tagRemove') : undefined })));
        const isNew = typed !== '' && !known.some((k) => k.toLowerCase() === typed.toLowerCase());
        return [...(isNew ? [{ id: `new:${typed}`, label: t('picker.tagCreate', { tag: typed }) }] : []), ...existing];
      };
      onPick = (option) => {
        const tag = option.id.slice(option.id.indexOf(':') + 1);
        pick(everyHas(tag) ? { kind: 'tags', add: [], remove: [tag] } : { kind: 'tags', add: [tag], remove: [] });
      };
      break;
    }
    case 'priority': {
      title = t('picker.priorityTitle', { count: ids.length });
      placeholder = t('picker.filterPlaceholder');
      const list = PRIORITY_KEYS.map((p, i) => ({ id: p, label: t(PRIORITY_LABEL[p]), hint: String(i + 1), checked: states.length > 0 && states.every((s) => s.priority === p) }));
      options = (query) => (/^[1-4]$/.test(query.trim()) ? list.filter((o) => o.hint === query.trim()) : byLabel(query, list));
      onPick = (option) => pick({ kind: 'priority', priority: option.id as (typeof PRIORITY_KEYS)[number] });
      break;
    }
    case 'status': {
      title = t('picker.statusTitle', { count: ids.length });
      placeholder = t('picker.filterPlaceholder');
      const list = ALL_STATUSES.map((s) => ({ id: s, label: statusLabel(s, settings), checked: states.length > 0 && states.every((x) => x.status === s) }));
      options = (query) => byLabel(query, list);
      onPick = (option) => pick({ kind: 'status', status: option.id as (typeof ALL_STATUSES)[number] });
      break;
    }
    default:
      break;
  }

  const open = picker !== null;
  return (
    <Modal open={open} labelledBy={titleId} onClose={closePicker} className="picker-dialog">
      {picker && (
        <div data-testid={`picker-${picker.kind}`} className="picker-body">
          <h2 id={titleId} className="modal-title">{title}</h2>
          <TypeAhead
            key={picker.kind}
            label={title}
            placeholder={placeholder}
            options={options}
            onPick={onPick}
            testId="picker"
            empty={empty}
          />
          <p className="picker-keys muted"><kbd>↑</kbd> <kbd>↓</kbd> {t('picker.keysHint')}</p>
        </div>
      )}
    </Modal>
  );
}
