// Wires the inbox screen together: list, conversation, composer, contact panel, badge, live events.
import { inboxApi, creditsApi, isAbort } from './api.js';
import { debounce, isTypingTarget, contactName } from './dom.js';
import { t, translatePage } from './i18n.js';
import { ConversationList } from './conversation-list.js';
import { ConversationView } from './conversation-view.js';
import { Composer } from './composer.js';
import { ContactPanel } from './contact-panel.js';
import { UnreadBadge } from './unread-badge.js';
import { SettingsDialog } from './settings.js';
import { SnippetsDialog } from './snippets.js';
import { connectInboxEvents } from './events.js';
import { InboundWaitingLine } from './inbound-waiting.js';
import { startHostSession, onSessionEnded } from './host.js';
import { TeamControls } from './team.js';
import { ReportsScreen } from './reports.js';

const SEARCH_DELAY_MS = 250;

translatePage();

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
const byId = (id) => document.getElementById(id);

const app = byId('app');
const searchBox = byTestId('search');
const unreadOnlySwitch = byTestId('unread-only');
const markUnreadButton = byTestId('mark-unread');
const connectionStatus = byId('connection-status');
const announcer = byId('announcer');

const badge = new UnreadBadge(byTestId('unread-badge'), byId('unread-badge-label'));
const balanceEl = byTestId('composer-balance');
const contactPanel = new ContactPanel(byId('contact-panel-body'));

/** When the administrator marked the open conversation unread, leave it unread until reopened. */
let keepUnread = false;

const list = new ConversationList({
  listEl: byTestId('conversation-list'),
  scrollEl: byId('conversation-list-scroll'),
  statusEl: byId('conversation-list-status'),
  onOpen: (id, { focusThread }) => openConversation(id, { focusThread }),
});

const view = new ConversationView({
  header: byId('conversation-header'),
  titleEl: byId('conversation-title'),
  subtitleEl: byId('conversation-subtitle'),
  scrollEl: byId('thread-scroll'),
  threadEl: byTestId('thread'),
  placeholderEl: byId('conversation-placeholder'),
  errorEl: byId('conversation-error'),
  olderButton: byTestId('load-older'),
  onLoaded: (conversation) => onConversationLoaded(conversation),
});

const team = new TeamControls({
  stateEl: byTestId('team-state'),
  assigneeSelect: byTestId('assignee'),
  snoozeSelect: byTestId('snooze'),
  resolveButton: byTestId('resolve'),
  typingEl: byTestId('typing'),
  onChanged: (state) => list.applyTeamState(state),
  onError: (text) => announce(text),
});

const composer = new Composer({
  form: byId('composer'),
  textarea: byTestId('composer'),
  counterEl: byTestId('composer-counter'),
  creditsEl: byTestId('composer-credits'),
  warningEl: byId('composer-warning'),
  errorEl: byTestId('composer-error'),
  blockedEl: byTestId('composer-blocked'),
  sendButton: byTestId('send'),
  draftButton: byTestId('draft-reply'),
  hintEl: byId('composer-hint'),
  onSent: (conversationId, message) => {
    if (String(view.currentId) === String(conversationId)) view.appendOrUpdate(message);
    list.applyMessage(conversationId, message, { countAsUnread: false });
    refreshBalance();
  },
  noteToggle: byTestId('note-mode'),
  onNote: (conversationId, note) => {
    if (String(view.currentId) === String(conversationId)) view.addNote(note);
  },
  onTyped: () => team.typed(),
});

const settings = new SettingsDialog({
  dialog: byId('settings-dialog'),
  openButton: byTestId('open-settings'),
  onChange: (current) => composer.setDraftEnabled(Boolean(current && current.draftReply)),
});

const snippets = new SnippetsDialog({ dialog: byId('snippets-dialog'), openButton: byTestId('open-snippets') });

// --- opening a conversation -----------------------------------------------------------------

function openConversation(id, { focusThread = false } = {}) {
  app.dataset.view = 'conversation';
  if (String(view.currentId) === String(id)) {
    if (focusThread) composer.focus();
    return;
  }
  keepUnread = false;
  list.select(id);
  composer.setConversation(id);
  contactPanel.show(null);
  team.show(null);
  markUnreadButton.disabled = true;
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#conversation=${encodeURIComponent(id)}`);
  view.open(id).then(() => {
    if (focusThread && String(view.currentId) === String(id)) composer.focus();
  });
}

function onConversationLoaded(conversation) {
  if (String(view.currentId) === String(conversation.id)) composer.setBlocked(conversation.cannotReply);
  contactPanel.show(conversation.contact);
  if (String(view.currentId) === String(conversation.id)) team.show(conversation);
  list.updateContact(conversation.id, conversation.contact);
  markUnreadButton.disabled = false;
  const unread = conversation.unreadCount || 0;
  if (unread > 0 && !keepUnread) markRead(conversation.id);
  else list.setUnreadCount(conversation.id, unread);
}

async function markRead(id) {
  if (document.visibilityState !== 'visible') return; // done when the page is shown again
  try {
    await inboxApi.markRead(id);
    list.setUnreadCount(id, 0);
    if (String(view.currentId) === String(id)) view.setUnreadCount(0);
    refreshUnreadCount();
  } catch (error) {
    if (!isAbort(error)) console.warn('SMS Inbox: could not mark the conversation read', error);
  }
}

markUnreadButton.addEventListener('click', async () => {
  const id = view.currentId;
  if (id == null) return;
  markUnreadButton.disabled = true;
  try {
    await inboxApi.markUnread(id);
    keepUnread = true;
    const count = Math.max(1, list.unreadCountOf(id));
    list.setUnreadCount(id, count);
    view.setUnreadCount(count);
    announce(t('markedUnread'));
    refreshUnreadCount();
  } catch (error) {
    console.warn('SMS Inbox: could not mark the conversation unread', error);
  } finally {
    markUnreadButton.disabled = false;
  }
});

byId('back-to-list').addEventListener('click', () => {
  app.dataset.view = 'list';
  list.focus();
});

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible' || view.currentId == null || keepUnread) return;
  const conversation = view.conversation;
  if ((conversation && conversation.unreadCount > 0) || list.unreadCountOf(view.currentId) > 0) markRead(view.currentId);
});

// --- search and filter ------------------------------------------------------------------------

const runSearch = debounce(() => list.setFilter({ q: searchBox.value.trim() }), SEARCH_DELAY_MS);
searchBox.addEventListener('input', runSearch);
searchBox.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    list.focus();
  } else if (event.key === 'Enter') {
    event.preventDefault();
    runSearch.cancel();
    list.setFilter({ q: searchBox.value.trim() });
  }
});
unreadOnlySwitch.addEventListener('change', () => list.setFilter({ unreadOnly: unreadOnlySwitch.checked }));
byTestId('status-filter').addEventListener('change', (event) => list.setFilter({ status: event.target.value }));
byTestId('assignee-filter').addEventListener('change', (event) => list.setFilter({ assignee: event.target.value }));

// --- keyboard shortcuts -------------------------------------------------------------------------

document.addEventListener('keydown', (event) => {
  if (byId('settings-dialog').open || byId('reports-dialog').open || byId('snippets-dialog').open) return;
  if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target)) {
    event.preventDefault();
    searchBox.focus();
    searchBox.select();
  }
});

// --- unread badge and live events -------------------------------------------------------------

async function refreshUnreadCount() {
  try {
    const result = await inboxApi.unreadCount();
    if (result && typeof result.unread === 'number') badge.set(result.unread);
  } catch (error) {
    console.warn('SMS Inbox: could not read the unread count', error);
  }
}

/** The credit balance beside what a reply will use; left out when it cannot be read. */
async function refreshBalance() {
  try {
    const statement = await creditsApi.statement();
    const ok = statement && typeof statement.balance === 'number';
    balanceEl.hidden = !ok;
    if (ok) {
      balanceEl.textContent = t('creditBalance', statement.balance);
      balanceEl.dataset.balance = String(statement.balance);
    }
  } catch (error) {
    balanceEl.hidden = true;
    console.warn('SMS Inbox: could not read the credit balance', error);
  }
}

function announce(text) {
  announcer.textContent = '';
  // A new text node so screen readers announce repeated messages too.
  window.setTimeout(() => { announcer.textContent = text; }, 50);
}

const inboundWaiting = new InboundWaitingLine(byId('inbound-waiting'), announce);
const reports = new ReportsScreen({ dialog: byId('reports-dialog'), openButton: byTestId('open-reports') });

function onEvent(name, data) {
  reports.onEvent(name);
  switch (name) {
    case 'message.received': {
      const { conversationId, message } = data;
      if (!message) return;
      const isOpen = String(view.currentId) === String(conversationId);
      if (isOpen) view.appendOrUpdate(message);
      if (isOpen && message.keywordEvent) {
        // STOP, START or HELP: the inbox answered by itself and the contact's lists changed.
        view.resync();
        contactPanel.refresh();
      }
      const inbound = message.direction === 'INBOUND';
      const readNow = isOpen && inbound && !keepUnread && document.visibilityState === 'visible';
      list.applyMessage(conversationId, message, { countAsUnread: inbound && !readNow });
      // A customer's message reopens a resolved or snoozed conversation.
      if (inbound) {
        list.applyTeamState({ conversationId, status: 'OPEN', snoozedUntil: null, keepAssignee: true });
        if (isOpen && team.state) team.apply({ ...team.state, status: 'OPEN', snoozedUntil: null });
      }
      if (readNow) markRead(conversationId);
      if (inbound) {
        const contact = isOpen && view.conversation ? view.conversation.contact : list.contactOf(conversationId);
        announce(t('newMessageFrom', contactName(contact, t('unknownContact'))));
      }
      break;
    }
    case 'message.queued': {
      // A reply (a colleague's, or the CRM's campaign) queued anywhere in the account.
      const { conversationId, message } = data;
      if (!message) return;
      if (String(view.currentId) === String(conversationId)) view.appendOrUpdate(message);
      list.applyMessage(conversationId, message, { countAsUnread: false });
      break;
    }
    case 'conversation.updated':
      list.applyTeamState(data);
      team.apply(data);
      break;
    case 'note.added':
      if (String(view.currentId) === String(data.conversationId)) view.addNote(data.note);
      break;
    case 'conversation.typing':
      team.showTyping(data);
      break;
    case 'message.status':
      if (String(view.currentId) === String(data.conversationId)) view.updateStatus(data.messageId, data.status, data.error, data.errorWords);
      break;
    case 'conversation.read':
      list.setUnreadCount(data.conversationId, data.unreadCount || 0);
      if (String(view.currentId) === String(data.conversationId)) view.setUnreadCount(data.unreadCount || 0);
      break;
    case 'unread.count':
      badge.set(data.unread);
      break;
    case 'inbound.waiting':
      inboundWaiting.apply(data);
      break;
    case 'conversation.deleted':
      list.remove(data.conversationId);
      if (String(view.currentId) === String(data.conversationId)) {
        // Its contact was deleted (here or in the CRM): the history is gone, and so is the view.
        view.close(t('conversationDeleted'));
        composer.setConversation(null);
        contactPanel.show(null);
        markUnreadButton.disabled = true;
        history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
        announce(t('conversationDeleted'));
      }
      break;
    case 'contact.changed':
      // Changed in the CRM (its webhook): opted out, new name or email, a tag added or removed.
      if (contactPanel.contact && String(contactPanel.contact.id) === String(data.contactId)) {
        if (data.change === 'updated' && view.currentId != null) view.resync();
        contactPanel.refresh();
      }
      break;
    case 'conversation.summarized':
      if (String(view.currentId) === String(data.conversationId)) {
        view.addSummary({ messageCount: data.messageCount, text: data.text, at: new Date().toISOString() });
        announce(t('summaryArrived'));
      }
      break;
    default:
      break;
  }
}

const live = connectInboxEvents({
  onEvent,
  onConnectionChange: (connected) => { connectionStatus.hidden = connected; },
  onReconnected: () => {
    list.refreshHead();
    view.resync();
    refreshUnreadCount();
  },
});

// --- start ------------------------------------------------------------------------------------

onSessionEnded(() => {
  live.close();
  connectionStatus.hidden = true;
  byId('session-ended').hidden = false;
});
startHostSession(byTestId('signed-in-as')).then((me) => {
  team.setMe(me);
  if (me) list.meId = me.id;
  team.loadAdmins();
});
list.reload();
refreshUnreadCount();
refreshBalance();
settings.load();
snippets.load();
const initial = /(?:^#|&)conversation=([^&]+)/.exec(window.location.hash);
if (initial) openConversation(decodeURIComponent(initial[1]));
else view.close();
