/** German words for what a triage action did; typed against the English ones, spread into `de`. */
import type { CatalogueEntry } from './catalogue.ts';
import type { enTriageEvents } from './en-triage-events.ts';

export const deTriageEvents: Record<keyof typeof enTriageEvents, CatalogueEntry> = {
  'triageDone.status': { one: 'Unterhaltung als {status} markiert', other: '{count} Unterhaltungen als {status} markiert' },
  'triageDone.assigned': { one: 'Unterhaltung {name} zugewiesen', other: '{count} Unterhaltungen {name} zugewiesen' },
  'triageDone.unassigned': { one: 'Zuweisung der Unterhaltung entfernt', other: 'Zuweisung von {count} Unterhaltungen entfernt' },
  'triageDone.tagged': { one: '{tags} hinzugefügt', other: '{tags} zu {count} Unterhaltungen hinzugefügt' },
  'triageDone.untagged': { one: '{tags} entfernt', other: '{tags} von {count} Unterhaltungen entfernt' },
  'triageDone.retagged': { one: '{added} hinzugefügt, {removed} entfernt', other: 'Bei {count} Unterhaltungen {added} hinzugefügt, {removed} entfernt' },
  'triageDone.tagsUnchanged': { one: 'Unterhaltung unverändert', other: '{count} Unterhaltungen unverändert' },
  'triageDone.priority': { one: 'Priorität auf {priority} gesetzt', other: 'Priorität von {count} Unterhaltungen auf {priority} gesetzt' },
  'triageDone.deadline': { one: 'Unterhaltung fällig am {when}', other: '{count} Unterhaltungen fällig am {when}' },
  'triageDone.deadlineRemoved': { one: 'Frist entfernt', other: 'Frist von {count} Unterhaltungen entfernt' },
  'triageDone.snoozed': { one: 'Unterhaltung bis {when} zurückgestellt', other: '{count} Unterhaltungen bis {when} zurückgestellt' },
  'triageDone.unsnoozed': { one: 'Unterhaltung nicht mehr zurückgestellt', other: '{count} Unterhaltungen nicht mehr zurückgestellt' },
  'triageDone.shared': { one: 'Unterhaltung mit {name} geteilt', other: '{count} Unterhaltungen mit {name} geteilt' },
  'triageDone.tag': '„{tag}“',
  'triageDone.tagList': { one: 'Schlagwort {list}', other: 'Schlagwörter {list}' },

  'timeline.status': '{who} hat den Status auf {status} gesetzt',
  'timeline.took': '{who} hat das übernommen',
  'timeline.assigned': '{who} hat das {name} zugewiesen',
  'timeline.unassigned': '{who} hat die Zuweisung entfernt',
  'timeline.priority': '{who} hat die Priorität auf {priority} gesetzt',
  'timeline.deadline': '{who} hat die Frist auf {when} gesetzt',
  'timeline.deadlineRemoved': '{who} hat die Frist entfernt',
  'timeline.snoozed': '{who} hat das bis {when} zurückgestellt',
  'timeline.unsnoozed': '{who} hat das Zurückstellen aufgehoben',
  'timeline.delegated': '{who} hat das an {to} abgegeben',
  'timeline.delegatedWithNote': '{who} hat das an {to} abgegeben: „{note}“',
  'timeline.shared': '{who} hat das mit {name} geteilt',
  'timeline.tagged': '{who} hat das Schlagwort „{tag}“ hinzugefügt',
  'timeline.untagged': '{who} hat das Schlagwort „{tag}“ entfernt',

  'teamName.group': 'der Gruppe {name}',
  'teamName.unknownAgent': 'einem Teammitglied',
  'teamName.unknownGroup': 'einer Gruppe',
};
