// Inbox settings (F11, F12): the AI switches and what a drafted reply may be grounded in, edited in
// a <dialog>. The reply assistant's answer for each URL (fetched or refused, and why) is shown
// beside it. When the settings API is not there (404) the settings button stays hidden.
import { settingsApi, describeError, optional } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';

export const MAX_URLS = 3;

/** A role may come as a string or as {id, name, description}. */
function roleOption(role) {
  if (role && typeof role === 'object') {
    const id = String(role.id ?? role.key ?? role.name ?? '');
    return { id, label: String(role.label ?? role.name ?? id), description: role.description ? String(role.description) : '' };
  }
  return { id: String(role), label: String(role), description: '' };
}

/** The configured URLs as strings, whether they come as strings or as {url, …} results. */
function urlsOf(settings) {
  return (Array.isArray(settings.urls) ? settings.urls : [])
    .map((u) => (u && typeof u === 'object' ? u.url : u))
    .filter((u) => typeof u === 'string');
}

/** What the server said about each URL: {url → {ok, text}}, from `urlResults`, `sources` or `urls`. */
function urlResultsOf(settings) {
  const results = new Map();
  const candidates = [settings.urlResults, settings.sources, settings.urls].find(
    (list) => Array.isArray(list) && list.some((item) => item && typeof item === 'object'),
  );
  for (const item of candidates || []) {
    if (!item || typeof item !== 'object' || !item.url) continue;
    const status = String(item.status ?? '').toUpperCase();
    const ok = item.ok ?? item.fetched ?? (status ? ['OK', 'FETCHED', 'READY'].includes(status) : undefined);
    const words = item.detail ?? item.error ?? item.reason ?? item.message ?? '';
    let text = String(words || '');
    if (!text && ok === true) text = t('urlFetched');
    if (!text && ok === false) text = t('urlRefused');
    if (!text && status) text = status;
    if (text) results.set(String(item.url), { ok, text });
  }
  return results;
}

export class SettingsDialog {
  /**
   * @param {{dialog: HTMLDialogElement, openButton: HTMLButtonElement,
   *          onChange: (settings: any) => void}} options
   */
  constructor({ dialog, openButton, onChange }) {
    Object.assign(this, { dialog, openButton, onChange });
    this.form = dialog.querySelector('form');
    this.q = (testid) => dialog.querySelector(`[data-testid="${testid}"]`);
    this.settings = null;
    this.roles = [];
    this.faqEl = this.q('settings-faq');
    this.errorEl = this.q('settings-error');
    this.statusEl = this.q('settings-status');
    this.saveButton = this.q('settings-save');

    openButton.addEventListener('click', () => this.open());
    this.q('settings-close').addEventListener('click', () => this.dialog.close());
    this.q('settings-faq-add').addEventListener('click', () => {
      const row = this.addFaqRow({ question: '', answer: '' });
      row.querySelector('input').focus();
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
  }

  /** Reads the settings; the button shows only when the API answers. */
  async load() {
    try {
      const settings = await optional(settingsApi.get());
      this.openButton.hidden = !settings;
      this.settings = settings;
      this.onChange(settings);
      return settings;
    } catch (error) {
      console.warn('SMS Inbox: could not read the inbox settings', error);
      this.openButton.hidden = true;
      this.onChange(null);
      return null;
    }
  }

  async open() {
    this.showError('');
    this.statusEl.textContent = '';
    const [settings, roles] = await Promise.all([
      this.load(),
      optional(settingsApi.roles()).catch(() => null),
    ]);
    if (!settings) return;
    this.roles = (Array.isArray(roles) ? roles : (roles && roles.items) || []).map(roleOption);
    this.fill(settings, urlResultsOf(settings));
    if (!this.dialog.open) this.dialog.showModal();
  }

  fill(settings, urlResults) {
    const brandKit = settings.brandKit || {};
    this.q('settings-draft-reply').checked = Boolean(settings.draftReply);
    this.q('settings-summary').checked = Boolean(settings.summary);
    this.q('settings-confirmed').checked = Boolean(settings.confirmed ?? settings.confirmation ?? settings.acknowledged);
    this.q('settings-brand-name').value = brandKit.brandName || '';
    this.q('settings-voice').value = brandKit.voice || '';
    this.q('settings-sign-off').value = brandKit.signOff || '';
    const words = brandKit.wordsToAvoid;
    this.wordsAsList = Array.isArray(words);
    this.q('settings-words-to-avoid').value = Array.isArray(words) ? words.join(', ') : words || '';

    const select = this.q('settings-role');
    select.replaceChildren(el('option', { value: '', text: t('roleNone') }));
    const current = settings.role && typeof settings.role === 'object' ? roleOption(settings.role).id : settings.role;
    for (const role of this.roles) select.append(el('option', { value: role.id, text: role.description ? `${role.label} — ${role.description}` : role.label }));
    if (current && !this.roles.some((role) => role.id === String(current))) select.append(el('option', { value: String(current), text: String(current) }));
    select.value = current ? String(current) : '';

    const urls = urlsOf(settings);
    for (let i = 0; i < MAX_URLS; i++) {
      const url = urls[i] || '';
      this.q(`settings-url-${i}`).value = url;
      const result = url ? urlResults.get(url) : null;
      const resultEl = this.q(`settings-url-result-${i}`);
      resultEl.textContent = result ? result.text : '';
      resultEl.hidden = !result;
      resultEl.classList.toggle('is-error', Boolean(result && result.ok === false));
      resultEl.classList.toggle('is-ok', Boolean(result && result.ok === true));
    }

    this.faqEl.replaceChildren();
    for (const item of Array.isArray(settings.faq) ? settings.faq : []) this.addFaqRow(item || {});
  }

  addFaqRow({ question = '', answer = '' }) {
    const index = this.faqEl.children.length;
    const qId = `faq-question-${index}-${Date.now()}`;
    const aId = `faq-answer-${index}-${Date.now()}`;
    const remove = el('button', { type: 'button', className: 'button button-small button-quiet', text: t('remove'), dataset: { testid: 'settings-faq-remove' } });
    const row = el('li', { className: 'faq-row', dataset: { testid: 'settings-faq-item' } },
      el('label', { htmlFor: qId, text: t('faqQuestion') }),
      el('input', { id: qId, className: 'input', value: String(question || ''), dataset: { testid: 'settings-faq-question' } }),
      el('label', { htmlFor: aId, text: t('faqAnswer') }),
      el('textarea', { id: aId, className: 'input', rows: 2, value: String(answer || ''), dataset: { testid: 'settings-faq-answer' } }),
      remove);
    remove.addEventListener('click', () => {
      row.remove();
      this.q('settings-faq-add').focus();
    });
    this.faqEl.append(row);
    return row;
  }

  /** The form as the settings API takes it. */
  collect() {
    const words = this.q('settings-words-to-avoid').value.trim();
    const urls = [];
    for (let i = 0; i < MAX_URLS; i++) {
      const url = this.q(`settings-url-${i}`).value.trim();
      if (url) urls.push(url);
    }
    const faq = [...this.faqEl.querySelectorAll('[data-testid="settings-faq-item"]')]
      .map((row) => ({
        question: row.querySelector('[data-testid="settings-faq-question"]').value.trim(),
        answer: row.querySelector('[data-testid="settings-faq-answer"]').value.trim(),
      }))
      .filter((item) => item.question || item.answer);
    return {
      draftReply: this.q('settings-draft-reply').checked,
      summary: this.q('settings-summary').checked,
      confirmed: this.q('settings-confirmed').checked,
      brandKit: {
        brandName: this.q('settings-brand-name').value.trim(),
        voice: this.q('settings-voice').value.trim(),
        signOff: this.q('settings-sign-off').value.trim(),
        wordsToAvoid: this.wordsAsList ? words.split(',').map((w) => w.trim()).filter(Boolean) : words,
      },
      role: this.q('settings-role').value || null,
      urls,
      faq,
    };
  }

  async save() {
    const body = this.collect();
    this.showError('');
    this.statusEl.textContent = t('saving');
    this.saveButton.disabled = true;
    try {
      const saved = await settingsApi.save(body);
      const settings = saved && typeof saved === 'object' ? saved : body;
      this.settings = settings;
      this.fill(settings, urlResultsOf(settings));
      this.statusEl.textContent = t('settingsSaved');
      this.onChange(settings);
    } catch (error) {
      this.statusEl.textContent = '';
      this.showError(t('settingsNotSaved', describeError(error)));
    } finally {
      this.saveButton.disabled = false;
    }
  }

  showError(text) {
    this.errorEl.textContent = text;
    this.errorEl.hidden = !text;
    if (text) this.errorEl.scrollIntoView({ block: 'nearest' }); // the form may be scrolled away from it
  }
}
