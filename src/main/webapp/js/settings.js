// Inbox settings (F11, F12): the AI switches and what a drafted reply may be grounded in, edited in
// a <dialog> (GET/PUT api/settings/inbox). The server's answer for each page (read, or why not) is
// shown beside its URL.
import { settingsApi, describeError } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { KeywordRules } from './keyword-rules.js';

export const MAX_URLS = 3;

/** What the server said about each page: url → {ok, text}, from `pages[{url, status, detail}]`. */
function pageResultsOf(settings) {
  const results = new Map();
  for (const page of Array.isArray(settings.pages) ? settings.pages : []) {
    if (!page || !page.url) continue;
    const ok = page.status === 'FETCHED';
    const text = ok ? t('urlFetched', Number(page.characters) || 0) : t('urlFailed', String(page.detail || page.status || ''));
    results.set(String(page.url), { ok, text });
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
    const keywordRules = this.q('keyword-rules');
    this.keywordRules = keywordRules ? new KeywordRules(keywordRules) : null;

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

  /** Reads the settings; the button shows once they could be read. */
  async load() {
    try {
      const settings = await settingsApi.get();
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
    const [settings, roles, quiet] = await Promise.all([
      this.load(),
      settingsApi.roles().catch((error) => {
        console.warn('SMS Inbox: could not read the roles', error);
        return [];
      }),
      settingsApi.quietHours().catch((error) => {
        console.warn('SMS Inbox: could not read the quiet hours', error);
        return null;
      }),
    ]);
    const working = await settingsApi.workingHours().catch((error) => {
      console.warn('SMS Inbox: could not read the working hours', error);
      return null;
    });
    if (!settings) return;
    this.roles = Array.isArray(roles) ? roles : [];
    this.fill(settings, pageResultsOf(settings));
    this.fillQuietHours(quiet);
    this.fillWorkingHours(working);
    if (!this.dialog.open) this.dialog.showModal();
    if (this.keywordRules) await this.keywordRules.load();
  }

  fill(settings, urlResults) {
    const brandKit = settings.brandKit || {};
    this.q('settings-draft-reply').checked = Boolean(settings.draftReply);
    this.q('settings-summary').checked = Boolean(settings.conversationSummary);
    this.q('settings-summary-notes').checked = Boolean(settings.summaryIncludesNotes);
    this.q('settings-confirmed').checked = Boolean(settings.mistakesAcknowledged);
    this.q('settings-brand-name').value = brandKit.brandName || '';
    this.q('settings-voice').value = brandKit.voice || '';
    this.q('settings-sign-off').value = brandKit.signOff || '';
    const words = Array.isArray(brandKit.wordsToAvoid) ? brandKit.wordsToAvoid : [];
    this.q('settings-words-to-avoid').value = words.join(', ');

    // Every draft takes one of the preset roles; the server says which ones there are.
    const select = this.q('settings-role');
    select.replaceChildren();
    const current = settings.role ? String(settings.role) : '';
    for (const role of this.roles) {
      const name = String(role.name || role.id);
      select.append(el('option', { value: String(role.id), text: role.description ? `${name} — ${role.description}` : name }));
    }
    if (current && !this.roles.some((role) => String(role.id) === current)) select.append(el('option', { value: current, text: current }));
    select.value = current;

    const urls = (Array.isArray(settings.urls) ? settings.urls : []).map(String);
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
      conversationSummary: this.q('settings-summary').checked,
      summaryIncludesNotes: this.q('settings-summary-notes').checked,
      mistakesAcknowledged: this.q('settings-confirmed').checked,
      brandKit: {
        brandName: this.q('settings-brand-name').value.trim() || null,
        voice: this.q('settings-voice').value.trim() || null,
        signOff: this.q('settings-sign-off').value.trim() || null,
        wordsToAvoid: words.split(',').map((w) => w.trim()).filter(Boolean),
      },
      role: this.q('settings-role').value || null,
      urls,
      faq,
    };
  }

  /** The quiet hours' fields (hidden when they could not be read). */
  fillQuietHours(quiet) {
    this.quietHours = quiet;
    this.q('settings-quiet-hours').hidden = !quiet;
    if (!quiet) return;
    this.q('settings-quiet-enabled').checked = Boolean(quiet.enabled);
    this.q('settings-quiet-start').value = String(quiet.start || '21:00').slice(0, 5);
    this.q('settings-quiet-end').value = String(quiet.end || '08:00').slice(0, 5);
  }

  /**
   * The working hours: a row per day of the week (a tick, from, until). The screen edits one shift
   * a day; the API takes more, and the screen saves only when a row was changed.
   */
  fillWorkingHours(working) {
    this.workingHours = working;
    const group = this.q('settings-working-hours');
    group.hidden = !working;
    if (!working) return;
    const days = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
    const shifts = Array.isArray(working.shifts) ? working.shifts : [];
    const list = this.q('settings-working-days');
    list.replaceChildren();
    days.forEach((day, i) => {
      const name = t('workingDays')[i];
      const shift = shifts.find((s) => s && s.day === day);
      const tick = el('input', { type: 'checkbox', dataset: { testid: `settings-working-${day.toLowerCase()}` } });
      tick.checked = Boolean(shift);
      const from = el('input', { type: 'time', className: 'input', dataset: { testid: `settings-working-${day.toLowerCase()}-from` } });
      const to = el('input', { type: 'time', className: 'input', dataset: { testid: `settings-working-${day.toLowerCase()}-to` } });
      from.value = shift ? String(shift.from).slice(0, 5) : '09:00';
      to.value = shift ? String(shift.to).slice(0, 5) : '18:00';
      from.setAttribute('aria-label', t('workingFrom', name));
      to.setAttribute('aria-label', t('workingTo', name));
      const sync = () => { from.disabled = !tick.checked; to.disabled = !tick.checked; };
      tick.addEventListener('change', sync);
      sync();
      const label = el('label', { className: 'check working-day' });
      label.append(tick, el('span', { text: name }));
      const row = el('div', { className: 'working-row', dataset: { day } });
      row.append(label, from, to);
      list.append(row);
    });
    if (working.timeZone) list.append(el('p', { className: 'field-help', text: t('workingHoursZone', String(working.timeZone)) }));
    this.workingShown = JSON.stringify(this.collectWorkingHours());
  }

  collectWorkingHours() {
    const shifts = [];
    for (const row of this.q('settings-working-days').querySelectorAll('.working-row')) {
      const [tick, from, to] = row.querySelectorAll('input');
      if (tick.checked) shifts.push({ day: row.dataset.day, from: from.value, to: to.value });
    }
    return shifts;
  }

  async save() {
    const body = this.collect();
    this.showError('');
    this.statusEl.textContent = t('saving');
    this.saveButton.disabled = true;
    try {
      if (this.quietHours) {
        this.fillQuietHours(await settingsApi.saveQuietHours({
          enabled: this.q('settings-quiet-enabled').checked,
          start: this.q('settings-quiet-start').value,
          end: this.q('settings-quiet-end').value,
        }));
      }
      if (this.workingHours) {
        const shifts = this.collectWorkingHours();
        if (JSON.stringify(shifts) !== this.workingShown) {
          const saved = await settingsApi.saveWorkingHours(shifts);
          this.fillWorkingHours(saved);
        }
      }
      const settings = await settingsApi.save(body);
      this.settings = settings;
      this.fill(settings, pageResultsOf(settings));
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
