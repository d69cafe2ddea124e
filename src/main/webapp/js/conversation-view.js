// The open conversation (centre column). The whole thread comes in one answer, but only the newest
// messages are put on the page at first; older ones are added in chunks as the administrator
// scrolls up, so a conversation of thousands of messages opens at once and scrolls smoothly.
// New messages are appended and delivery statuses updated in place.
import { inboxApi, describeError, isAbort } from './api.js';
import { el, contactName } from './dom.js';
import {
  t, lang, formatMessageTime, formatDayAndTime, formatFull, formatDayHeading, dayKey,
} from './i18n.js';

const NEAR_BOTTOM_PX = 120;
const NEAR_TOP_PX = 300;
/** Messages rendered when a conversation opens, and per step when scrolling up. */
export const WINDOW_CHUNK = 200;

/** The words for an outbound message's delivery status, e.g. "Delivered" or "Failed: <error>". */
export function statusText(status, error, errorWords) {
  const word = t(`status.${status}`);
  const label = word === `status.${status}` ? String(status || '') : word;
  // A SENT message whose carrier answer never came says so: the admin may want to resend it.
  const unknown = status === 'SENT' && String(error || '').startsWith('UNKNOWN_OUTCOME');
  if (error && (unknown || status === 'FAILED' || status === 'REJECTED' || status === 'EXPIRED')) {
    return t('statusWithError', label, errorInWords(error, errorWords));
  }
  return label;
}

/**
 * The carrier's error in the screen's language with its raw code beside it ("The number does not
 * exist. (UNDELIV err 001)"), from the server's table; the error as stored when it has no words.
 */
export function errorInWords(error, errorWords) {
  if (!errorWords) return String(error);
  const words = errorWords[lang] || errorWords.en;
  return words ? t('errorWithCode', words, String(errorWords.code || error)) : String(error);
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

/** "Opted out" for a message that was an opt-out keyword, etc.; null for an ordinary message. */
export function keywordEventText(keywordEvent) {
  if (!keywordEvent) return null;
  const word = t(`keywordEvent.${keywordEvent}`);
  return word === `keywordEvent.${keywordEvent}` ? String(keywordEvent) : word;
}

/** "unreadable message (data coding 0x0F, 140 octets)" for a text the inbox could not read. */
export function unreadableText(unreadable) {
  const code = Number(unreadable.dataCoding) & 0xff;
  return t('unreadableMessage', `0x${code.toString(16).toUpperCase().padStart(2, '0')}`, Number(unreadable.octets) || 0);
}

/** The octets in hex, in groups of two digits, as a carrier engineer reads them. */
export function octetsText(hex) {
  return String(hex || '').replace(/(..)(?!$)/g, '$1 ');
}

/** The inbox's own answer to a keyword (origin id "keyword-reply"). */
export function isAutomaticReply(origin) {
  return Boolean(origin) && origin.type === 'INBOX' && origin.id === 'keyword-reply';
}

export class ConversationView {
  /**
   * @param {{header: HTMLElement, titleEl: HTMLElement, subtitleEl: HTMLElement,
   *          scrollEl: HTMLElement, threadEl: HTMLElement, placeholderEl: HTMLElement,
   *          errorEl: HTMLElement, olderButton: HTMLButtonElement,
   *          onLoaded: (conversation: any) => void}} options
   */
  constructor({ header, titleEl, subtitleEl, scrollEl, threadEl, placeholderEl, errorEl, olderButton, onLoaded }) {
    Object.assign(this, { header, titleEl, subtitleEl, scrollEl, threadEl, placeholderEl, errorEl, olderButton, onLoaded });
    this.conversation = null; // { id, contact, unreadCount }
    /** Every message of the open conversation, oldest first; only [windowStart, end) is on the page. */
    this.messages = [];
    /** @type {Map<string, any>} */
    this.byId = new Map();
    this.windowStart = 0;
    this.summaries = [];
    /** The team's internal notes, oldest first: in the thread, apart from the messages. */
    this.notes = [];
    /** @type {Map<string, HTMLLIElement>} */
    this.messageEls = new Map();
    /** Statuses that arrived before their message (e.g. a receipt racing the 202 response). */
    this.pendingStatus = new Map();
    this.abort = null;
    this.openId = null;
    this.scrollQueued = false;

    this.scrollEl.addEventListener('scroll', () => {
      if (this.scrollQueued) return;
      this.scrollQueued = true;
      requestAnimationFrame(() => {
        this.scrollQueued = false;
        if (this.scrollEl.scrollTop < NEAR_TOP_PX) this.showOlder();
      });
    }, { passive: true });
    this.olderButton.addEventListener('click', () => this.showOlder({ keepFocus: true }));
  }

  get currentId() {
    return this.openId;
  }

  /** Loads a conversation and renders its newest messages. */
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
        for (const message of conversation.messages || []) this.appendOrUpdate(message, { scroll: false });
        this.summaries = Array.isArray(conversation.summaries) ? conversation.summaries : [];
        this.placeSummaries();
        this.notes = Array.isArray(conversation.notes) ? conversation.notes.slice() : [];
        this.placeNotes();
        if (stick) this.scrollToBottom();
      }
      this.onLoaded(conversation);
    } catch (error) {
      if (!isAbort(error)) console.warn('SMS Inbox: could not refresh the conversation', error);
    }
  }

  /** @param {string} [reason] what the placeholder says instead of "select a conversation" */
  close(reason) {
    if (this.abort) this.abort.abort();
    this.openId = null;
    this.conversation = null;
    this.clearThread();
    this.header.hidden = true;
    this.showPlaceholder(reason || t('selectConversation'));
  }

  render(conversation) {
    this.conversation = { id: conversation.id, contact: conversation.contact, unreadCount: conversation.unreadCount || 0 };
    this.clearThread();
    this.renderHeader();
    this.messages = Array.isArray(conversation.messages) ? conversation.messages.slice() : [];
    for (const message of this.messages) this.byId.set(String(message.id), message);
    this.summaries = Array.isArray(conversation.summaries) ? conversation.summaries : [];
    this.windowStart = Math.max(0, this.messages.length - WINDOW_CHUNK);
    this.threadEl.append(this.buildRange(this.windowStart, this.messages.length));
    this.placeSummaries();
    this.notes = Array.isArray(conversation.notes) ? conversation.notes.slice() : [];
    this.placeNotes();
    this.updateOlderButton();
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
    // The thread's region is named after the conversation (the thread itself is no list: messages,
    // day headings, notes and summaries in reading order).
    this.scrollEl.setAttribute('aria-label', t('conversationWith', name));
    this.header.hidden = false;
  }

  /** Puts the next chunk of older messages on the page, keeping what the reader sees in place. */
  showOlder({ keepFocus = false } = {}) {
    if (!this.conversation || this.windowStart === 0) return;
    const oldStart = this.windowStart;
    const newStart = Math.max(0, oldStart - WINDOW_CHUNK);
    const head = this.threadEl.firstElementChild;
    const firstShown = this.messageEls.get(String(this.messages[oldStart].id));
    const anchorTop = firstShown ? firstShown.getBoundingClientRect().top : 0;

    // The old window began with a day heading of its own; keep it only at a real change of day.
    if (head && head.dataset.windowHead === 'true') {
      if (dayKey(this.messages[oldStart].at) === dayKey(this.messages[oldStart - 1].at)) head.remove();
      else delete head.dataset.windowHead;
    }
    this.threadEl.prepend(this.buildRange(newStart, oldStart));
    this.windowStart = newStart;
    this.placeSummaries();
    this.placeNotes();
    this.updateOlderButton();
    if (firstShown) this.scrollEl.scrollTop += firstShown.getBoundingClientRect().top - anchorTop;
    if (keepFocus && this.windowStart === 0) this.scrollEl.focus();
  }

  /**
   * Adds a message at the end of the thread (or updates it when it is already known).
   * @param {{scroll?: boolean}} [options] scroll: false when the caller decides about scrolling
   */
  appendOrUpdate(message, { scroll = true } = {}) {
    if (!this.conversation || !message || message.id == null) return;
    const known = this.byId.get(String(message.id));
    if (known) {
      Object.assign(known, message);
      const li = this.messageEls.get(String(message.id));
      if (li) this.setStatus(li, message.status, message.error, message.errorWords);
      return;
    }
    const stick = scroll && (this.isNearBottom() || message.direction === 'OUTBOUND');
    const previous = this.messages[this.messages.length - 1];
    this.messages.push(message);
    this.byId.set(String(message.id), message);
    if (!previous || dayKey(previous.at) !== dayKey(message.at)) {
      const day = this.createDaySeparator(message.at);
      if (day) this.threadEl.append(day);
    }
    this.threadEl.append(this.createMessage(message));
    if (this.summaries.length) this.placeSummaries(); // one may be waiting for this message
    if (stick) this.scrollToBottom();
  }

  /** A delivery receipt changed one of our messages. */
  updateStatus(messageId, status, error, errorWords) {
    const li = this.messageEls.get(String(messageId));
    const message = this.byId.get(String(messageId));
    if (message) {
      Object.assign(message, { status, error: error == null ? message.error : error });
      if (errorWords) message.errorWords = errorWords;
    }
    if (li) this.setStatus(li, status, error, errorWords);
    else if (this.conversation && !message) this.pendingStatus.set(String(messageId), { status, error, errorWords });
  }

  /** A summary written while the conversation is open (live event conversation.summarized). */
  addSummary(summary) {
    if (!this.conversation || !summary || !summary.text) return;
    const count = Number(summary.messageCount);
    this.summaries = this.summaries.filter((s) => Number(s.messageCount) !== count).concat([summary]);
    this.placeSummaries();
  }

  /** A colleague's (or this admin's) internal note (live event note.added). */
  addNote(note) {
    if (!this.conversation || !note || this.notes.some((n) => String(n.id) === String(note.id))) return;
    const stick = this.isNearBottom();
    this.notes.push(note);
    this.placeNotes();
    if (stick) this.scrollToBottom();
  }

  setUnreadCount(unreadCount) {
    if (this.conversation) this.conversation.unreadCount = unreadCount;
  }

  // --- building messages --------------------------------------------------------------------

  /** Messages [from, to) with their day headings; the first always gets one (window head). */
  buildRange(from, to) {
    const fragment = document.createDocumentFragment();
    for (let i = from; i < to; i++) {
      const message = this.messages[i];
      if (i === from || dayKey(message.at) !== dayKey(this.messages[i - 1].at)) {
        const day = this.createDaySeparator(message.at);
        if (day) {
          if (i === from && i > 0 && dayKey(message.at) === dayKey(this.messages[i - 1].at)) day.dataset.windowHead = 'true';
          fragment.append(day);
        }
      }
      fragment.append(this.createMessage(message));
    }
    return fragment;
  }

  createMessage(message) {
    const inbound = message.direction === 'INBOUND';
    const li = el('div', {
      className: `message ${inbound ? 'message-inbound' : 'message-outbound'}`,
      dataset: {
        testid: 'message',
        messageId: String(message.id),
        direction: String(message.direction || ''),
        status: String(message.status || ''),
      },
    });

    if (inbound && message.inReplyTo) {
      const context = replyContextText(message.inReplyTo);
      if (context) {
        li.append(el('p', {
          className: 'message-context', text: context, title: formatFull(message.inReplyTo.at), dataset: { testid: 'reply-context' },
        }));
      }
    }
    const origin = message.origin;
    if (!inbound && origin && (origin.type === 'CAMPAIGN' || origin.type === 'AUTOMATION')) {
      const label = origin.type === 'CAMPAIGN' ? t('originCampaign', String(origin.name || origin.id || '')) : t('originAutomation', String(origin.name || origin.id || ''));
      li.append(el('p', { className: 'message-origin', text: label, dataset: { testid: 'message-origin' } }));
    }
    if (!inbound && isAutomaticReply(origin)) {
      // The confirmation the inbox sent by itself after STOP, START or HELP: nobody typed it.
      li.dataset.automatic = 'true';
      li.append(el('p', {
        className: 'message-origin message-automatic', text: t('automaticReply'), title: origin.name ? String(origin.name) : '', dataset: { testid: 'automatic-reply' },
      }));
    }

    const unreadable = message.unreadable;
    const text = unreadable ? unreadableText(unreadable) : (message.text == null ? '' : String(message.text));
    li.append(el('div', { className: 'bubble' },
      el('span', { className: 'sr-only', text: `${inbound ? t('customerSaid') : t('weSaid')}: ` }),
      el('span', { className: 'bubble-text', text, dataset: { testid: 'message-text' } })));
    if (unreadable) {
      // No text is guessed from octets the inbox cannot read: they are shown as they came.
      li.classList.add('message-unreadable');
      li.dataset.unreadable = 'true';
      const octets = el('pre', {
        className: 'octets', text: octetsText(unreadable.hex), dataset: { testid: 'unreadable-octets' }, attrs: { 'aria-label': t('octetsLabel') },
      });
      octets.hidden = true;
      octets.id = `octets-${message.id}`;
      const toggle = el('button', {
        className: 'button button-small octets-toggle',
        text: t('showOctets'),
        dataset: { testid: 'unreadable-toggle' },
        attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': octets.id },
      });
      toggle.addEventListener('click', () => {
        octets.hidden = !octets.hidden;
        toggle.setAttribute('aria-expanded', String(!octets.hidden));
        toggle.textContent = octets.hidden ? t('showOctets') : t('hideOctets');
      });
      li.append(toggle, octets);
    }

    const keyword = keywordEventText(message.keywordEvent);
    if (keyword) {
      li.dataset.keywordEvent = String(message.keywordEvent);
      li.append(el('p', {
        className: `keyword-event keyword-${String(message.keywordEvent).toLowerCase()}`,
        text: keyword,
        dataset: { testid: 'keyword-event' },
      }));
    }
    if (message.incomplete) li.append(el('p', { className: 'message-note', text: t('incomplete') }));

    const meta = el('div', { className: 'message-meta' });
    if (message.at) {
      const label = formatMessageTime(message.at);
      meta.append(el('time', {
        className: 'message-time',
        dateTime: message.at,
        title: formatFull(message.at),
        text: inbound ? t('arrivedShort', label) : label,
        dataset: { testid: 'message-time' },
        attrs: { 'aria-label': inbound ? t('arrivedAt', formatFull(message.at)) : t('sentAt', formatFull(message.at)) },
      }));
    }
    if (!inbound && message.sentBy && message.sentBy.name) {
      // Who sent the reply: several admins answer one account's inbox.
      meta.append(' · ', el('span', { className: 'message-sender', text: t('sentBy', String(message.sentBy.name)), dataset: { testid: 'message-sender' } }));
    }
    if (!inbound) {
      meta.append(' · ', el('span', { className: 'message-status', dataset: { testid: 'message-status' }, attrs: { 'aria-live': 'polite' } }));
    }
    li.append(meta);

    this.messageEls.set(String(message.id), li);
    const pending = this.pendingStatus.get(String(message.id));
    if (pending) {
      this.pendingStatus.delete(String(message.id));
      Object.assign(message, { status: pending.status, error: pending.error == null ? message.error : pending.error });
      if (pending.errorWords) message.errorWords = pending.errorWords;
    }
    this.setStatus(li, message.status, message.error, message.errorWords);
    return li;
  }

  setStatus(li, status, error, errorWords) {
    if (!status) return;
    li.dataset.status = String(status);
    const statusEl = li.querySelector('[data-testid="message-status"]');
    if (!statusEl) return;
    statusEl.textContent = statusText(status, error, errorWords);
    if (errorWords) statusEl.title = String(error);
    statusEl.className = `message-status status-${String(status).toLowerCase()}`;
  }

  createDaySeparator(at) {
    const text = formatDayHeading(at);
    if (!text) return null;
    // A heading, not a separator inside a list: screen readers list the days and jump between them.
    return el('h3', { className: 'day-separator' }, el('span', { text }));
  }

  /** Summaries (F13) go after the message they summarise up to, when that message is on the page. */
  placeSummaries() {
    for (const old of this.threadEl.querySelectorAll('[data-testid="summary"]')) old.remove();
    for (const summary of this.summaries) {
      if (!summary || !summary.text) continue;
      const index = Number(summary.messageCount) - 1;
      const message = this.messages[index];
      if (!message || index < this.windowStart) continue;
      const li = this.messageEls.get(String(message.id));
      if (!li) continue;
      li.after(el('div', { className: 'summary', dataset: { testid: 'summary' }, attrs: { role: 'note' } },
        el('p', { className: 'summary-title', text: t('summaryTitle', Number(summary.messageCount) || 0) }),
        el('p', { className: 'summary-text', text: String(summary.text) })));
    }
  }

  /**
   * Notes go after the last message on the page sent before them (after any summary or note
   * already there), so they read in time order without being messages.
   */
  placeNotes() {
    for (const old of this.threadEl.querySelectorAll('[data-testid="note"]')) old.remove();
    for (const note of this.notes) {
      const at = new Date(note.at);
      let anchor = null;
      for (let i = this.messages.length - 1; i >= this.windowStart; i--) {
        if (new Date(this.messages[i].at) <= at) {
          anchor = this.messageEls.get(String(this.messages[i].id)) || null;
          break;
        }
      }
      const li = this.createNote(note);
      if (anchor) {
        while (anchor.nextElementSibling && ['note', 'summary'].includes(anchor.nextElementSibling.dataset.testid)) {
          anchor = anchor.nextElementSibling;
        }
        anchor.after(li);
      } else if (this.windowStart === 0) {
        const first = this.threadEl.querySelector('[data-testid="message"]');
        if (first) first.before(li);
        else this.threadEl.append(li);
      }
    }
  }

  createNote(note) {
    const by = note.sentBy ? note.sentBy.name || note.sentBy.id : '';
    return el('div', {
      className: 'note', dataset: { testid: 'note', noteId: String(note.id), direction: 'NOTE' }, attrs: { role: 'note' },
    },
    el('p', { className: 'note-title' },
      el('span', { text: by ? t('team.noteBy', by) : t('team.note') }),
      ' · ',
      el('time', { text: formatMessageTime(note.at), dateTime: note.at, title: formatFull(note.at) })),
    el('p', { className: 'note-text', text: String(note.text || '') }));
  }

  updateOlderButton() {
    const hidden = this.windowStart === 0;
    this.olderButton.hidden = hidden;
    if (!hidden) this.olderButton.textContent = t('showOlder', this.windowStart);
  }

  // --- state --------------------------------------------------------------------------------

  clearThread() {
    this.threadEl.replaceChildren();
    this.scrollEl.setAttribute('aria-label', t('messages'));
    this.messageEls.clear();
    this.pendingStatus.clear();
    this.byId.clear();
    this.messages = [];
    this.summaries = [];
    this.notes = [];
    this.windowStart = 0;
    this.olderButton.hidden = true;
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
