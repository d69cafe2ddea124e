// Every visible string of the screens, in English and Italian, plus date formatting in the
// chosen language. The language comes from ?lang=it|en, else from the browser.

const en = {
  productName: 'SMS Inbox',
  unreadBadgeLabel: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  connectionLost: 'Reconnecting…',
  searchLabel: 'Search conversations',
  searchPlaceholder: 'Search name, phone or email',
  unreadOnly: 'Unread only',
  conversations: 'Conversations',
  noConversations: 'No conversations yet.',
  noMatches: 'No conversations match.',
  loading: 'Loading…',
  loadingMore: 'Loading more…',
  retry: 'Try again',
  you: 'You:',
  noMessagesYet: 'No messages yet',
  unknownContact: 'Unknown contact',
  unreadPill: (n) => (n === 1 ? '1 unread' : `${n} unread`),
  selectConversation: 'Select a conversation to read it.',
  conversationWith: (name) => `Conversation with ${name}`,
  messages: 'Messages',
  back: 'Back to conversations',
  markUnread: 'Mark as unread',
  markedUnread: 'Marked as unread',
  today: 'Today',
  yesterday: 'Yesterday',
  replyToCampaign: (name, when) => `Reply to SMS campaign “${name}” sent ${when}`,
  replyToAutomation: (name, when) => `Reply to automated SMS “${name}” sent ${when}`,
  replyToAutomationUnnamed: (when) => `Reply to an automated SMS sent ${when}`,
  replyToCampaignUnnamed: (when) => `Reply to an SMS campaign sent ${when}`,
  replyToInbox: (when) => `Reply to your message sent ${when}`,
  originCampaign: (name) => `Campaign · ${name}`,
  originAutomation: (name) => `Automated · ${name}`,
  customerSaid: 'Customer',
  weSaid: 'Sent by us',
  arrivedAt: (when) => `Arrived ${when}`,
  sentAt: (when) => `Sent ${when}`,
  status: {
    QUEUED: 'Queued',
    SENT: 'Sent',
    DELIVERED: 'Delivered',
    FAILED: 'Failed',
    EXPIRED: 'Expired',
    REJECTED: 'Rejected',
    RECEIVED: 'Received',
  },
  statusWithError: (status, error) => `${status}: ${error}`,
  newMessageFrom: (name) => `New message from ${name}`,
  composerLabel: 'Reply',
  composerPlaceholder: 'Write a reply…',
  send: 'Send',
  sending: 'Sending…',
  sendHint: (mac) => (mac ? '⌘ + Enter to send' : 'Ctrl + Enter to send'),
  characters: (n) => (n === 1 ? '1 character' : `${n} characters`),
  segments: (n) => (n === 1 ? '1 message' : `${n} messages`),
  encodingGsm: 'GSM-7',
  encodingUcs: 'Unicode',
  remaining: (n) => `${n} left`,
  credits: (n) => (n === 1 ? '1 credit' : `${n} credits`),
  ucs2Warning: 'A character in this text switches it to Unicode (70 per message)',
  sendFailed: (detail) => `Not sent: ${detail}`,
  contact: 'Contact',
  contactName: 'Name',
  contactPhone: 'Phone',
  contactEmail: 'Email',
  noContactSelected: 'No contact selected.',
  errors: {
    network: 'The server cannot be reached. Check the connection and try again.',
    401: 'Your session has ended. Reload the page to sign in again.',
    403: 'Only CRM administrators can use the SMS inbox.',
    404: 'This conversation no longer exists.',
    generic: (status) => `Something went wrong (error ${status}).`,
    loadList: 'The conversations could not be loaded.',
    loadConversation: 'The conversation could not be loaded.',
  },
  // Simulator page
  simulatorTitle: 'SMSC simulator',
  simulatorIntro: 'A stand-in for the carrier: text the inbox as a customer, and see what the inbox sent to the carrier.',
  simulatorFormTitle: 'Text the inbox as a customer',
  simFrom: 'From (customer phone)',
  simTo: 'To (our dedicated number)',
  simText: 'Text',
  simSend: 'Send',
  simDelivered: 'Delivered to the inbox.',
  simSubmitsTitle: 'What the inbox submitted to the carrier',
  simSubmitsEmpty: 'Nothing submitted yet.',
  simColAt: 'At',
  simColFrom: 'From',
  simColTo: 'To',
  simColText: 'Text',
  simColParts: 'Parts',
  simColReceipt: 'Receipt',
  simColMessageId: 'Message ID',
  simNoReceipt: '—',
  simOpenInbox: 'Open the inbox',
  simRefreshFailed: 'The list could not be refreshed.',
};

const it = {
  productName: 'SMS Inbox',
  unreadBadgeLabel: (n) => (n === 1 ? '1 messaggio non letto' : `${n} messaggi non letti`),
  connectionLost: 'Riconnessione…',
  searchLabel: 'Cerca conversazioni',
  searchPlaceholder: 'Cerca nome, telefono o email',
  unreadOnly: 'Solo non letti',
  conversations: 'Conversazioni',
  noConversations: 'Ancora nessuna conversazione.',
  noMatches: 'Nessuna conversazione corrisponde.',
  loading: 'Caricamento…',
  loadingMore: 'Caricamento di altre conversazioni…',
  retry: 'Riprova',
  you: 'Tu:',
  noMessagesYet: 'Ancora nessun messaggio',
  unknownContact: 'Contatto sconosciuto',
  unreadPill: (n) => (n === 1 ? '1 non letto' : `${n} non letti`),
  selectConversation: 'Seleziona una conversazione per leggerla.',
  conversationWith: (name) => `Conversazione con ${name}`,
  messages: 'Messaggi',
  back: 'Torna alle conversazioni',
  markUnread: 'Segna come non letto',
  markedUnread: 'Segnato come non letto',
  today: 'Oggi',
  yesterday: 'Ieri',
  replyToCampaign: (name, when) => `Risposta alla campagna SMS “${name}” inviata il ${when}`,
  replyToAutomation: (name, when) => `Risposta all'SMS automatico “${name}” inviato il ${when}`,
  replyToAutomationUnnamed: (when) => `Risposta a un SMS automatico inviato il ${when}`,
  replyToCampaignUnnamed: (when) => `Risposta a una campagna SMS inviata il ${when}`,
  replyToInbox: (when) => `Risposta al tuo messaggio inviato il ${when}`,
  originCampaign: (name) => `Campagna · ${name}`,
  originAutomation: (name) => `Automatico · ${name}`,
  customerSaid: 'Cliente',
  weSaid: 'Inviato da noi',
  arrivedAt: (when) => `Arrivato ${when}`,
  sentAt: (when) => `Inviato ${when}`,
  status: {
    QUEUED: 'In coda',
    SENT: 'Inviato',
    DELIVERED: 'Consegnato',
    FAILED: 'Non riuscito',
    EXPIRED: 'Scaduto',
    REJECTED: 'Rifiutato',
    RECEIVED: 'Ricevuto',
  },
  statusWithError: (status, error) => `${status}: ${error}`,
  newMessageFrom: (name) => `Nuovo messaggio da ${name}`,
  composerLabel: 'Risposta',
  composerPlaceholder: 'Scrivi una risposta…',
  send: 'Invia',
  sending: 'Invio…',
  sendHint: (mac) => (mac ? '⌘ + Invio per inviare' : 'Ctrl + Invio per inviare'),
  characters: (n) => (n === 1 ? '1 carattere' : `${n} caratteri`),
  segments: (n) => (n === 1 ? '1 messaggio' : `${n} messaggi`),
  encodingGsm: 'GSM-7',
  encodingUcs: 'Unicode',
  remaining: (n) => (n === 1 ? '1 rimanente' : `${n} rimanenti`),
  credits: (n) => (n === 1 ? '1 credito' : `${n} crediti`),
  ucs2Warning: 'Un carattere di questo testo lo trasforma in Unicode (70 per messaggio)',
  sendFailed: (detail) => `Non inviato: ${detail}`,
  contact: 'Contatto',
  contactName: 'Nome',
  contactPhone: 'Telefono',
  contactEmail: 'Email',
  noContactSelected: 'Nessun contatto selezionato.',
  errors: {
    network: 'Il server non è raggiungibile. Controlla la connessione e riprova.',
    401: 'La sessione è scaduta. Ricarica la pagina per accedere di nuovo.',
    403: 'Solo gli amministratori del CRM possono usare la SMS inbox.',
    404: 'Questa conversazione non esiste più.',
    generic: (status) => `Si è verificato un errore (errore ${status}).`,
    loadList: 'Non è stato possibile caricare le conversazioni.',
    loadConversation: 'Non è stato possibile caricare la conversazione.',
  },
  simulatorTitle: 'Simulatore SMSC',
  simulatorIntro: "Fa le veci dell'operatore: scrivi alla inbox come un cliente e guarda cosa la inbox ha inviato all'operatore.",
  simulatorFormTitle: 'Scrivi alla inbox come un cliente',
  simFrom: 'Da (telefono del cliente)',
  simTo: 'A (il nostro numero dedicato)',
  simText: 'Testo',
  simSend: 'Invia',
  simDelivered: 'Consegnato alla inbox.',
  simSubmitsTitle: "Cosa la inbox ha inviato all'operatore",
  simSubmitsEmpty: 'Ancora nessun invio.',
  simColAt: 'Quando',
  simColFrom: 'Da',
  simColTo: 'A',
  simColText: 'Testo',
  simColParts: 'Parti',
  simColReceipt: 'Ricevuta',
  simColMessageId: 'ID messaggio',
  simNoReceipt: '—',
  simOpenInbox: 'Apri la inbox',
  simRefreshFailed: 'Non è stato possibile aggiornare la lista.',
};

const dictionaries = { en, it };

function chooseLanguage() {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl && dictionaries[fromUrl.toLowerCase()]) return fromUrl.toLowerCase();
  const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = String(tag || '').toLowerCase().split('-')[0];
    if (dictionaries[base]) return base;
  }
  return 'en';
}

export const lang = chooseLanguage();
const dict = dictionaries[lang];

/** Looks up a string by dotted key; functions are called with the given arguments. */
export function t(key, ...args) {
  let value = key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), dict);
  if (value === undefined) value = key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), en);
  if (typeof value === 'function') return value(...args);
  return value === undefined ? key : value;
}

/** Fills static markup: data-i18n (text), data-i18n-placeholder, data-i18n-aria-label, data-i18n-title. */
export function translatePage(root = document) {
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
}

// Dates follow the browser's own variant of the chosen language (en-GB: "24 Nov, 09:00";
// en-US: "Nov 24, 9:00 AM"; it: "24 nov, 09:00").
const formatLocale = (() => {
  const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  const match = preferred.find((tag) => String(tag || '').toLowerCase().split('-')[0] === lang);
  try {
    return match ? Intl.getCanonicalLocales(match)[0] : lang;
  } catch {
    return lang;
  }
})();

const timeFormat = new Intl.DateTimeFormat(formatLocale, { timeStyle: 'short' });
const weekdayFormat = new Intl.DateTimeFormat(formatLocale, { weekday: 'short' });
const dayMonthFormat = new Intl.DateTimeFormat(formatLocale, { day: 'numeric', month: 'short' });
const shortDateFormat = new Intl.DateTimeFormat(formatLocale, { day: 'numeric', month: 'short', year: 'numeric' });
const fullDateTimeFormat = new Intl.DateTimeFormat(formatLocale, { dateStyle: 'full', timeStyle: 'short' });
const fullDateFormat = new Intl.DateTimeFormat(formatLocale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

function toDate(value) {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function startOfDay(date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Whole calendar days between the given date and today (0 = today, 1 = yesterday). */
function daysAgo(date, now = new Date()) {
  return Math.round((startOfDay(now) - startOfDay(date)) / 86400000);
}

/** Short time for the conversation list: 09:30 today, "Yesterday", weekday this week, 24 Nov, 24 Nov 2025. */
export function formatListTime(value) {
  const date = toDate(value);
  if (!date) return '';
  const days = daysAgo(date);
  if (days <= 0) return timeFormat.format(date);
  if (days === 1) return t('yesterday');
  if (days < 7) return weekdayFormat.format(date);
  if (date.getFullYear() === new Date().getFullYear()) return dayMonthFormat.format(date);
  return shortDateFormat.format(date);
}

/** Time of a message within its day (the day is shown as a separator). */
export function formatMessageTime(value) {
  const date = toDate(value);
  return date ? timeFormat.format(date) : '';
}

/** "24 Nov 09:00" (with the year when it is not this year). */
export function formatDayAndTime(value) {
  const date = toDate(value);
  if (!date) return '';
  const day = date.getFullYear() === new Date().getFullYear() ? dayMonthFormat.format(date) : shortDateFormat.format(date);
  return `${day} ${timeFormat.format(date)}`;
}

/** Long form for tooltips and screen readers. */
export function formatFull(value) {
  const date = toDate(value);
  return date ? fullDateTimeFormat.format(date) : '';
}

/** Day separator in a thread: Today, Yesterday, or the full date. */
export function formatDayHeading(value) {
  const date = toDate(value);
  if (!date) return '';
  const days = daysAgo(date);
  if (days === 0) return t('today');
  if (days === 1) return t('yesterday');
  return fullDateFormat.format(date);
}

/** A key that is equal for two times on the same local calendar day. */
export function dayKey(value) {
  const date = toDate(value);
  return date ? `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}` : '';
}
