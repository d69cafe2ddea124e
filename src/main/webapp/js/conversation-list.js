// The conversation list (left column): pages appended as the administrator scrolls, one row
// updated at a time when something happens, keyboard navigation as a listbox.
import { inboxApi, describeError, isAbort } from './api.js';
import { el, contactName } from './dom.js';
import { t, formatListTime, formatFull } from './i18n.js';

const PAGE_SIZE = 30;
const LOAD_MORE_MARGIN_PX = 400;

export class ConversationList {
  /**
   * @param {{listEl: HTMLElement, scrollEl: HTMLElement, statusEl: HTMLElement,
   *          onOpen: (id: number, options: {focusThread: boolean}) => void}} options
   */
  constructor({ listEl, scrollEl, statusEl, onOpen }) {
    this.listEl = listEl;
    this.scrollEl = scrollEl;
    this.statusEl = statusEl;
    this.onOpen = onOpen;
    /** @type {Map<string, {li: HTMLLIElement, item: any}>} */
    this.rows = new Map();
    this.filter = { q: '', unreadOnly: false, status: 'OPEN', assignee: 'all' };
    /** The signed-in admin's id: what "Mine" means. */
    this.meId = null;
    this.nextCursor = null;
    /** The newest conversations' request under way, and whether another was asked for meanwhile. */
    this.refreshing = null;
    this.refreshAgain = false;
    this.loading = false;
    this.failed = false;
    this.generation = 0;
    this.abort = null;
    this.selectedId = null;

    this.scrollEl.addEventListener('scroll', () => this.loadMoreIfNearBottom(), { passive: true });
    this.listEl.addEventListener('click', (event) => {
      const li = event.target.closest('[data-testid="conversation-row"]');
      if (li) this.open(li, { focusThread: false });
    });
    this.listEl.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  /** Changes search text / unread switch and reloads from the first page. */
  setFilter(filter) {
    this.filter = { ...this.filter, ...filter };
    return this.reload();
  }

  /** Empties the list and loads the first page for the current filter. */
  async reload() {
    this.generation += 1;
    if (this.abort) this.abort.abort();
    this.rows.clear();
    this.listEl.replaceChildren();
    this.nextCursor = null;
    this.failed = false;
    this.loading = false;
    await this.loadPage(null);
  }

  async loadPage(cursor) {
    const generation = this.generation;
    this.loading = true;
    this.abort = new AbortController();
    this.showStatus(cursor ? t('loadingMore') : t('loading'));
    this.listEl.setAttribute('aria-busy', 'true');
    try {
      const page = await inboxApi.listConversations(
        { ...this.query(), limit: PAGE_SIZE, cursor },
        this.abort.signal,
      );
      if (generation !== this.generation) return;
      const fragment = document.createDocumentFragment();
      for (const item of (page && page.items) || []) {
        if (this.rows.has(String(item.id))) continue; // moved up by a live update meanwhile
        fragment.append(this.createRow(item));
      }
      this.listEl.append(fragment);
      this.nextCursor = (page && page.nextCursor) || null;
      this.failed = false;
      this.loading = false;
      this.updateEmptyState();
      this.ensureTabStop();
      // Keep filling while the column is not yet scrollable.
      this.loadMoreIfNearBottom();
    } catch (error) {
      if (isAbort(error) || generation !== this.generation) return;
      this.loading = false;
      this.failed = true;
      this.showError(`${t('errors.loadList')} ${describeError(error)}`, () => this.loadPage(cursor));
    } finally {
      if (generation === this.generation) this.listEl.removeAttribute('aria-busy');
    }
  }

  loadMoreIfNearBottom() {
    if (this.loading || this.failed || !this.nextCursor) return;
    const { scrollTop, clientHeight, scrollHeight } = this.scrollEl;
    if (scrollTop + clientHeight >= scrollHeight - LOAD_MORE_MARGIN_PX) this.loadPage(this.nextCursor);
  }

  /**
   * Brings the newest conversations into the list (after a reconnect, and when a message arrives
   * for a conversation not in the list). A flood's events for such conversations each ask for it:
   * one request at a time, and one more after it when any asked meanwhile (a request each made the
   * browser run out of connections and kept the server busy).
   */
  refreshHead() {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.loadHead();
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Fetches the first page again and merges it on top without dropping the rows loaded below. */
  async loadHead() {
    const generation = this.generation;
    try {
      const page = await inboxApi.listConversations({ ...this.query(), limit: PAGE_SIZE });
      if (generation !== this.generation) return;
      const wasEmpty = this.rows.size === 0;
      let ref = this.listEl.firstElementChild;
      for (const item of (page && page.items) || []) {
        const li = this.upsert(item);
        if (li === ref) ref = ref.nextElementSibling;
        else this.listEl.insertBefore(li, ref);
      }
      if (wasEmpty) this.nextCursor = (page && page.nextCursor) || null;
      this.failed = false;
      this.updateEmptyState();
      this.ensureTabStop();
    } catch (error) {
      if (!isAbort(error)) console.warn('SMS Inbox: could not refresh the conversation list', error);
    }
  }

  /** A message arrived or was sent in a conversation: update its row and move it to the top. */
  applyMessage(conversationId, message, { countAsUnread }) {
    const entry = this.rows.get(String(conversationId));
    if (!entry) {
      this.refreshHead();
      return;
    }
    const item = entry.item;
    item.lastMessage = { text: message.text, direction: message.direction, at: message.at };
    if (!item.lastActivityAt || new Date(message.at) >= new Date(item.lastActivityAt)) item.lastActivityAt = message.at;
    if (countAsUnread) item.unreadCount = (item.unreadCount || 0) + 1;
    this.renderRow(entry.li, item);
    if (this.listEl.firstElementChild !== entry.li) this.listEl.prepend(entry.li);
  }

  query() {
    const { q, unreadOnly, status, assignee } = this.filter;
    return { q, unreadOnly, status, assignee };
  }

  /**
   * A conversation's status or assignee changed (here or on a colleague's screen): its row shows
   * it, leaves the list when it no longer matches the filters, and comes in when it now does.
   */
  applyTeamState(state) {
    if (!state) return;
    const entry = this.rows.get(String(state.conversationId));
    const item = entry ? entry.item : {};
    const next = { ...item, status: state.status || item.status || 'OPEN', snoozedUntil: state.snoozedUntil || null };
    if (!state.keepAssignee) next.assignee = state.assignee || null;
    if (!this.matches(next)) {
      if (entry) this.remove(state.conversationId);
      return;
    }
    if (!entry) {
      this.refreshHead();
      return;
    }
    entry.item = next;
    this.renderRow(entry.li, next);
  }

  matches(item) {
    const { status, assignee } = this.filter;
    if (status && status !== 'ALL' && (item.status || 'OPEN') !== status) return false;
    const who = item.assignee ? item.assignee.id : null;
    if (assignee === 'none' && who != null) return false;
    if (assignee === 'me' && (who == null || who !== this.meId)) return false;
    if (assignee && !['all', 'none', 'me'].includes(assignee) && who !== assignee) return false;
    return true;
  }

  /** Sets the unread count of one row (after read / unread). */
  setUnreadCount(conversationId, unreadCount) {
    const entry = this.rows.get(String(conversationId));
    if (!entry) return;
    entry.item.unreadCount = unreadCount;
    this.renderRow(entry.li, entry.item);
  }

  /** Contact details changed elsewhere (e.g. the conversation was loaded): refresh the row. */
  updateContact(conversationId, contact) {
    const entry = this.rows.get(String(conversationId));
    if (!entry || !contact) return;
    entry.item.contact = contact;
    this.renderRow(entry.li, entry.item);
  }

  /** The conversation is gone (its contact was deleted): its row goes too. */
  remove(conversationId) {
    const entry = this.rows.get(String(conversationId));
    if (!entry) return;
    entry.li.remove();
    this.rows.delete(String(conversationId));
    if (String(this.selectedId) === String(conversationId)) this.selectedId = null;
    this.updateEmptyState();
    this.ensureTabStop();
  }

  contactOf(conversationId) {
    const entry = this.rows.get(String(conversationId));
    return entry ? entry.item.contact : null;
  }

  unreadCountOf(conversationId) {
    const entry = this.rows.get(String(conversationId));
    return entry ? entry.item.unreadCount || 0 : 0;
  }

  /** Marks the open conversation as selected (aria-selected, roving tab stop). */
  select(conversationId) {
    const previous = this.selectedId != null ? this.rows.get(String(this.selectedId)) : null;
    if (previous) previous.li.setAttribute('aria-selected', 'false');
    this.selectedId = conversationId;
    const entry = conversationId != null ? this.rows.get(String(conversationId)) : null;
    if (entry) {
      entry.li.setAttribute('aria-selected', 'true');
      this.setTabStop(entry.li);
    }
  }

  /** Focuses the selected row, or the first one. */
  focus() {
    const li = this.listEl.querySelector('[tabindex="0"]') || this.listEl.firstElementChild;
    if (li) li.focus();
  }

  // --- rows ---------------------------------------------------------------------------------

  upsert(item) {
    const entry = this.rows.get(String(item.id));
    if (entry) {
      entry.item = item;
      this.renderRow(entry.li, item);
      return entry.li;
    }
    return this.createRow(item);
  }

  createRow(item) {
    const li = el('li', {
      id: `conversation-${item.id}`,
      className: 'conversation-row',
      tabIndex: -1,
      attrs: { role: 'option', 'aria-selected': String(String(item.id) === String(this.selectedId)) },
      dataset: { testid: 'conversation-row', conversationId: String(item.id) },
    });
    this.rows.set(String(item.id), { li, item });
    this.renderRow(li, item);
    return li;
  }

  renderRow(li, item) {
    const unread = item.unreadCount || 0;
    li.classList.toggle('is-unread', unread > 0);
    const name = contactName(item.contact, t('unknownContact'));
    const last = item.lastMessage;
    const when = (last && last.at) || item.lastActivityAt;

    const status = item.status || 'OPEN';
    li.dataset.status = status;
    li.dataset.assignee = item.assignee ? String(item.assignee.id) : '';
    const top = el('div', { className: 'row-top' },
      el('span', { className: 'row-name', text: name }),
      status !== 'OPEN'
        ? el('span', { className: `row-status status-${status.toLowerCase()}`, text: t(`team.status${status}`), dataset: { testid: 'row-status' } })
        : null,
      item.assignee
        ? el('span', {
          className: 'row-assignee', text: item.assignee.name || item.assignee.id, title: t('team.assignedTo', item.assignee.name || item.assignee.id), dataset: { testid: 'row-assignee' },
        })
        : null,
      when ? el('time', { className: 'row-time', text: formatListTime(when), dateTime: when, title: formatFull(when) }) : null);

    const preview = el('span', { className: 'row-preview' });
    if (last) {
      if (last.direction === 'OUTBOUND') preview.append(el('span', { className: 'row-preview-you', text: t('you') }), ' ');
      preview.append(last.text == null ? '' : String(last.text));
    } else {
      preview.append(el('span', { className: 'row-preview-empty', text: t('noMessagesYet') }));
    }
    const bottom = el('div', { className: 'row-bottom' }, preview,
      unread > 0
        ? el('span', { className: 'row-pill' },
          el('span', { text: String(unread), attrs: { 'aria-hidden': 'true' } }),
          el('span', { className: 'sr-only', text: t('unreadPill', unread) }))
        : null);
    li.replaceChildren(top, bottom);
  }

  // --- keyboard -----------------------------------------------------------------------------

  onKeyDown(event) {
    const current = event.target.closest('[data-testid="conversation-row"]');
    if (!current) return;
    let target = null;
    switch (event.key) {
      case 'ArrowDown': target = current.nextElementSibling; break;
      case 'ArrowUp': target = current.previousElementSibling; break;
      case 'Home': target = this.listEl.firstElementChild; break;
      case 'End': target = this.listEl.lastElementChild; break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.open(current, { focusThread: event.key === 'Enter' });
        return;
      default: return;
    }
    event.preventDefault();
    if (!target || target === current) return;
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
    this.open(target, { focusThread: false });
  }

  open(li, { focusThread }) {
    this.setTabStop(li);
    this.onOpen(Number(li.dataset.conversationId), { focusThread });
  }

  setTabStop(li) {
    for (const other of this.listEl.querySelectorAll('[tabindex="0"]')) if (other !== li) other.tabIndex = -1;
    li.tabIndex = 0;
  }

  ensureTabStop() {
    if (!this.listEl.querySelector('[tabindex="0"]') && this.listEl.firstElementChild) {
      this.listEl.firstElementChild.tabIndex = 0;
    }
  }

  // --- status line --------------------------------------------------------------------------

  updateEmptyState() {
    if (this.rows.size > 0) {
      this.showStatus('');
    } else {
      const filtered = this.filter.q || this.filter.unreadOnly || this.filter.status !== 'OPEN' || this.filter.assignee !== 'all';
      this.showStatus(filtered ? t('noMatches') : t('noConversations'));
    }
  }

  showStatus(text) {
    this.statusEl.classList.remove('is-error');
    this.statusEl.replaceChildren();
    if (text) this.statusEl.append(el('span', { text }));
    this.statusEl.hidden = !text;
  }

  showError(text, retry) {
    this.statusEl.hidden = false;
    this.statusEl.classList.add('is-error');
    const button = el('button', { type: 'button', className: 'button button-small', text: t('retry') });
    button.addEventListener('click', () => { this.failed = false; retry(); });
    this.statusEl.replaceChildren(el('span', { text }), ' ', button);
  }
}
