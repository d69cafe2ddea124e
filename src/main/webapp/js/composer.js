// The reply composer: textarea, live character / message counters from the server's preview,
// send with the button or Ctrl/Cmd+Enter, the problem's detail shown in words on failure.
import { inboxApi, describeError, isAbort } from './api.js';
import { debounce } from './dom.js';
import { t } from './i18n.js';

const PREVIEW_DELAY_MS = 120;
const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || '');

export class Composer {
  /**
   * @param {{form: HTMLFormElement, textarea: HTMLTextAreaElement, counterEl: HTMLElement,
   *          warningEl: HTMLElement, errorEl: HTMLElement, sendButton: HTMLButtonElement,
   *          hintEl: HTMLElement, onSent: (conversationId: number, message: any) => void}} options
   */
  constructor({ form, textarea, counterEl, warningEl, errorEl, sendButton, hintEl, onSent }) {
    Object.assign(this, { form, textarea, counterEl, warningEl, errorEl, sendButton, hintEl, onSent });
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
    });
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
    this.setConversation(null);
  }

  /** Points the composer at another conversation, keeping each one's unsent draft. */
  setConversation(conversationId) {
    if (this.conversationId != null) this.drafts.set(String(this.conversationId), this.textarea.value);
    this.conversationId = conversationId;
    const enabled = conversationId != null;
    this.textarea.disabled = !enabled;
    this.textarea.value = enabled ? this.drafts.get(String(conversationId)) || '' : '';
    this.hideError();
    this.updateSendState();
    this.schedulePreview.cancel();
    this.preview();
  }

  focus() {
    if (!this.textarea.disabled) this.textarea.focus();
  }

  updateSendState() {
    this.sendButton.disabled = this.conversationId == null || this.sending || this.textarea.value.trim() === '';
    this.sendButton.textContent = this.sending ? t('sending') : t('send');
    this.textarea.readOnly = this.sending; // what is being sent is what was typed
    this.form.setAttribute('aria-busy', String(this.sending));
  }

  async preview() {
    const text = this.textarea.value;
    const seq = ++this.previewSeq;
    if (this.previewAbort) this.previewAbort.abort();
    if (text === '') {
      this.showCounter({ characters: 0, segments: 0, encoding: 'GSM7', remainingInSegment: 160 });
      return;
    }
    this.previewAbort = new AbortController();
    try {
      const result = await inboxApi.previewComposition(text, this.previewAbort.signal);
      if (seq === this.previewSeq && result) this.showCounter(result);
    } catch (error) {
      if (!isAbort(error) && seq === this.previewSeq) {
        // Counting is a help, not a blocker: keep the last figures and say nothing here.
        console.warn('SMS Inbox: compose preview failed', error);
      }
    }
  }

  showCounter({ characters, segments, encoding, remainingInSegment, credits }) {
    const unicode = encoding === 'UCS2';
    const parts = [
      t('characters', Number(characters) || 0),
      t('segments', Number(segments) || 0),
      unicode ? t('encodingUcs') : t('encodingGsm'),
    ];
    if (remainingInSegment != null) parts.push(t('remaining', Number(remainingInSegment)));
    this.counterEl.textContent = parts.join(' · ');
    this.counterEl.title = credits != null ? t('credits', Number(credits)) : '';
    this.counterEl.dataset.encoding = unicode ? 'UCS2' : 'GSM7';
    this.counterEl.dataset.segments = String(Number(segments) || 0);
    this.warningEl.textContent = unicode ? t('ucs2Warning') : '';
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
      const message = await inboxApi.sendReply(conversationId, text);
      this.drafts.delete(String(conversationId));
      if (String(this.conversationId) === String(conversationId)) {
        this.textarea.value = '';
        this.schedulePreview.cancel();
        this.preview();
      }
      if (message) this.onSent(conversationId, message);
    } catch (error) {
      if (String(this.conversationId) === String(conversationId)) this.showError(t('sendFailed', describeError(error)));
    } finally {
      this.sending = false;
      this.updateSendState();
    }
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
