// The saved replies screen (issue 21): the account's snippets listed, created, edited and deleted
// (after a confirmation in place) in a <dialog> (api/snippets). The text's merge fields are
// explained and inserted with buttons; a live preview fills them in for a sample contact and
// counts the result with the composer's own counter (sms-counter.js). The API's refusals are
// shown beside the field they are about.
import { snippetsApi, describeError, isAbort } from './api.js';
import { debounce, el } from './dom.js';
import { t } from './i18n.js';
import { EMPTY_COUNT, showCount } from './sms-counter.js';

/** The merge fields the server knows (domain/MergeFields.KNOWN), in the order they are offered. */
export const MERGE_FIELDS = ['contact.firstName', 'contact.lastName', 'contact.phone', 'contact.email', 'inbox.number', 'admin.name'];

/** The contact the preview fills the fields from; only its first name can be changed. */
const SAMPLE = { lastName: 'Rossi', phone: '+393471234567', email: 'maria.rossi@example.com', inboxNumber: '+15555550100' };

const PREVIEW_DELAY_MS = 120;

/**
 * Which field a refusal of the snippets API is about. The API answers one problem+json detail per
 * refusal; its wording names the field ("name is empty: …", "text is longer …", "Unknown merge
 * field …"), and a taken name is a 409.
 */
export function fieldOf(error) {
  const detail = String((error && error.detail) || '');
  if ((error && error.status === 409) || /^name\b/i.test(detail)) return 'name';
  if (/^text\b|merge field/i.test(detail)) return 'text';
  return null;
}

function fieldLabel(field) {
  const labels = t('snippets.field');
  return (labels && typeof labels === 'object' && labels[field]) || field;
}

export class SnippetsDialog {
  /** @param {{dialog: HTMLDialogElement, openButton: HTMLButtonElement}} options */
  constructor({ dialog, openButton }) {
    Object.assign(this, { dialog, openButton });
    this.q = (testid) => dialog.querySelector(`[data-testid="${testid}"]`);
    this.form = this.q('snippet-form');
    this.listEl = this.q('snippet-list');
    this.nameInput = this.q('snippet-name');
    this.textInput = this.q('snippet-text');
    this.sampleInput = this.q('snippet-sample-first');
    this.snippets = [];
    this.editing = null; // the snippet being edited, or null for a new one
    this.previewSeq = 0;
    this.previewAbort = null;
    this.schedulePreview = debounce(() => this.preview(), PREVIEW_DELAY_MS);
    this.counterEls = { counterEl: this.q('snippet-counter'), creditsEl: this.q('snippet-credits'), warningEl: this.q('snippet-warning') };

    this.renderFieldButtons();
    openButton.addEventListener('click', () => this.open());
    this.q('snippets-close').addEventListener('click', () => this.dialog.close());
    this.q('snippet-new').addEventListener('click', () => this.edit(null));
    this.q('snippet-cancel').addEventListener('click', () => this.closeForm());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
    for (const input of [this.textInput, this.sampleInput]) input.addEventListener('input', () => this.schedulePreview());
    this.nameInput.addEventListener('input', () => this.showFieldError('name', ''));
    this.textInput.addEventListener('input', () => this.showFieldError('text', ''));
  }

  /** Reads the snippets; the button shows once they could be read (an admin's screen). */
  async load() {
    try {
      const snippets = await snippetsApi.list();
      this.snippets = Array.isArray(snippets) ? snippets : [];
      this.openButton.hidden = false;
      return true;
    } catch (error) {
      console.warn('SMS Inbox: could not read the saved replies', error);
      this.openButton.hidden = true;
      return false;
    }
  }

  async open() {
    this.showError('');
    this.q('snippets-status').textContent = '';
    this.closeForm({ focus: false });
    // Rows of the last opening would be stale: none is shown (nor clicked) until the list is read.
    this.listEl.replaceChildren();
    this.q('snippets-empty').hidden = true;
    this.listEl.setAttribute('aria-busy', 'true');
    if (!this.dialog.open) this.dialog.showModal();
    await this.reload();
    this.listEl.setAttribute('aria-busy', 'false');
  }

  async reload() {
    try {
      const snippets = await snippetsApi.list();
      this.snippets = Array.isArray(snippets) ? snippets : [];
      this.renderList();
    } catch (error) {
      this.showError(t('snippets.loadFailed', describeError(error)));
    }
  }

  renderList() {
    this.listEl.replaceChildren();
    for (const snippet of this.snippets) this.listEl.append(this.row(snippet));
    this.q('snippets-empty').hidden = this.snippets.length > 0;
    this.listEl.hidden = this.snippets.length === 0;
  }

  row(snippet) {
    const name = String(snippet.name);
    const edit = el('button', { type: 'button', className: 'button button-small', dataset: { testid: 'snippet-edit' } },
      t('snippets.edit'), el('span', { className: 'sr-only', text: ` /${name}` }));
    const remove = el('button', { type: 'button', className: 'button button-small button-danger', dataset: { testid: 'snippet-delete' } },
      t('snippets.delete'), el('span', { className: 'sr-only', text: ` /${name}` }));
    const actions = el('div', { className: 'snippet-row-actions' }, edit, remove);
    const li = el('li', { className: 'snippet-row', dataset: { testid: 'snippet-item', id: String(snippet.id), name } },
      el('div', { className: 'snippet-row-main' },
        el('strong', { className: 'snippet-row-name', dataset: { testid: 'snippet-item-name' }, text: `/${name}` }),
        el('span', { className: 'snippet-row-text', dataset: { testid: 'snippet-item-text' }, text: String(snippet.text) })),
      actions);
    edit.addEventListener('click', () => this.edit(snippet));
    remove.addEventListener('click', () => this.confirmDelete(snippet, li, actions));
    return li;
  }

  /** Asks in the row itself; "Keep it" (focused first) puts the buttons back. */
  confirmDelete(snippet, li, actions) {
    const question = el('p', { className: 'snippet-confirm-text', id: `snippet-confirm-${snippet.id}`, text: t('snippets.confirmDelete', snippet.name) });
    const yes = el('button', { type: 'button', className: 'button button-small button-danger', dataset: { testid: 'snippet-delete-confirm' }, text: t('snippets.confirmYes'),
      attrs: { 'aria-describedby': question.id } });
    const no = el('button', { type: 'button', className: 'button button-small', dataset: { testid: 'snippet-delete-cancel' }, text: t('snippets.confirmNo') });
    const confirm = el('div', { className: 'snippet-confirm', attrs: { role: 'group', 'aria-labelledby': question.id }, dataset: { testid: 'snippet-confirm' } },
      question, el('div', { className: 'snippet-row-actions' }, no, yes));
    actions.replaceWith(confirm);
    no.addEventListener('click', () => {
      confirm.replaceWith(actions);
      actions.querySelector('[data-testid="snippet-delete"]').focus();
    });
    yes.addEventListener('click', () => this.remove(snippet, yes));
    no.focus();
  }

  async remove(snippet, button) {
    button.disabled = true;
    this.showError('');
    try {
      await snippetsApi.remove(snippet.id);
      if (this.editing && this.editing.id === snippet.id) this.closeForm({ focus: false });
      await this.reload();
      this.q('snippets-status').textContent = t('snippets.deleted', snippet.name);
      this.q('snippet-new').focus();
    } catch (error) {
      button.disabled = false;
      this.showError(t('snippets.notDeleted', describeError(error)));
    }
  }

  /** Opens the form for a snippet, or for a new one (null). */
  edit(snippet) {
    this.editing = snippet;
    this.q('snippet-form-title').textContent = snippet ? t('snippets.editTitle', snippet.name) : t('snippets.newTitle');
    this.nameInput.value = snippet ? String(snippet.name) : '';
    this.textInput.value = snippet ? String(snippet.text) : '';
    this.showFieldError('name', '');
    this.showFieldError('text', '');
    this.form.hidden = false;
    this.q('snippet-new').hidden = true;
    this.preview();
    this.nameInput.focus();
  }

  closeForm({ focus = true } = {}) {
    const was = this.editing;
    this.form.hidden = true;
    this.editing = null;
    this.q('snippet-new').hidden = false;
    this.schedulePreview.cancel();
    if (!focus) return;
    const row = was && this.listEl.querySelector(`[data-testid="snippet-item"][data-id="${CSS.escape(String(was.id))}"] [data-testid="snippet-edit"]`);
    (row || this.q('snippet-new')).focus();
  }

  async save() {
    const body = { name: this.nameInput.value, text: this.textInput.value };
    const saveButton = this.q('snippet-save');
    this.showError('');
    this.showFieldError('name', '');
    this.showFieldError('text', '');
    saveButton.disabled = true;
    try {
      const saved = this.editing ? await snippetsApi.update(this.editing.id, body) : await snippetsApi.create(body);
      this.editing = saved;
      await this.reload();
      this.closeForm();
      this.q('snippets-status').textContent = t('snippets.saved', saved.name);
    } catch (error) {
      const field = fieldOf(error);
      if (field) {
        this.showFieldError(field, describeError(error));
        (field === 'name' ? this.nameInput : this.textInput).focus();
      } else {
        this.showError(t('snippets.notSaved', describeError(error)));
      }
    } finally {
      saveButton.disabled = false;
    }
  }

  renderFieldButtons() {
    const box = this.q('snippet-field-buttons');
    for (const field of MERGE_FIELDS) {
      const button = el('button', { type: 'button', className: 'button button-small snippet-field', dataset: { testid: 'snippet-insert-field', field } },
        t('snippets.insert', fieldLabel(field)), el('code', { className: 'snippet-field-code', text: ` {{${field}}}` }));
      button.addEventListener('click', () => this.insertField(field));
      box.append(button);
    }
  }

  /** Puts {{field}} (with the fallback typed, if any) at the caret and goes back to the text. */
  insertField(field) {
    const fallback = this.q('snippet-fallback').value;
    const token = fallback ? `{{${field}|${fallback}}}` : `{{${field}}}`;
    const box = this.textInput;
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? start;
    box.setRangeText(token, start, end, 'end');
    box.focus();
    this.showFieldError('text', '');
    this.schedulePreview.cancel();
    this.preview();
  }

  /** The text as the sample contact would read it, counted as the composer counts a reply. */
  async preview() {
    const text = this.textInput.value;
    const seq = ++this.previewSeq;
    if (this.previewAbort) this.previewAbort.abort();
    if (text === '') {
      this.showPreview({ ...EMPTY_COUNT, expanded: '', missing: [] });
      return;
    }
    this.previewAbort = new AbortController();
    const sample = { ...SAMPLE, firstName: this.sampleInput.value };
    try {
      const result = await snippetsApi.preview(text, sample, this.previewAbort.signal);
      if (seq === this.previewSeq && result) this.showPreview(result);
    } catch (error) {
      // A help, not a blocker: keep the last figures.
      if (!isAbort(error)) console.warn('SMS Inbox: snippet preview failed', error);
    }
  }

  showPreview(result) {
    const expanded = typeof result.expanded === 'string' ? result.expanded : this.textInput.value;
    const previewEl = this.q('snippet-preview');
    previewEl.textContent = expanded || t('snippets.previewEmpty');
    previewEl.classList.toggle('is-empty', !expanded);
    const missing = Array.isArray(result.missing) ? result.missing : [];
    const missingEl = this.q('snippet-missing');
    missingEl.textContent = missing.length ? t('snippets.missing', missing.map((f) => `{{${f}}}`).join(', ')) : '';
    missingEl.hidden = missing.length === 0;
    showCount(this.counterEls, result, expanded);
  }

  showFieldError(field, text) {
    const input = field === 'name' ? this.nameInput : this.textInput;
    const errorEl = this.q(`snippet-${field}-error`);
    errorEl.textContent = text;
    errorEl.hidden = !text;
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  showError(text) {
    const errorEl = this.q('snippets-error');
    errorEl.textContent = text;
    errorEl.hidden = !text;
  }
}
