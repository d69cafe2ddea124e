// The open conversation (centre column): the thread is rendered once when opened, then new
// messages are appended and delivery statuses updated in place.
import { inboxApi, describeError, isAbort } from './api.js';
import { el, contactName } from './dom.js';
import {
  t, formatMessageTime, formatDayAndTime, formatFull, formatDayHeading, dayKey,
} from './i18n.js';

const NEAR_BOTTOM_PX = 120;

/** The words for an outbound message's delivery status, e.g. "Delivered" or "Failed: <error>". */
export function statusText(status, error) {
  const word = t(`status.${status}`);
  const label = word === `status.${status}` ? String(status || '') : word;
  if (error && (status === 'FAILED' || status === 'REJECTED' || status === 'EXPIRED')) {
    return t('statusWithError', label, String(error));
  }
  return label;
}

/** "Reply to SMS campaign “Black Friday” sent 24 Nov 09:00", or null when unknown. */
export function replyContextText(inReplyTo) {
  if (!inReplyTo) return null;
  const when = formatDayAndTime(inReplyTo.at);
  const origin = inReplyTo.origin || {};
  const name = origin.name ? String(origin.name) : '';
  switch (origin.type) {
    case 'CAMPAIGN': return name ? t('replyToCampaign', name, when) : t('replyToCampaignUnnamed', when);
    case 'AUTOMATION': return name ? t('replyToAutomation', name, when) : t('replyToAutomationUnnamed', when);
    default: return t('replyToInbox', when);
  }
}

export class ConversationView {
  /**
   * @param {{header: HTMLElement, titleEl: HTMLElement, subtitleEl: HTMLElement,
   *          scrollEl: HTMLElement, threadEl: HTMLElement, placeholderEl: HTMLElement,
   *          errorEl: HTMLElement, onLoaded: (conversation: any) => void}} options
   */
  constructor({ header, titleEl, subtitleEl, scrollEl, threadEl, placeholderEl, errorEl, onLoaded }) {
    Object.assign(this, { header, titleEl, subtitleEl, scrollEl, threadEl, placeholderEl, errorEl, onLoaded });
    this.conversation = null; // { id, contact, unreadCount }
    /** @type {Map<string, HTMLLIElement>} */
    this.messageEls = new Map();
    /** Statuses that arrived before their message (e.g. a receipt racing the 202 response). */
    this.pendingStatus = new Map();
    this.lastDayKey = '';
    this.abort = null;
    this.openId = null;
  }

  get currentId() {
    return this.openId;
  }

  /** Loads a conversation and renders its whole thread once. */
  async open(id) {
    if (this.abort) this.abort.abort();
    this.abort = new AbortController();
    const signal = this.abort.signal;
    const switching = String(id) !== String(this.openId);
    this.openId = id;
    if (switching) {
      this.clearThread();
      this.conversation = null;
      this.showPlaceholder(t('loading'));
    }
    this.threadEl.setAttribute('aria-busy', 'true');
    try {
      const conversation = await inboxApi.getConversation(id, signal);
      if (signal.aborted || String(this.openId) !== String(id)) return;
      this.render(conversation);
      this.onLoaded(conversation);
    } catch (error) {
      if (isAbort(error) || String(this.openId) !== String(id)) return;
      this.showError(`${t('errors.loadConversation')} ${describeError(error)}`);
    } finally {
      if (String(this.openId) === String(id)) this.threadEl.removeAttribute('aria-busy');
    }
  }

  /** Fetches the open conversation again and merges what is missing (after a reconnect). */
  async resync() {
    if (this.openId == null) return;
    const id = this.openId;
    try {
      const conversation = await inboxApi.getConversation(id);
      if (String(this.openId) !== String(id)) return;
      if (!this.conversation) {
        this.render(conversation);
      } else {
        this.conversation.contact = conversation.contact;
        this.conversation.unreadCount = conversation.unreadCount;
        this.renderHeader();
        const stick = this.isNearBottom();
        for (const message of conversation.messages || []) this.appendOrUpdate(message);
        if (stick) this.scrollToBottom();
      }
      this.onLoaded(conversation);
    } catch (error) {
      if (!isAbort(error)) console.warn('SMS Inbox: could not refresh the conversation', error);
    }
  }

  close() {
    if (this.abort) this.abort.abort();
    this.openId = null;
    this.conversation = null;
    this.clearThread();
    this.header.hidden = true;
    this.showPlaceholder(t('selectConversation'));
  }

  render(conversation) {
    this.conversation = { id: conversation.id, contact: conversation.contact, unreadCount: conversation.unreadCount || 0 };
    this.clearThread();
    this.renderHeader();
    const fragment = document.createDocumentFragment();
    for (const message of conversation.messages || []) {
      const day = dayKey(message.at);
      if (day && day !== this.lastDayKey) {
        fragment.append(this.createDaySeparator(message.at));
        this.lastDayKey = day;
      }
      fragment.append(this.createMessage(message));
    }
    this.threadEl.append(fragment);
    this.placeholderEl.hidden = true;
    this.errorEl.hidden = true;
    this.scrollEl.hidden = false;
    this.scrollToBottom();
  }

  renderHeader() {
    const contact = this.conversation && this.conversation.contact;
    const name = contactName(contact, t('unknownContact'));
    this.titleEl.textContent = name;
    const subtitle = contact && contact.phone && contact.phone !== name ? contact.phone : '';
    this.subtitleEl.textContent = subtitle;
    this.subtitleEl.hidden = !subtitle;
    this.threadEl.setAttribute('aria-label', t('conversationWith', name));
    this.header.hidden = false;
  }

  /** Adds a message at the end of the thread (or updates it when it is already shown). */
  appendOrUpdate(message) {
    if (!this.conversation || !message || message.id == null) return;
    const existing = this.messageEls.get(String(message.id));
    if (existing) {
      this.setStatus(existing, message.status, message.error);
      return;
    }
    const stick = this.isNearBottom() || message.direction === 'OUTBOUND';
    const day = dayKey(message.at);
    if (day && day !== this.lastDayKey) {
      this.threadEl.append(this.createDaySeparator(message.at));
      this.lastDayKey = day;
    }
    this.threadEl.append(this.createMessage(message));
    if (stick) this.scrollToBottom();
  }

  /** A delivery receipt changed one of our messages. */
  updateStatus(messageId, status, error) {
    const li = this.messageEls.get(String(messageId));
    if (li) this.setStatus(li, status, error);
    else if (this.conversation) this.pendingStatus.set(String(messageId), { status, error });
  }

  setUnreadCount(unreadCount) {
    if (this.conversation) this.conversation.unreadCount = unreadCount;
  }

  // --- building messages --------------------------------------------------------------------

  createMessage(message) {
    const inbound = message.direction === 'INBOUND';
    const li = el('li', {
      className: `message ${inbound ? 'message-inbound' : 'message-outbound'}`,
      dataset: { testid: 'message', messageId: String(message.id), status: String(message.status || '') },
    });

    if (inbound && message.inReplyTo) {
      const context = replyContextText(message.inReplyTo);
      if (context) li.append(el('p', { className: 'message-context', text: context, title: formatFull(message.inReplyTo.at) }));
    }
    const origin = message.origin;
    if (!inbound && origin && (origin.type === 'CAMPAIGN' || origin.type === 'AUTOMATION')) {
      const label = origin.type === 'CAMPAIGN' ? t('originCampaign', String(origin.name || origin.id || '')) : t('originAutomation', String(origin.name || origin.id || ''));
      li.append(el('p', { className: 'message-origin', text: label }));
    }

    li.append(el('div', { className: 'bubble' },
      el('span', { className: 'sr-only', text: `${inbound ? t('customerSaid') : t('weSaid')}: ` }),
      el('span', { className: 'bubble-text', text: message.text == null ? '' : String(message.text) })));

    const meta = el('div', { className: 'message-meta' });
    if (message.at) {
      const label = formatMessageTime(message.at);
      meta.append(el('time', {
        className: 'message-time',
        dateTime: message.at,
        title: formatFull(message.at),
        text: label,
        attrs: { 'aria-label': inbound ? t('arrivedAt', formatFull(message.at)) : t('sentAt', formatFull(message.at)) },
      }));
    }
    if (!inbound) {
      meta.append(' · ', el('span', { className: 'message-status', dataset: { testid: 'message-status' } }));
    }
    li.append(meta);

    this.messageEls.set(String(message.id), li);
    const pending = this.pendingStatus.get(String(message.id));
    if (pending) this.pendingStatus.delete(String(message.id));
    this.setStatus(li, pending ? pending.status : message.status, pending ? pending.error : message.error);
    return li;
  }

  setStatus(li, status, error) {
    if (!status) return;
    li.dataset.status = String(status);
    const statusEl = li.querySelector('[data-testid="message-status"]');
    if (!statusEl) return;
    statusEl.textContent = statusText(status, error);
    statusEl.className = `message-status status-${String(status).toLowerCase()}`;
  }

  createDaySeparator(at) {
    return el('li', { className: 'day-separator', attrs: { role: 'separator' } },
      el('span', { text: formatDayHeading(at) }));
  }

  // --- state --------------------------------------------------------------------------------

  clearThread() {
    this.threadEl.replaceChildren();
    this.messageEls.clear();
    this.pendingStatus.clear();
    this.lastDayKey = '';
  }

  showPlaceholder(text) {
    this.placeholderEl.textContent = text;
    this.placeholderEl.hidden = false;
    this.errorEl.hidden = true;
    if (!this.conversation) this.header.hidden = true;
  }

  showError(text) {
    this.placeholderEl.hidden = true;
    this.errorEl.textContent = text;
    this.errorEl.hidden = false;
  }

  isNearBottom() {
    const { scrollTop, clientHeight, scrollHeight } = this.scrollEl;
    return scrollHeight - (scrollTop + clientHeight) <= NEAR_BOTTOM_PX;
  }

  /** Scrolls to the newest message; repeats for a few frames while off-screen rows settle their size. */
  scrollToBottom() {
    const scroller = this.scrollEl;
    scroller.scrollTop = scroller.scrollHeight;
    let frames = 0;
    const settle = () => {
      const before = scroller.scrollTop;
      scroller.scrollTop = scroller.scrollHeight;
      if (scroller.scrollTop !== before && ++frames < 10) requestAnimationFrame(settle);
    };
    requestAnimationFrame(settle);
  }
}
