// Every visible string of the screens, in English and Italian, plus date formatting in the
// chosen language. The language comes from ?lang=it|en, else from the browser.

const en = {
  productName: 'SMS Inbox',
  unreadBadgeLabel: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  connectionLost: 'Reconnecting…',
  sessionEnded: 'Your session has ended. Open the inbox again from your CRM.',
  signedInAs: (name) => `Signed in as ${name}`,
  searchLabel: 'Search conversations',
  searchPlaceholder: 'Search name, phone, email or message',
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
  team: {
    status: 'Status',
    assignee: 'Assigned to',
    statusOPEN: 'Open',
    statusRESOLVED: 'Resolved',
    statusSNOOZED: 'Snoozed',
    statusALL: 'All',
    assigneeAll: 'Everyone',
    assigneeMe: 'Mine',
    assigneeNone: 'Unassigned',
    nobody: 'Nobody',
    resolve: 'Resolve',
    reopen: 'Reopen',
    snooze: 'Snooze…',
    snooze1h: 'For 1 hour',
    snoozeTomorrow: 'Until tomorrow 9:00',
    snoozeWeek: 'For a week',
    snoozedUntil: (when) => `Snoozed until ${when}`,
    assignedTo: (name) => `Assigned to ${name}`,
    changeFailed: (detail) => `Could not change the conversation: ${detail}`,
    noteMode: 'Internal note',
    noteHint: 'Only your team sees notes; they are never sent.',
    addNote: 'Add note',
    note: 'Internal note',
    noteBy: (name) => `Note by ${name}`,
    typing: (name) => `${name} is typing…`,
    resolvedBy: (name) => `${name} changed this conversation`,
  },
  today: 'Today',
  yesterday: 'Yesterday',
  replyToCampaign: (name, when) => `Reply to SMS campaign “${name}” sent ${when}`,
  replyToAutomation: (name, when) => `Reply to automated SMS “${name}” sent ${when}`,
  replyToAutomationUnnamed: (when) => `Reply to an automated SMS sent ${when}`,
  replyToCampaignUnnamed: (when) => `Reply to an SMS campaign sent ${when}`,
  replyToInbox: (when) => `Reply to your message sent ${when}`,
  originCampaign: (name) => `Campaign · ${name}`,
  sentBy: (name) => `by ${name}`,
  originAutomation: (name) => `Automated · ${name}`,
  customerSaid: 'Customer',
  weSaid: 'Sent by us',
  arrivedAt: (when) => `Arrived ${when}`,
  sentAt: (when) => `Sent ${when}`,
  status: {
    SCHEDULED: 'Scheduled',
    CANCELLED: 'Cancelled',
    QUEUED: 'Queued',
    SENT: 'Sent',
    DELIVERED: 'Delivered',
    FAILED: 'Failed',
    EXPIRED: 'Expired',
    REJECTED: 'Rejected',
    RECEIVED: 'Received',
  },
  statusWithError: (status, error) => `${status}: ${error}`,
  errorWithCode: (words, code) => `${words} (${code})`,
  newMessageFrom: (name) => `New message from ${name}`,
  composerLabel: 'Reply',
  composerPlaceholder: 'Write a reply…',
  send: 'Send',
  schedule: 'Schedule',
  sendAtLabel: 'Send later',
  sendAtHint: 'Pick a date and time (yours) to schedule the reply; leave it empty to send now',
  scheduledFor: (when) => `Leaves ${when}`,
  cancelScheduled: 'Cancel',
  cancelFailed: (detail) => `Could not cancel: ${detail}`,
  quietHoursConfirmLater: (detail) => `${detail}\n\nSchedule it for that time anyway?`,
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
  quietHoursConfirm: (detail) => `${detail}\n\nSend it now anyway?`,
  snippetsLabel: 'Saved replies',
  snippetsNone: 'No saved reply by that name',
  mergeMissing: (fields) => `No value for ${fields}: write it out or add a fallback, e.g. {{contact.firstName|there}}`,
  mergeExpanded: (text) => `Sends as: ${text}`,
  contact: 'Contact',
  contactName: 'Name',
  contactPhone: 'Phone',
  contactEmail: 'Email',
  noContactSelected: 'No contact selected.',
  keywordEvent: {
    OPT_OUT: 'Opted out',
    OPT_IN: 'Opted back in',
    HELP: 'Asked for help',
    ENROL: 'Enrolled by keyword',
  },
  incomplete: 'Some parts of this message never arrived.',
  unreadableMessage: (dataCoding, octets) => `unreadable message (data coding ${dataCoding}, ${octets} ${octets === 1 ? 'octet' : 'octets'})`,
  showOctets: 'Show bytes',
  hideOctets: 'Hide bytes',
  octetsLabel: 'The bytes as they arrived, in hex',
  arrivedShort: (time) => `Arrived ${time}`,
  summaryTitle: (n) => `Summary of the first ${n} messages`,
  showOlder: (n) => (n === 1 ? 'Show 1 older message' : `Show older messages (${n})`),
  creditsWillUse: (n) => (n === 1 ? 'uses 1 credit' : `uses ${n} credits`),
  creditBalance: (n) => `(balance ${number(n)})`,
  automaticReply: 'Automatic reply',
  summaryArrived: 'A new summary of this conversation',
  conversationDeleted: 'This conversation was deleted with its contact.',
  ucs2WarningCharacter: (c) => `“${c}” switches the whole text to Unicode: 70 characters per message instead of 160`,
  draftReply: 'Draft reply',
  drafting: 'Drafting…',
  draftEmpty: 'The assistant had no draft for this conversation.',
  draftFailed: (detail) => `No draft: ${detail}`,
  settings: 'Settings',
  settingsTitle: 'Inbox settings',
  reportsButton: 'Reports',
  reports: {
    title: 'Reports',
    close: 'Close',
    periodLabel: 'Period',
    today: 'Today',
    last7: 'Last 7 days',
    last30: 'Last 30 days',
    custom: 'Chosen dates',
    from: 'From',
    to: 'To',
    numberLabel: 'Number',
    adminLabel: 'Admin',
    allNumbers: 'All numbers',
    everyone: 'Everyone',
    downloadAll: 'Download all days (CSV)',
    downloadCsv: 'Download CSV',
    showTable: 'Show table',
    showChart: 'Show chart',
    period: (from, to, zone) => `${from} to ${to}, days in ${zone}`,
    totals: 'Whole period',
    date: 'Date',
    tableHint: 'The table view lists every day.',
    highest: (v) => `highest ${v}`,
    minutesAxis: 'Minutes',
    seconds: (n) => `${n} s`,
    minutes: (n) => `${n} min`,
    hours: (h, m) => (m ? `${h} h ${m} min` : `${h} h`),
    chart: {
      messages: 'Messages per day',
      outcomes: 'Delivery outcomes per day',
      optOuts: 'Opt-outs and opt-ins per day',
      firstResponse: 'First response time per day',
      creditsResolved: 'Credits spent and conversations resolved per day',
    },
    series: {
      inbound: 'Inbound',
      outbound: 'Outbound',
      delivered: 'Delivered',
      failed: 'Failed',
      expired: 'Expired',
      optOuts: 'Opt-outs',
      optIns: 'Opt-ins',
      creditsSpent: 'Credits spent',
      conversationsResolved: 'Conversations resolved',
      medianS: 'First response, median',
      p90S: 'First response, 90th percentile',
    },
    byOrigin: 'Replies per campaign or automation',
    originName: 'Campaign or automation',
    originType: 'Type',
    sent: 'SMS sent',
    replies: 'Replies',
    origin: { CAMPAIGN: 'Campaign', AUTOMATION: 'Automation' },
    noOrigins: 'No campaign or automation SMS in this period.',
    topErrors: 'Most frequent carrier errors',
    errorText: 'Error',
    errorCode: 'Code',
    count: 'Messages',
    noErrors: 'No carrier errors in this period.',
  },
  aiFeatures: 'AI features',
  draftReplySwitch: 'Draft reply: an AI draft you edit before sending',
  summarySwitch: 'Conversation summary every ten messages',
  quietHoursTitle: 'Quiet hours',
  quietHoursSwitch: "Hold campaigns and automations during the customer's night (their local time)",
  quietHoursStart: 'From',
  quietHoursEnd: 'Until',
  summaryNotesSwitch: "Include the team's internal notes in summaries (never in draft replies)",
  confirmation: 'I understand that AI can make mistakes and I will review every reply before sending it.',
  brandKit: 'Brand kit (optional)',
  brandName: 'Brand name',
  voice: 'Voice',
  signOff: 'Sign-off',
  wordsToAvoid: 'Words to avoid (comma separated)',
  grounding: 'What drafts may use',
  role: 'Role',
  urlsHelp: 'Up to three web pages: their content is the only web content the AI may use.',
  url1: 'Web page 1',
  url2: 'Web page 2',
  url3: 'Web page 3',
  urlFetched: (n) => `Read: ${n === 1 ? '1 character' : `${number(n)} characters`}`,
  urlFailed: (detail) => `Not used: ${detail}`,
  faq: 'Frequent questions and answers',
  addFaq: 'Add a question',
  faqQuestion: 'Question',
  faqAnswer: 'Answer',
  remove: 'Remove',
  close: 'Close',
  save: 'Save',
  saving: 'Saving…',
  settingsSaved: 'Saved.',
  settingsNotSaved: (detail) => `Not saved: ${detail}`,
  keywordRules: {
    title: 'Keyword rules',
    help: 'When a customer texts just this keyword (capitals and accents do not matter), they are enrolled in the automation. STOP, START and HELP always keep their meaning.',
    none: 'No keyword rules yet.',
    keyword: 'Keyword',
    automation: 'Automation',
    number: 'Number',
    everyNumber: 'Every number',
    reply: 'Reply (optional)',
    noReply: 'no reply',
    add: 'Add a rule',
    edit: 'Edit',
    editRule: (keyword) => `Edit the rule ${keyword}`,
    delete: 'Delete',
    deleteRule: (keyword) => `Delete the rule ${keyword}`,
    confirmDelete: (keyword) => `Delete the rule ${keyword}? Customers who text it are no longer enrolled.`,
    saveRule: 'Save rule',
    cancel: 'Cancel',
    saved: (keyword) => `Rule ${keyword} saved.`,
    deleted: (keyword) => `Rule ${keyword} deleted.`,
    notSaved: (detail) => `Rule not saved: ${detail}`,
    loadFailed: (detail) => `The keyword rules could not be read: ${detail}`,
    enrols: (automation) => `enrols in ${automation}`,
    noAutomations: 'The CRM has no automations to enrol in.',
  },
  openProfile: 'Open the full profile',
  contactLoadFailed: 'The CRM record could not be loaded.',
  contactActionFailed: 'Not done:',
  tags: 'Tags',
  noTags: 'No tags.',
  addTag: 'Add a tag',
  add: 'Add',
  removeTag: (tag) => `Remove tag ${tag}`,
  account: 'Account',
  noAccount: 'Not attached to an account.',
  attachAccount: 'Attach to an account',
  attach: 'Attach',
  accountName: 'Account name',
  detachAccount: 'Detach',
  lists: 'SMS opt-in lists',
  noLists: 'No lists.',
  addToList: (name) => `Add to list ${name}`,
  removeFromList: (name) => `Remove from list ${name}`,
  removeFromAutomation: (name) => `Take out of automation ${name}`,
  consentDetail: (when, who) => (who ? `Since ${when} (${who})` : `Since ${when}`),
  contactOptedOut: (when) => `Opted out of SMS on ${when}.`,
  contactOptedOutBy: (keyword, when) => `Opted out of SMS with ${keyword} on ${when}.`,
  enrolledAt: (when) => `since ${when}`,
  listState: {
    SUBSCRIBED: 'Subscribed',
    UNSUBSCRIBED: 'Opted out',
    NOT_SUBSCRIBED: 'Not subscribed',
  },
  automations: 'Automations',
  noAutomations: 'In no automation.',
  addToAutomation: 'Add to an automation',
  deals: 'Deals',
  noDeals: 'No deals.',
  dealTitle: 'Deal title',
  dealValue: 'Value',
  dealCurrency: 'Currency (e.g. USD, EUR)',
  dealStatus: { OPEN: 'Open', WON: 'Won', LOST: 'Lost' },
  createDeal: 'Create deal',
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
  sessionEnded: 'La sessione è terminata. Riapri la casella dal tuo CRM.',
  signedInAs: (name) => `Accesso come ${name}`,
  searchLabel: 'Cerca conversazioni',
  searchPlaceholder: 'Cerca nome, telefono, email o messaggio',
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
  team: {
    status: 'Stato',
    assignee: 'Assegnata a',
    statusOPEN: 'Aperta',
    statusRESOLVED: 'Risolta',
    statusSNOOZED: 'Posticipata',
    statusALL: 'Tutte',
    assigneeAll: 'Tutti',
    assigneeMe: 'Mie',
    assigneeNone: 'Non assegnate',
    nobody: 'Nessuno',
    resolve: 'Risolvi',
    reopen: 'Riapri',
    snooze: 'Posticipa…',
    snooze1h: 'Per 1 ora',
    snoozeTomorrow: 'Fino a domani alle 9:00',
    snoozeWeek: 'Per una settimana',
    snoozedUntil: (when) => `Posticipata fino a ${when}`,
    assignedTo: (name) => `Assegnata a ${name}`,
    changeFailed: (detail) => `Non è stato possibile modificare la conversazione: ${detail}`,
    noteMode: 'Nota interna',
    noteHint: 'Le note le vede solo il tuo team; non vengono mai inviate.',
    addNote: 'Aggiungi nota',
    note: 'Nota interna',
    noteBy: (name) => `Nota di ${name}`,
    typing: (name) => `${name} sta scrivendo…`,
    resolvedBy: (name) => `${name} ha modificato questa conversazione`,
  },
  today: 'Oggi',
  yesterday: 'Ieri',
  replyToCampaign: (name, when) => `Risposta alla campagna SMS “${name}” inviata il ${when}`,
  replyToAutomation: (name, when) => `Risposta all'SMS automatico “${name}” inviato il ${when}`,
  replyToAutomationUnnamed: (when) => `Risposta a un SMS automatico inviato il ${when}`,
  replyToCampaignUnnamed: (when) => `Risposta a una campagna SMS inviata il ${when}`,
  replyToInbox: (when) => `Risposta al tuo messaggio inviato il ${when}`,
  originCampaign: (name) => `Campagna · ${name}`,
  sentBy: (name) => `da ${name}`,
  originAutomation: (name) => `Automatico · ${name}`,
  customerSaid: 'Cliente',
  weSaid: 'Inviato da noi',
  arrivedAt: (when) => `Arrivato ${when}`,
  sentAt: (when) => `Inviato ${when}`,
  status: {
    SCHEDULED: 'Programmato',
    CANCELLED: 'Annullato',
    QUEUED: 'In coda',
    SENT: 'Inviato',
    DELIVERED: 'Consegnato',
    FAILED: 'Non riuscito',
    EXPIRED: 'Scaduto',
    REJECTED: 'Rifiutato',
    RECEIVED: 'Ricevuto',
  },
  statusWithError: (status, error) => `${status}: ${error}`,
  errorWithCode: (words, code) => `${words} (${code})`,
  newMessageFrom: (name) => `Nuovo messaggio da ${name}`,
  composerLabel: 'Risposta',
  composerPlaceholder: 'Scrivi una risposta…',
  send: 'Invia',
  schedule: 'Programma',
  sendAtLabel: 'Invia più tardi',
  sendAtHint: 'Scegli data e ora (le tue) per programmare la risposta; vuoto per inviarla subito',
  scheduledFor: (when) => `Partirà ${when}`,
  cancelScheduled: 'Annulla',
  cancelFailed: (detail) => `Impossibile annullare: ${detail}`,
  quietHoursConfirmLater: (detail) => `${detail}\n\nProgrammarlo comunque per quell'ora?`,
  sending: 'Invio…',
  sendHint: (mac) => (mac ? '⌘ + Invio per inviare' : 'Ctrl + Invio per inviare'),
  characters: (n) => (n === 1 ? '1 carattere' : `${n} caratteri`),
  segments: (n) => (n === 1 ? '1 messaggio' : `${n} messaggi`),
  encodingGsm: 'GSM-7',
  encodingUcs: 'Unicode',
  remaining: (n) => (n === 1 ? '1 rimanente' : `${n} rimanenti`),
  credits: (n) => (n === 1 ? '1 credito' : `${n} crediti`),
  ucs2Warning: 'Un carattere di questo testo lo trasforma in Unicode (70 per messaggio)',
  quietHoursConfirm: (detail) => `${detail}\n\nInviarlo comunque adesso?`,
  snippetsLabel: 'Risposte salvate',
  snippetsNone: 'Nessuna risposta salvata con questo nome',
  mergeMissing: (fields) => `Nessun valore per ${fields}: scrivilo o aggiungi un valore di riserva, es. {{contact.firstName|ciao}}`,
  mergeExpanded: (text) => `Verrà inviato: ${text}`,
  sendFailed: (detail) => `Non inviato: ${detail}`,
  contact: 'Contatto',
  contactName: 'Nome',
  contactPhone: 'Telefono',
  contactEmail: 'Email',
  noContactSelected: 'Nessun contatto selezionato.',
  keywordEvent: {
    OPT_OUT: 'Disiscritto',
    OPT_IN: 'Di nuovo iscritto',
    HELP: 'Ha chiesto aiuto',
    ENROL: 'Iscritto con parola chiave',
  },
  incomplete: 'Alcune parti di questo messaggio non sono mai arrivate.',
  unreadableMessage: (dataCoding, octets) => `messaggio illeggibile (codifica dati ${dataCoding}, ${octets} ${octets === 1 ? 'ottetto' : 'ottetti'})`,
  showOctets: 'Mostra i byte',
  hideOctets: 'Nascondi i byte',
  octetsLabel: 'I byte così come sono arrivati, in esadecimale',
  arrivedShort: (time) => `Arrivato ${time}`,
  summaryTitle: (n) => `Riepilogo dei primi ${n} messaggi`,
  showOlder: (n) => (n === 1 ? 'Mostra 1 messaggio precedente' : `Mostra messaggi precedenti (${n})`),
  creditsWillUse: (n) => (n === 1 ? 'usa 1 credito' : `usa ${n} crediti`),
  creditBalance: (n) => `(saldo ${number(n)})`,
  automaticReply: 'Risposta automatica',
  summaryArrived: 'Un nuovo riepilogo di questa conversazione',
  conversationDeleted: 'Questa conversazione è stata eliminata insieme al suo contatto.',
  ucs2WarningCharacter: (c) => `“${c}” trasforma tutto il testo in Unicode: 70 caratteri per messaggio invece di 160`,
  draftReply: 'Bozza di risposta',
  drafting: 'Scrittura bozza…',
  draftEmpty: "L'assistente non ha una bozza per questa conversazione.",
  draftFailed: (detail) => `Nessuna bozza: ${detail}`,
  settings: 'Impostazioni',
  settingsTitle: 'Impostazioni della inbox',
  reportsButton: 'Report',
  reports: {
    title: 'Report',
    close: 'Chiudi',
    periodLabel: 'Periodo',
    today: 'Oggi',
    last7: 'Ultimi 7 giorni',
    last30: 'Ultimi 30 giorni',
    custom: 'Date scelte',
    from: 'Dal',
    to: 'Al',
    numberLabel: 'Numero',
    adminLabel: 'Amministratore',
    allNumbers: 'Tutti i numeri',
    everyone: 'Tutti',
    downloadAll: 'Scarica tutti i giorni (CSV)',
    downloadCsv: 'Scarica CSV',
    showTable: 'Mostra tabella',
    showChart: 'Mostra grafico',
    period: (from, to, zone) => `dal ${from} al ${to}, giorni secondo ${zone}`,
    totals: 'Intero periodo',
    date: 'Data',
    tableHint: 'La vista tabella elenca ogni giorno.',
    highest: (v) => `massimo ${v}`,
    minutesAxis: 'Minuti',
    seconds: (n) => `${n} s`,
    minutes: (n) => `${n} min`,
    hours: (h, m) => (m ? `${h} h ${m} min` : `${h} h`),
    chart: {
      messages: 'Messaggi al giorno',
      outcomes: 'Esiti di consegna al giorno',
      optOuts: 'Disiscrizioni e iscrizioni al giorno',
      firstResponse: 'Tempo di prima risposta al giorno',
      creditsResolved: 'Crediti spesi e conversazioni risolte al giorno',
    },
    series: {
      inbound: 'Ricevuti',
      outbound: 'Inviati',
      delivered: 'Consegnati',
      failed: 'Non consegnati',
      expired: 'Scaduti',
      optOuts: 'Disiscrizioni',
      optIns: 'Iscrizioni',
      creditsSpent: 'Crediti spesi',
      conversationsResolved: 'Conversazioni risolte',
      medianS: 'Prima risposta, mediana',
      p90S: 'Prima risposta, 90° percentile',
    },
    byOrigin: 'Risposte per campagna o automazione',
    originName: 'Campagna o automazione',
    originType: 'Tipo',
    sent: 'SMS inviati',
    replies: 'Risposte',
    origin: { CAMPAIGN: 'Campagna', AUTOMATION: 'Automazione' },
    noOrigins: 'Nessun SMS di campagne o automazioni in questo periodo.',
    topErrors: "Errori dell'operatore più frequenti",
    errorText: 'Errore',
    errorCode: 'Codice',
    count: 'Messaggi',
    noErrors: "Nessun errore dell'operatore in questo periodo.",
  },
  aiFeatures: 'Funzioni AI',
  draftReplySwitch: 'Bozza di risposta: una bozza AI da modificare prima di inviare',
  summarySwitch: 'Riepilogo della conversazione ogni dieci messaggi',
  quietHoursTitle: 'Ore di silenzio',
  quietHoursSwitch: "Trattieni campagne e automazioni durante la notte del cliente (la sua ora locale)",
  quietHoursStart: 'Dalle',
  quietHoursEnd: 'Alle',
  summaryNotesSwitch: 'Includi le note interne del team nei riepiloghi (mai nelle bozze di risposta)',
  confirmation: "Ho capito che l'AI può sbagliare e controllerò ogni risposta prima di inviarla.",
  brandKit: 'Brand kit (facoltativo)',
  brandName: 'Nome del brand',
  voice: 'Tono di voce',
  signOff: 'Firma',
  wordsToAvoid: 'Parole da evitare (separate da virgole)',
  grounding: 'Cosa possono usare le bozze',
  role: 'Ruolo',
  urlsHelp: "Fino a tre pagine web: il loro contenuto è l'unico contenuto web che l'AI può usare.",
  url1: 'Pagina web 1',
  url2: 'Pagina web 2',
  url3: 'Pagina web 3',
  urlFetched: (n) => `Letta: ${n === 1 ? '1 carattere' : `${number(n)} caratteri`}`,
  urlFailed: (detail) => `Non usata: ${detail}`,
  faq: 'Domande frequenti e risposte',
  addFaq: 'Aggiungi una domanda',
  faqQuestion: 'Domanda',
  faqAnswer: 'Risposta',
  remove: 'Rimuovi',
  close: 'Chiudi',
  save: 'Salva',
  saving: 'Salvataggio…',
  settingsSaved: 'Salvato.',
  settingsNotSaved: (detail) => `Non salvato: ${detail}`,
  keywordRules: {
    title: 'Regole per parola chiave',
    help: 'Quando un cliente invia solo questa parola chiave (maiuscole e accenti non contano), viene iscritto all\'automazione. STOP, START e HELP mantengono sempre il loro significato.',
    none: 'Ancora nessuna regola per parola chiave.',
    keyword: 'Parola chiave',
    automation: 'Automazione',
    number: 'Numero',
    everyNumber: 'Tutti i numeri',
    reply: 'Risposta (facoltativa)',
    noReply: 'nessuna risposta',
    add: 'Aggiungi una regola',
    edit: 'Modifica',
    editRule: (keyword) => `Modifica la regola ${keyword}`,
    delete: 'Elimina',
    deleteRule: (keyword) => `Elimina la regola ${keyword}`,
    confirmDelete: (keyword) => `Eliminare la regola ${keyword}? Chi la invia non verrà più iscritto.`,
    saveRule: 'Salva la regola',
    cancel: 'Annulla',
    saved: (keyword) => `Regola ${keyword} salvata.`,
    deleted: (keyword) => `Regola ${keyword} eliminata.`,
    notSaved: (detail) => `Regola non salvata: ${detail}`,
    loadFailed: (detail) => `Impossibile leggere le regole per parola chiave: ${detail}`,
    enrols: (automation) => `iscrive a ${automation}`,
    noAutomations: 'Il CRM non ha automazioni a cui iscrivere.',
  },
  openProfile: 'Apri il profilo completo',
  contactLoadFailed: 'Non è stato possibile caricare la scheda del CRM.',
  contactActionFailed: 'Non eseguito:',
  tags: 'Tag',
  noTags: 'Nessun tag.',
  addTag: 'Aggiungi un tag',
  add: 'Aggiungi',
  removeTag: (tag) => `Rimuovi il tag ${tag}`,
  account: 'Account',
  noAccount: 'Non collegato a un account.',
  attachAccount: 'Collega a un account',
  attach: 'Collega',
  accountName: "Nome dell'account",
  detachAccount: 'Scollega',
  lists: 'Liste di consenso SMS',
  noLists: 'Nessuna lista.',
  addToList: (name) => `Aggiungi alla lista ${name}`,
  removeFromList: (name) => `Rimuovi dalla lista ${name}`,
  removeFromAutomation: (name) => `Togli dall'automazione ${name}`,
  consentDetail: (when, who) => (who ? `Dal ${when} (${who})` : `Dal ${when}`),
  contactOptedOut: (when) => `Ha rifiutato gli SMS il ${when}.`,
  contactOptedOutBy: (keyword, when) => `Ha rifiutato gli SMS con ${keyword} il ${when}.`,
  enrolledAt: (when) => `dal ${when}`,
  listState: {
    SUBSCRIBED: 'Iscritto',
    UNSUBSCRIBED: 'Disiscritto',
    NOT_SUBSCRIBED: 'Non iscritto',
  },
  automations: 'Automazioni',
  noAutomations: 'In nessuna automazione.',
  addToAutomation: "Aggiungi a un'automazione",
  deals: 'Trattative',
  noDeals: 'Nessuna trattativa.',
  dealTitle: 'Titolo della trattativa',
  dealValue: 'Valore',
  dealCurrency: 'Valuta (es. EUR, USD)',
  dealStatus: { OPEN: 'Aperta', WON: 'Vinta', LOST: 'Persa' },
  createDeal: 'Crea trattativa',
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
const numberFormat = new Intl.NumberFormat(formatLocale);
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
/** A whole number in the chosen language, e.g. 4,980 or 4.980. */
export function number(n) {
  return numberFormat.format(Number(n) || 0);
}

/** An amount in its currency, e.g. €1,200.50; the plain number when the currency is unknown. */
export function money(value, currency) {
  try {
    return new Intl.NumberFormat(formatLocale, { style: 'currency', currency: String(currency) }).format(Number(value));
  } catch {
    return `${value}${currency ? ` ${currency}` : ''}`;
  }
}

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
