import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AutomationRule, Priority, RuleAction, RuleCondition, RuleField, RuleHoursOperator, RuleTextOperator, TeamDirectory, Template, TriageSettings } from '../../../src-preload/api.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { PRIORITY_KEYS, PRIORITY_LABEL, statusLabel } from '../triage/triage-labels.ts';
import type { ActionKind, RuleForm, RuleStatus } from './rule-form.ts';
import { ACTION_LABEL, actionOfKind, conditionWithField, emptyCondition, emptyRule, FIELD_LABEL, formOf, formProblem, HOURS_OPERATORS, inputOf, OPERATOR_LABEL, RULE_STATUSES, TEXT_OPERATORS } from './rule-form.ts';
import './rules.css';

function ConditionRow({ condition, onChange, onRemove, index }: { condition: RuleCondition; onChange(c: RuleCondition): void; onRemove: (() => void) | null; index: number }) {
  return (
    <li className="rule-row" data-testid="rule-condition">
      <select aria-label={t('rules.conditionField', { n: index + 1 })} value={condition.field} onChange={(e) => onChange(conditionWithField(condition, e.target.value as RuleField))}>
        {(Object.keys(FIELD_LABEL) as RuleField[]).map((f) => <option key={f} value={f}>{t(FIELD_LABEL[f])}</option>)}
      </select>
      {condition.field === 'received' ? (
        <>
          <select
            aria-label={t('rules.conditionOperator', { n: index + 1 })}
            className="rule-hours"
            value={condition.operator}
            onChange={(e) => onChange({ ...condition, operator: e.target.value as RuleHoursOperator })}
          >
            {HOURS_OPERATORS.map((o) => <option key={o} value={o}>{t(OPERATOR_LABEL[o])}</option>)}
          </select>
          <p className="field-hint rule-row-note">{t('rules.hoursHint')}</p>
        </>
      ) : (
        <>
          <select aria-label={t('rules.conditionOperator', { n: index + 1 })} value={condition.operator} onChange={(e) => onChange({ ...condition, operator: e.target.value as RuleTextOperator })}>
            {TEXT_OPERATORS.map((o) => <option key={o} value={o}>{t(OPERATOR_LABEL[o])}</option>)}
          </select>
          <input
            aria-label={t('rules.conditionValue', { n: index + 1 })}
            data-testid="rule-condition-value"
            value={condition.value}
            placeholder={t(condition.field === 'subject' ? 'rules.subjectExample' : 'rules.addressExample')}
            onChange={(e) => onChange({ ...condition, value: e.target.value })}
          />
          {condition.field === 'from' && <p className="field-hint rule-row-note">{t('rules.fromHint')}</p>}
        </>
      )}
      {onRemove && <button type="button" className="button button-small button-quiet rule-remove" aria-label={t('rules.removeCondition', { n: index + 1 })} onClick={onRemove}>×</button>}
    </li>
  );
}

interface ActionRowProps {
  action: RuleAction;
  /** The team's templates an acknowledgement can be written with (not the demo's). */
  templates: readonly Template[];
  onChange(a: RuleAction): void;
  onRemove: (() => void) | null;
  index: number;
}

function ActionRow({ action, templates, onChange, onRemove, index }: ActionRowProps) {
  const { directory, settings } = useDesk(useShallow((s) => ({ directory: s.directory, settings: s.triageSettings })));
  const members = [...(directory?.agents ?? []), ...(directory?.groups ?? [])];
  let value: ReactNode;
  switch (action.kind) {
    case 'assign':
      value = members.length === 0 ? (
        <span className="field-hint">{t('rules.noTeamYet')}</span>
      ) : (
        <select aria-label={t('rules.actionValue', { n: index + 1 })} data-testid="rule-action-assignee" value={action.assignee} onChange={(e) => onChange({ ...action, assignee: e.target.value })}>
          {action.assignee === '' && <option value="">{t('rules.choose')}</option>}
          {members.map((m) => <option key={m.ref} value={m.ref}>{m.name}</option>)}
        </select>
      );
      break;
    case 'tag':
      value = <input aria-label={t('rules.actionValue', { n: index + 1 })} data-testid="rule-action-tag" value={action.tag} maxLength={60} onChange={(e) => onChange({ ...action, tag: e.target.value })} />;
      break;
    case 'priority':
      value = (
        <select aria-label={t('rules.actionValue', { n: index + 1 })} value={action.priority} onChange={(e) => onChange({ ...action, priority: e.target.value as Priority })}>
          {PRIORITY_KEYS.map((p) => <option key={p} value={p}>{t(PRIORITY_LABEL[p])}</option>)}
        </select>
      );
      break;
    case 'status':
      value = (
        <select aria-label={t('rules.actionValue', { n: index + 1 })} value={action.status} onChange={(e) => onChange({ ...action, status: e.target.value as RuleStatus })}>
          {RULE_STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s, settings)}</option>)}
        </select>
      );
      break;
    case 'acknowledge': {
      const missing = action.templateId !== '' && !templates.some((tpl) => tpl.id === action.templateId);
      value =
        templates.length === 0 && !missing ? (
          <span className="field-hint">{t('rules.noTemplatesYet')}</span>
        ) : (
          <select aria-label={t('rules.actionValue', { n: index + 1 })} data-testid="rule-action-template" value={action.templateId} onChange={(e) => onChange({ ...action, templateId: e.target.value })}>
            {action.templateId === '' && <option value="">{t('rules.chooseTemplate')}</option>}
            {missing && <option value={action.templateId}>{t('rules.templateGone')}</option>}
            {templates.map((tpl) => <option key={tpl.id} value={tpl.id}>{tpl.name}</option>)}
          </select>
        );
      break;
    }
  }
  return (
    <li className="rule-row" data-testid="rule-action">
      <select
        aria-label={t('rules.actionKind', { n: index + 1 })}
        data-testid="rule-action-kind"
        value={action.kind}
        onChange={(e) => onChange(actionOfKind(e.target.value as ActionKind, members[0]?.ref ?? null, templates[0]?.id ?? null))}
      >
        {(Object.keys(ACTION_LABEL) as ActionKind[]).map((k) => <option key={k} value={k}>{t(ACTION_LABEL[k])}</option>)}
      </select>
      {value}
      {action.kind === 'acknowledge' && <p className="field-hint rule-row-note">{t('rules.acknowledgeHint')}</p>}
      {onRemove && <button type="button" className="button button-small button-quiet rule-remove" aria-label={t('rules.removeAction', { n: index + 1 })} onClick={onRemove}>×</button>}
    </li>
  );
}

/** A rule on one line for the list: "From contains @bigco.example → Assign to Billing, Add the tag key-account". */
function ruleSummary(rule: AutomationRule, directory: TeamDirectory | null, settings: TriageSettings | null, templates: readonly Template[]): string {
  const when = rule.conditions.map((c) => (c.field === 'received' ? `${t(FIELD_LABEL.received)} ${t(OPERATOR_LABEL[c.operator])}` : `${t(FIELD_LABEL[c.field])} ${t(OPERATOR_LABEL[c.operator])} ${c.value}`));
  const memberName = (ref: string): string => [...(directory?.agents ?? []), ...(directory?.groups ?? [])].find((m) => m.ref === ref)?.name ?? '…';
  const then = rule.actions.map((a) => {
    const label = t(ACTION_LABEL[a.kind]);
    switch (a.kind) {
      case 'assign':
        return `${label} ${memberName(a.assignee)}`;
      case 'tag':
        return `${label} ${a.tag}`;
      case 'priority':
        return `${label} ${t(PRIORITY_LABEL[a.priority])}`;
      case 'status':
        return `${label} ${statusLabel(a.status, settings)}`;
      case 'acknowledge':
        return `${label} ${templates.find((tpl) => tpl.id === a.templateId)?.name ?? t('rules.templateGone')}`;
    }
  });
  return `${when.join(' · ')} → ${then.join(', ')}`;
}

/** The team's automation rules: a list, and a form to create, edit, switch off or delete one. */
export function RulesDialog() {
  const { open, setOpen, rulesCall, composeCall, version, templatesVersion, showNotice, directory, triageSettings } = useDesk(
    useShallow((s) => ({
      directory: s.directory,
      triageSettings: s.triageSettings,
      open: s.rulesOpen,
      setOpen: s.setRulesOpen,
      rulesCall: s.rulesCall,
      composeCall: s.composeCall,
      version: s.rulesVersion,
      templatesVersion: s.templatesVersion,
      showNotice: s.showNotice,
    })),
  );
  const [templates, setTemplates] = useState<Template[]>([]);
  const titleId = useId();
  // The demo receives no new mail, so its rules have nothing to act on: say so rather than let them seem broken.
  const demoOnly = useDesk((s) => s.accounts.length > 0 && s.accounts.every((a) => a.kind === 'demo'));
  const [rules, setRules] = useState<AutomationRule[]>([]);
  const [form, setForm] = useState<RuleForm>(emptyRule);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const load = useCallback(async () => {
    const result = await rulesCall('rules.list', {});
    if (result.ok) setRules(result.value);
    else setError(t('rules.loadFailed', { reason: describeError(result.error) }));
  }, [rulesCall]);

  useEffect(() => {
    if (open) void load();
  }, [open, load, version]);

  useEffect(() => {
    if (!open) return;
    let current = true;
    void composeCall('templates.list', { query: '' }).then((result) => {
      // The demo's templates stay on this desktop, so a team rule cannot write with them.
      if (current && result.ok) setTemplates(result.value.filter((tpl) => !tpl.demo));
    });
    return () => {
      current = false;
    };
  }, [open, composeCall, templatesVersion]);

  const edit = (next: RuleForm): void => {
    setForm(next);
    setError(null);
  };
  const setCondition = (i: number, c: RuleCondition): void => edit({ ...form, conditions: form.conditions.map((x, j) => (j === i ? c : x)) });
  const setAction = (i: number, a: RuleAction): void => edit({ ...form, actions: form.actions.map((x, j) => (j === i ? a : x)) });

  async function save(): Promise<void> {
    const problem = formProblem(form);
    if (problem) {
      setError(t(problem));
      return;
    }
    setBusy(true);
    const result = await rulesCall('rules.save', inputOf(form));
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    edit(formOf(result.value));
    showNotice(t('rules.saved', { name: result.value.name }));
    await load();
  }

  async function remove(): Promise<void> {
    if (!form.id) return;
    setBusy(true);
    const result = await rulesCall('rules.delete', { id: form.id });
    setBusy(false);
    setDeleting(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    edit(emptyRule());
    await load();
  }

  return (
    <Modal open={open} labelledBy={titleId} locked={busy} onClose={() => setOpen(false)} className="rules-dialog">
      <h2 id={titleId} className="modal-title">{t('rules.title')}</h2>
      <p className="modal-text">{t('rules.lead')}</p>
      {demoOnly && <p className="field-hint" data-testid="rules-demo-note">{t('rules.demoNote')}</p>}
      <div className="rules-grid">
        <div className="rules-list">
          <button type="button" className="button button-small" data-testid="rule-new" onClick={() => edit(emptyRule())}>{t('rules.new')}</button>
          <ul>
            {rules.map((rule) => (
              <li key={rule.id}>
                <button type="button" className={`reply-settings-list-item rule-item${form.id === rule.id ? ' is-active' : ''}`} data-testid="rule-item" onClick={() => edit(formOf(rule))}>
                  <span className="rule-item-text">
                    <span className="rule-item-name">{rule.name}</span>
                    <span className="rule-item-summary" data-testid="rule-summary" title={ruleSummary(rule, directory, triageSettings, templates)}>
                      {ruleSummary(rule, directory, triageSettings, templates)}
                    </span>
                  </span>
                  {!rule.enabled && <span className="rule-off">{t('rules.off')}</span>}
                </button>
              </li>
            ))}
            {rules.length === 0 && <li className="muted rules-empty">{t('rules.none')}</li>}
          </ul>
        </div>
        <form
          className="rule-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className="field">
            <span className="field-label">{t('rules.name')}</span>
            <input data-testid="rule-name" value={form.name} maxLength={100} onChange={(e) => edit({ ...form, name: e.target.value })} />
          </label>
          <fieldset className="rule-part">
            <legend className="field-label">{t('rules.when')}</legend>
            <ul className="rule-rows">
              {form.conditions.map((c, i) => (
                <ConditionRow key={i} index={i} condition={c} onChange={(next) => setCondition(i, next)} onRemove={form.conditions.length > 1 ? () => edit({ ...form, conditions: form.conditions.filter((_, j) => j !== i) }) : null} />
              ))}
            </ul>
            <button type="button" className="link-button" data-testid="rule-add-condition" onClick={() => edit({ ...form, conditions: [...form.conditions, emptyCondition()] })}>{t('rules.addCondition')}</button>
          </fieldset>
          <fieldset className="rule-part">
            <legend className="field-label">{t('rules.then')}</legend>
            <ul className="rule-rows">
              {form.actions.map((a, i) => (
                <ActionRow key={i} index={i} action={a} templates={templates} onChange={(next) => setAction(i, next)} onRemove={form.actions.length > 1 ? () => edit({ ...form, actions: form.actions.filter((_, j) => j !== i) }) : null} />
              ))}
            </ul>
            <button type="button" className="link-button" data-testid="rule-add-action" onClick={() => edit({ ...form, actions: [...form.actions, { kind: 'tag', tag: '' }] })}>{t('rules.addAction')}</button>
          </fieldset>
          <label className="rule-enabled">
            <input type="checkbox" data-testid="rule-enabled" checked={form.enabled} onChange={(e) => edit({ ...form, enabled: e.target.checked })} />
            {t('rules.enabled')}
          </label>
          <p className="field-hint">{t('rules.onlyNew')}</p>
          {error && <p className="field-error" role="alert">{error}</p>}
          <div className="modal-actions">
            <button type="button" className="button" disabled={busy} onClick={() => setOpen(false)}>{t('common.close')}</button>
            {form.id && <button type="button" className="button button-quiet" data-testid="rule-delete" disabled={busy} onClick={() => setDeleting(true)}>{t('rules.delete')}</button>}
            <button type="submit" className="button button-primary" data-testid="rule-save" disabled={busy}>{busy ? t('common.working') : t('rules.save')}</button>
          </div>
        </form>
      </div>
      <ConfirmDialog
        open={deleting}
        title={t('rules.deleteTitle')}
        body={t('rules.deleteBody', { name: form.name })}
        confirmLabel={t('rules.delete')}
        busy={busy}
        danger
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(false)}
      />
    </Modal>
  );
}
