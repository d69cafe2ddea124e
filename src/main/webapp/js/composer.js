// The reply composer: textarea, live character / message / credit counters from the server's
// preview, send with the button or Ctrl/Cmd+Enter, the problem's detail shown in words on failure,
// and the AI "Draft reply" button (fills the box, never sends) when the setting is on. Typing "/"
// offers the account's saved replies; their merge fields are filled in by the server's preview,
// which counts the expanded text and names any field without a value (that blocks the send).
import { inboxApi, settingsApi, snippetsApi, describeError, isAbort } from './api.js';
import { debounce } from './dom.js';
import { t } from './i18n.js';
import { EMPTY_COUNT, showCount } from './sms-counter.js';

const PREVIEW_DELAY_MS = 120;
const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || '');

export class Composer {
  /**
   * @param {{form: HTMLFormElement, textarea: HTMLTextAreaElement, counterEl: HTMLElement,
   *          warningEl: HTMLElement, errorEl: HTMLElement, sendButton: HTMLButtonElement,
   *          hintEl: HTMLElement, onSent: (conversationId: number, message: any) => void,
   *          noteToggle?: HTMLInputElement, onNote?: (conversationId: number, note: any) => void,
   *          onTyped?: () => void}} options
   *   noteToggle: when checked, the text is an internal note (never sent) instead of a reply
   */
  constructor({ form, textarea, counterEl, creditsEl, warningEl, errorEl, blockedEl, sendButton, draftButton, hintEl, onSent, noteToggle, onNote, onTyped }) {
    Object.assign(this, { form, textarea, counterEl, creditsEl, warningEl, errorEl, blockedEl, sendButton, draftButton, hintEl, onSent, noteToggle, onNote, onTyped });
    /** Why the open conversation cannot be answered (the server's words), or null. */
    this.blocked = null;
    this.drafting = false;
    this.draftEnabled = false;
    this.conversationId = null;
    this.sending = false;
    this.drafts = new Map(); // unsent text per conversation, kept while the page is open
    this.previewAbort = null;
    this.previewSeq = 0;
    this.schedulePreview = debounce(() => this.preview(), PREVIEW_DELAY_MS);
    this.snippetsEl = document.getElementById('composer-snippets');
    this.missingEl = document.getElementById('composer-missing');
    this.expandedEl = document.getElementById('composer-expanded');
    // "Send later": a local date and time in the admin's own zone; empty sends now.
    this.sendAtEl = document.getElementById('composer-send-at');
    /** Merge fields of the text with no value nor fallback (from the preview): block the send. */
    this.missing = [];
    this.snippets = null; // the account's saved replies, fetched each time "/" opens the list
    this.snippetMatches = [];
    this.snippetIndex = 0;
    this.textarea.setAttribute('aria-controls', 'composer-snippets');
    this.textarea.setAttribute('aria-autocomplete', 'list');
    // A textbox with an autocomplete list (aria-expanded belongs to a combobox, which a textarea
    // may not be): the active snippet is its aria-activedescendant.

    this.hintEl.textContent = t('sendHint', IS_MAC);
    this.textarea.addEventListener('input', () => {
      this.hideError();
      this.updateSendState();
      this.schedulePreview();
      this.offerSnippets();
      if (this.onTyped && !this.isNote()) this.onTyped();
    });
    // Closed a moment after the box loses focus (a click on a saved reply lands first), unless the
    // focus came back meanwhile: typing "/" right after a click on Send would otherwise open the
    // list and see it closed under the caret by the click's late timer.
    this.textarea.addEventListener('blur', () =>
      setTimeout(() => {
        if (document.activeElement !== this.textarea) this.closeSnippets();
      }, 150));
    if (this.noteToggle) this.noteToggle.addEventListener('change', () => this.updateSendState());
    if (this.sendAtEl) {
      this.sendAtEl.addEventListener('input', () => {
        this.hideError();
        this.updateSendState();
      });
      // The picker offers no time already past.
      this.sendAtEl.addEventListener('focus', () => { this.sendAtEl.min = localInputValue(new Date()); });
    }
    this.textarea.addEventListener('keydown', (event) => {
      if (this.snippetsOpen() && this.snippetKey(event)) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.send();
      }
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.draftButton.addEventListener('click', () => this.draft());
    this.setConversation(null);
  }

  /** Points the composer at another conversation, keeping each one's unsent draft. */
  setConversation(conversationId) {
    if (this.conversationId != null) this.drafts.set(String(this.conversationId), this.textarea.value);
    this.conversationId = conversationId;
    this.blocked = null;
    const enabled = conversationId != null;
    this.textarea.value = enabled ? this.drafts.get(String(conversationId)) || '' : '';
    this.hideError();
    this.closeSnippets();
    this.updateSendState();
    this.schedulePreview.cancel();
    this.preview();
  }

  snippetsOpen() {
    return !this.snippetsEl.hidden;
  }

  /** The name typed after a "/" that starts a word just before the caret, or null. */
  slashQuery() {
    const before = this.textarea.value.slice(0, this.textarea.selectionStart);
    const match = /(?:^|\s)\/([^\s/]*)$/.exec(before);
    return match ? match[1] : null;
  }

  async offerSnippets() {
    if (this.slashQuery() == null) {
      this.closeSnippets();
      return;
    }
    if (!this.snippetsOpen() || this.snippets == null) {
      try {
        this.snippets = (await snippetsApi.list()) || [];
      } catch (error) {
        console.warn('SMS Inbox: saved replies unavailable', error);
        return;
      }
    }
    const query = this.slashQuery();
    if (query == null) {
      this.closeSnippets();
      return;
    }
    const lower = query.toLowerCase();
    this.snippetMatches = this.snippets.filter((s) => s.name.toLowerCase().includes(lower)).slice(0, 8);
    this.snippetIndex = 0;
    this.renderSnippets();
  }

  renderSnippets() {
    this.snippetsEl.replaceChildren();
    if (this.snippetMatches.length === 0) {
      const none = document.createElement('li');
      none.textContent = t('snippetsNone');
      none.setAttribute('role', 'option');
      none.setAttribute('aria-disabled', 'true');
      this.snippetsEl.append(none);
    }
    this.snippetMatches.forEach((snippet, i) => {
      const li = document.createElement('li');
      li.id = `composer-snippet-${i}`;
      li.setAttribute('role', 'option');
      li.dataset.testid = 'snippet-option';
      li.setAttribute('aria-selected', String(i === this.snippetIndex));
      const name = document.createElement('strong');
      name.textContent = `/${snippet.name}`;
      const text = document.createElement('span');
      text.className = 'snippet-text';
      text.textContent = snippet.text.length > 80 ? `${snippet.text.slice(0, 79)}…` : snippet.text;
      li.append(name, text);
      li.addEventListener('mousedown', (event) => {
        event.preventDefault(); // keep the focus (and the caret) in the box
        this.chooseSnippet(i);
      });
      this.snippetsEl.append(li);
    });
    this.snippetsEl.hidden = false;
    if (this.snippetMatches.length) this.textarea.setAttribute('aria-activedescendant', `composer-snippet-${this.snippetIndex}`);
  }

  /** Arrows move, Enter or Tab inserts, Escape closes; answers whether the key was used. */
  snippetKey(event) {
    const n = this.snippetMatches.length;
    if (event.key === 'Escape') {
      this.closeSnippets();
    } else if (event.key === 'ArrowDown' && n) {
      this.snippetIndex = (this.snippetIndex + 1) % n;
      this.renderSnippets();
    } else if (event.key === 'ArrowUp' && n) {
      this.snippetIndex = (this.snippetIndex - 1 + n) % n;
      this.renderSnippets();
    } else if ((event.key === 'Enter' || event.key === 'Tab') && n && !event.ctrlKey && !event.metaKey) {
      this.chooseSnippet(this.snippetIndex);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** Replaces "/name" with the saved reply's text, merge fields as written (the preview fills them). */
  chooseSnippet(i) {
    const snippet = this.snippetMatches[i];
    const query = this.slashQuery();
    if (!snippet || query == null) return;
    const caret = this.textarea.selectionStart;
    const start = caret - query.length - 1;
    const value = this.textarea.value;
    this.textarea.value = value.slice(0, start) + snippet.text + value.slice(caret);
    const after = start + snippet.text.length;
    this.textarea.setSelectionRange(after, after);
    this.closeSnippets();
    this.hideError();
    this.updateSendState();
    this.schedulePreview.cancel();
    this.preview();
  }

  closeSnippets() {
    if (!this.snippetsEl || this.snippetsEl.hidden) return;
    this.snippetsEl.hidden = true;
    this.snippetsEl.replaceChildren();
    this.textarea.removeAttribute('aria-activedescendant');
  }

  /**
   * Says why the conversation cannot be answered and disables the composer (a sender ID such as
   * "ACME" cannot receive SMS; our number may not be two-way); null enables it again.
   */
  setBlocked(reason) {
    this.blocked = reason ? String(reason) : null;
    this.updateSendState();
  }

  focus() {
    if (!this.textarea.disabled) this.textarea.focus();
  }

  updateSendState() {
    const blocked = this.blocked != null;
    this.textarea.disabled = this.conversationId == null || blocked;
    this.blockedEl.textContent = blocked ? this.blocked : '';
    this.blockedEl.hidden = !blocked;
    // A note is never an SMS: its merge fields are not filled in, so none can block it.
    this.sendButton.disabled =
      this.conversationId == null || blocked || this.sending || this.drafting || this.textarea.value.trim() === '' || (!this.isNote() && this.missing.length > 0);
    const later = this.sendAt() != null;
    this.sendButton.textContent = this.sending ? t('sending') : this.isNote() ? t('team.addNote') : later ? t('schedule') : t('send');
    if (this.sendAtEl) {
      // A note is never sent, so it has no time to be sent at.
      this.sendAtEl.closest('label').hidden = this.isNote();
      this.sendAtEl.disabled = this.conversationId == null || blocked || this.sending;
    }
    this.textarea.readOnly = this.sending || this.drafting; // what is being sent is what was typed
    this.form.setAttribute('aria-busy', String(this.sending || this.drafting));
    this.draftButton.hidden = !this.draftEnabled;
    this.draftButton.disabled = this.conversationId == null || blocked || this.sending || this.drafting;
    this.draftButton.textContent = this.drafting ? t('drafting') : t('draftReply');
  }

  /** Shows or hides the "Draft reply" button (the draftReply setting). */
  setDraftEnabled(enabled) {
    this.draftEnabled = Boolean(enabled);
    this.updateSendState();
  }

  /** Asks the reply assistant for a draft and puts it in the box, to be read and edited. */
  async draft() {
    const conversationId = this.conversationId;
    if (conversationId == null || this.drafting || this.sending) return;
    this.drafting = true;
    this.hideError();
    this.updateSendState();
    try {
      const result = await settingsApi.draftReply(conversationId);
      if (String(this.conversationId) !== String(conversationId)) return;
      const text = result && typeof result.text === 'string' ? result.text : '';
      if (!text) {
        this.showError(t('draftEmpty'));
        return;
      }
      this.textarea.value = text;
      this.schedulePreview.cancel();
      this.preview();
    } catch (error) {
      if (String(this.conversationId) === String(conversationId)) this.showError(t('draftFailed', describeError(error)));
    } finally {
      this.drafting = false;
      this.updateSendState();
      if (String(this.conversationId) === String(conversationId)) this.textarea.focus();
    }
  }

  async preview() {
    const text = this.textarea.value;
    const seq = ++this.previewSeq;
    if (this.previewAbort) this.previewAbort.abort();
    if (text === '') {
      this.showCounter(EMPTY_COUNT, text);
      return;
    }
    this.previewAbort = new AbortController();
    try {
      const result = await inboxApi.previewComposition(text, this.conversationId, this.previewAbort.signal);
      if (seq === this.previewSeq && result) this.showCounter(result, text);
    } catch (error) {
      if (!isAbort(error) && seq === this.previewSeq) {
        // Counting is a help, not a blocker: keep the last figures and say nothing here.
        console.warn('SMS Inbox: compose preview failed', error);
      }
    }
  }

  showCounter(result, text) {
    const { expanded, missing } = result;
    this.showMerge(Array.isArray(missing) ? missing : [], typeof expanded === 'string' ? expanded : text, text);
    showCount(this, result, text);
  }

  /** Which merge fields block the send, and what the customer will read when fields are filled. */
  showMerge(missing, expanded, text) {
    this.missing = missing;
    this.missingEl.textContent = missing.length ? t('mergeMissing', missing.map((f) => `{{${f}}}`).join(', ')) : '';
    this.missingEl.hidden = missing.length === 0;
    const differs = missing.length === 0 && expanded !== text && text !== '';
    this.expandedEl.textContent = differs ? t('mergeExpanded', expanded) : '';
    this.expandedEl.hidden = !differs;
    this.updateSendState();
  }

  async send() {
    const conversationId = this.conversationId;
    const text = this.textarea.value;
    if (conversationId == null || this.sending || text.trim() === '') return;
    this.sending = true;
    this.hideError();
    this.updateSendState();
    try {
      const note = this.isNote();
      const sendAt = note ? null : this.sendAt();
      let message;
      if (note) {
        message = await inboxApi.addNote(conversationId, text);
      } else {
        try {
          message = await inboxApi.sendReply(conversationId, text, false, sendAt);
        } catch (error) {
          // Inside the customer's quiet hours a person may still decide to text then: ask, once.
          const quiet = error && error.status === 409 && error.problem && error.problem.title === 'Quiet hours';
          if (!quiet || !window.confirm(t(sendAt ? 'quietHoursConfirmLater' : 'quietHoursConfirm', error.detail))) throw error;
          message = await inboxApi.sendReply(conversationId, text, true, sendAt);
        }
      }
      if (sendAt && this.sendAtEl) this.sendAtEl.value = '';
      this.drafts.delete(String(conversationId));
      if (String(this.conversationId) === String(conversationId)) {
        this.textarea.value = '';
        this.schedulePreview.cancel();
        this.preview();
      }
      if (message && note) {
        if (this.onNote) this.onNote(conversationId, message);
      } else if (message) this.onSent(conversationId, message);
    } catch (error) {
      if (String(this.conversationId) === String(conversationId)) this.showError(t('sendFailed', describeError(error)));
    } finally {
      this.sending = false;
      this.updateSendState();
    }
  }

  /** The "Send later" time as ISO-8601 (the browser's zone applied), or null to send now. */
  sendAt() {
    if (!this.sendAtEl || !this.sendAtEl.value) return null;
    const when = new Date(this.sendAtEl.value);
    return Number.isNaN(when.getTime()) ? null : when.toISOString();
  }

  /** Whether the text goes to the team as an internal note rather than to the customer. */
  isNote() {
    return Boolean(this.noteToggle && this.noteToggle.checked);
  }

  showError(text) {
    this.errorEl.textContent = text;
    this.errorEl.hidden = false;
  }

  hideError() {
    this.errorEl.textContent = '';
    this.errorEl.hidden = true;
  }
}

/** A Date as a datetime-local input's value (local time, to the minute). */
function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
