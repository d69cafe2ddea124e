// The reply composer: textarea, live character / message / credit counters from the server's
// preview, send with the button or Ctrl/Cmd+Enter, the problem's detail shown in words on failure,
// and the AI "Draft reply" button (fills the box, never sends) when the setting is on.
import { inboxApi, settingsApi, describeError, isAbort } from './api.js';
import { debounce } from './dom.js';
import { t } from './i18n.js';
import { firstUnicodeCharacter } from './sms-text.js';

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

    this.hintEl.textContent = t('sendHint', IS_MAC);
    this.textarea.addEventListener('input', () => {
      this.hideError();
      this.updateSendState();
      this.schedulePreview();
      if (this.onTyped && !this.isNote()) this.onTyped();
    });
    if (this.noteToggle) this.noteToggle.addEventListener('change', () => this.updateSendState());
    this.textarea.addEventListener('keydown', (event) => {
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
    this.updateSendState();
    this.schedulePreview.cancel();
    this.preview();
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
    this.sendButton.disabled = this.conversationId == null || blocked || this.sending || this.drafting || this.textarea.value.trim() === '';
    this.sendButton.textContent = this.sending ? t('sending') : this.isNote() ? t('team.addNote') : t('send');
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
      this.showCounter({ characters: 0, segments: 0, encoding: 'GSM7', remainingInSegment: 160, credits: 0 }, text);
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

  showCounter({ characters, segments, encoding, remainingInSegment, credits }, text) {
    const unicode = encoding === 'UCS2';
    const parts = [
      t('characters', Number(characters) || 0),
      t('segments', Number(segments) || 0),
      unicode ? t('encodingUcs') : t('encodingGsm'),
    ];
    if (remainingInSegment != null) parts.push(t('remaining', Number(remainingInSegment)));
    this.counterEl.textContent = parts.join(' · ');
    this.counterEl.dataset.encoding = unicode ? 'UCS2' : 'GSM7';
    this.counterEl.dataset.segments = String(Number(segments) || 0);
    this.counterEl.dataset.characters = String(Number(characters) || 0);
    // Credits: one per SMS part unless the server says otherwise.
    const cost = credits != null ? Number(credits) : Number(segments) || 0;
    this.creditsEl.textContent = t('creditsWillUse', cost);
    this.creditsEl.dataset.credits = String(cost);
    const culprit = unicode ? firstUnicodeCharacter(text) : null;
    this.warningEl.textContent = unicode ? (culprit ? t('ucs2WarningCharacter', culprit) : t('ucs2Warning')) : '';
    this.warningEl.hidden = !unicode;
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
      const message = note ? await inboxApi.addNote(conversationId, text) : await inboxApi.sendReply(conversationId, text);
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
