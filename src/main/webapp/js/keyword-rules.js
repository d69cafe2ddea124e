// Keyword rules (issue 20), a section of the settings dialog: "when a customer texts JOIN, enrol
// them in automation X", optionally on one number and with a reply. Each rule is saved on its own
// (api/keyword-rules), not with the dialog's Save; automations come from the CRM (api/automations).
import { keywordRulesApi, describeError } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';

export class KeywordRules {
  /** @param {HTMLElement} root the section (fieldset) of the settings dialog */
  constructor(root) {
    this.root = root;
    this.q = (testid) => root.querySelector(`[data-testid="${testid}"]`);
    this.listEl = this.q('keyword-rule-list');
    this.editor = this.q('keyword-rule-editor');
    this.addButton = this.q('keyword-rule-add');
    this.rules = [];
    this.automations = [];
    this.numbers = [];
    this.editing = null; // the rule being edited; null for a new one

    this.addButton.addEventListener('click', () => this.edit(null));
    this.q('keyword-rule-cancel').addEventListener('click', () => this.closeEditor());
    this.q('keyword-rule-save').addEventListener('click', () => this.save());
    // Enter in the editor saves the rule, not the whole settings form; Escape leaves the editor.
    this.editor.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target.tagName === 'INPUT') {
        event.preventDefault();
        this.save();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.closeEditor();
      }
    });
  }

  /** Reads the rules, the CRM's automations and our numbers; the section shows once they could be. */
  async load() {
    this.showError('');
    this.say('');
    this.closeEditor(false);
    try {
      const [rules, automations, numbers] = await Promise.all([
        keywordRulesApi.list(),
        keywordRulesApi.automations(),
        keywordRulesApi.numbers().catch(() => []),
      ]);
      this.rules = Array.isArray(rules) ? rules : [];
      this.automations = Array.isArray(automations) ? automations : [];
      this.numbers = Array.isArray(numbers) ? numbers : [];
      this.root.hidden = false;
      this.render();
    } catch (error) {
      if (error && error.status === 403) {
        this.root.hidden = true; // not on the plan, or not an admin: nothing to offer
        return;
      }
      this.root.hidden = false;
      this.rules = [];
      this.render();
      this.showError(t('keywordRules.loadFailed', describeError(error)));
    }
  }

  render() {
    this.listEl.replaceChildren();
    this.q('keyword-rules-none').hidden = this.rules.length > 0;
    this.listEl.hidden = this.rules.length === 0;
    for (const rule of this.rules) {
      const keyword = String(rule.keyword);
      const edit = el('button', { type: 'button', className: 'button button-small', text: t('keywordRules.edit'), dataset: { testid: 'keyword-rule-edit' }, attrs: { 'aria-label': t('keywordRules.editRule', keyword) } });
      const remove = el('button', { type: 'button', className: 'button button-small button-quiet', text: t('keywordRules.delete'), dataset: { testid: 'keyword-rule-delete' }, attrs: { 'aria-label': t('keywordRules.deleteRule', keyword) } });
      edit.addEventListener('click', () => this.edit(rule));
      remove.addEventListener('click', () => this.remove(rule));
      const where = rule.number ? String(rule.number) : t('keywordRules.everyNumber');
      const reply = rule.reply ? `“${rule.reply}”` : t('keywordRules.noReply');
      this.listEl.append(el('li', { className: 'keyword-rule', dataset: { testid: 'keyword-rule', keyword } },
        el('strong', { className: 'keyword-rule-keyword', text: keyword }),
        el('span', { className: 'keyword-rule-what', text: ` ${t('keywordRules.enrols', String(rule.automationName))} · ${where} · ${reply}` }),
        el('span', { className: 'keyword-rule-buttons' }, edit, remove)));
    }
  }

  /** Opens the editor for a rule, or for a new one (null). */
  edit(rule) {
    this.editing = rule;
    this.showError('');
    this.say('');
    const automation = this.q('keyword-rule-automation');
    automation.replaceChildren();
    for (const a of this.automations) automation.append(el('option', { value: String(a.id), text: String(a.name) }));
    if (rule && !this.automations.some((a) => String(a.id) === String(rule.automationId))) {
      automation.append(el('option', { value: String(rule.automationId), text: String(rule.automationName) }));
    }
    const number = this.q('keyword-rule-number');
    number.replaceChildren(el('option', { value: '', text: t('keywordRules.everyNumber') }));
    for (const n of this.numbers) number.append(el('option', { value: String(n.id), text: String(n.number) }));
    this.q('keyword-rule-keyword').value = rule ? String(rule.keyword) : '';
    automation.value = rule ? String(rule.automationId) : (this.automations[0] ? String(this.automations[0].id) : '');
    number.value = rule && rule.numberId != null ? String(rule.numberId) : '';
    this.q('keyword-rule-reply').value = rule && rule.reply ? String(rule.reply) : '';
    this.q('keyword-rule-editor-title').textContent = rule ? t('keywordRules.editRule', String(rule.keyword)) : t('keywordRules.add');
    this.editor.hidden = false;
    this.addButton.hidden = true;
    if (this.automations.length === 0) this.showError(t('keywordRules.noAutomations'));
    this.q('keyword-rule-keyword').focus();
  }

  closeEditor(focus = true) {
    const was = this.editing;
    this.editor.hidden = true;
    this.addButton.hidden = false;
    this.editing = null;
    if (!focus) return;
    // Back where the admin was: the rule's Edit button, else Add.
    const button = was && [...this.listEl.querySelectorAll('[data-testid="keyword-rule"]')]
      .find((li) => li.dataset.keyword === String(was.keyword));
    (button ? button.querySelector('[data-testid="keyword-rule-edit"]') : this.addButton).focus();
  }

  async save() {
    const body = {
      keyword: this.q('keyword-rule-keyword').value.trim(),
      automationId: this.q('keyword-rule-automation').value ? Number(this.q('keyword-rule-automation').value) : null,
      numberId: this.q('keyword-rule-number').value ? Number(this.q('keyword-rule-number').value) : null,
      reply: this.q('keyword-rule-reply').value.trim() || null,
    };
    this.showError('');
    const button = this.q('keyword-rule-save');
    button.disabled = true;
    try {
      const saved = this.editing
        ? await keywordRulesApi.update(this.editing.id, body)
        : await keywordRulesApi.create(body);
      this.rules = await keywordRulesApi.list();
      this.render();
      this.editing = saved;
      this.closeEditor();
      this.say(t('keywordRules.saved', String(saved.keyword)));
    } catch (error) {
      this.showError(t('keywordRules.notSaved', describeError(error)));
      this.q('keyword-rule-keyword').focus();
    } finally {
      button.disabled = false;
    }
  }

  async remove(rule) {
    if (!window.confirm(t('keywordRules.confirmDelete', String(rule.keyword)))) return;
    this.showError('');
    try {
      await keywordRulesApi.remove(rule.id);
      this.rules = this.rules.filter((r) => r.id !== rule.id);
      this.render();
      this.say(t('keywordRules.deleted', String(rule.keyword)));
      this.addButton.focus();
    } catch (error) {
      this.showError(t('keywordRules.notSaved', describeError(error)));
    }
  }

  say(text) {
    this.q('keyword-rules-status').textContent = text;
  }

  showError(text) {
    const error = this.q('keyword-rules-error');
    error.textContent = text;
    error.hidden = !text;
  }
}
