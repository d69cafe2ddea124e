// Same-origin JSON calls to the inbox API. Errors come back as application/problem+json
// ({ type, title, status, detail }) and are raised as ApiError with the human detail.
import { t } from './i18n.js';

/** An API call that did not succeed; `detail` is the text to show to the administrator. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status; // 0 when the server could not be reached
    this.problem = problem || null;
  }

  /** Words for the administrator: the server's detail, else a sentence for the status. */
  get detail() {
    if (this.problem && this.problem.detail) return this.problem.detail;
    if (this.problem && this.problem.title && this.status !== 0) return this.problem.title;
    if (this.status === 0) return t('errors.network');
    const known = t(`errors.${this.status}`);
    return known !== `errors.${this.status}` ? known : t('errors.generic', this.status);
  }
}

// Paths are relative ("api/…") so the screens also work when the WAR is not at the root context.
function url(path) {
  return path.replace(/^\//, '');
}

/**
 * Calls the API. Returns the parsed JSON body, or null for 204 / empty bodies.
 * @param {string} path e.g. 'api/inbox/unread-count'
 * @param {{method?: string, body?: unknown, signal?: AbortSignal}} [options]
 */
export async function request(path, { method = 'GET', body, signal } = {}) {
  // X-Requested-With: a 401 then carries no password challenge, so the browser never asks for one
  // inside the host CRM's iframe; the screens tell the host that the session ended instead.
  const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'smsinbox' };
  const init = { method, headers, credentials: 'same-origin', signal };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url(path), init);
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }
  const text = response.status === 204 ? '' : await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.status === 401) {
    // The session ended (or was never there): host.js tells the host CRM.
    window.dispatchEvent(new CustomEvent('smsinbox:unauthorized'));
  }
  if (!response.ok) {
    throw new ApiError(response.status, data && typeof data === 'object' ? data : null);
  }
  return data;
}

/** True when the error only means the call was cancelled because a newer one replaced it. */
export function isAbort(error) {
  return Boolean(error) && error.name === 'AbortError';
}

/** Text for any error thrown by request(). */
export function describeError(error) {
  if (error instanceof ApiError) return error.detail;
  return t('errors.network');
}

// The inbox API, in the product's words.
export const inboxApi = {
  listConversations({ q = '', unreadOnly = false, status = 'OPEN', assignee = 'all', limit = 30, cursor = null } = {}, signal) {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (unreadOnly) params.set('unread', 'true');
    if (status) params.set('status', status);
    if (assignee && assignee !== 'all') params.set('assignee', assignee);
    params.set('limit', String(limit));
    if (cursor) params.set('cursor', cursor);
    return request(`api/inbox/conversations?${params}`, { signal });
  },
  getConversation(id, signal) {
    return request(`api/inbox/conversations/${encodeURIComponent(id)}`, { signal });
  },
  markRead(id) {
    return request(`api/inbox/conversations/${encodeURIComponent(id)}/read`, { method: 'POST' });
  },
  markUnread(id) {
    return request(`api/inbox/conversations/${encodeURIComponent(id)}/unread`, { method: 'POST' });
  },
  // quietHoursConfirmed: the admin confirmed texting the customer inside the quiet hours;
  // sendAt: an ISO-8601 time to schedule the reply for (null: now).
  sendReply(id, text, quietHoursConfirmed = false, sendAt = null) {
    const body = { text };
    if (quietHoursConfirmed) body.quietHoursConfirmed = true;
    if (sendAt) body.sendAt = sendAt;
    return request(`api/inbox/conversations/${encodeURIComponent(id)}/messages`, { method: 'POST', body });
  },
  // A scheduled message that has not left yet: cancelled, never sent, its credits refunded.
  cancelScheduled(messageId) {
    return request(`api/inbox/messages/${encodeURIComponent(messageId)}`, { method: 'DELETE' });
  },
  // With the conversation, the credits are priced at its customer's country.
  previewComposition(text, conversationId, signal) {
    return request('api/inbox/compose/preview', { method: 'POST', body: { text, conversationId }, signal });
  },
  unreadCount() {
    return request('api/inbox/unread-count');
  },
  // The team inbox: status, snooze, assignee (a field left out is not changed), notes, typing.
  changeConversation(id, change) {
    return request(`api/inbox/conversations/${encodeURIComponent(id)}`, { method: 'PATCH', body: change });
  },
  addNote(id, text) {
    return request(`api/inbox/conversations/${encodeURIComponent(id)}/notes`, { method: 'POST', body: { text } });
  },
  typing(id) {
    return request(`api/inbox/conversations/${encodeURIComponent(id)}/typing`, { method: 'POST' });
  },
  admins() {
    return request('api/inbox/admins');
  },
};

const enc = encodeURIComponent;

// The reply assistant and the inbox settings (F11–F13).
/** The account's saved replies (issue 21). */
export const snippetsApi = {
  list(signal) {
    return request('api/snippets', { signal });
  },
  create(snippet) {
    return request('api/snippets', { method: 'POST', body: snippet });
  },
  update(id, snippet) {
    return request(`api/snippets/${encodeURIComponent(id)}`, { method: 'PUT', body: snippet });
  },
  remove(id) {
    return request(`api/snippets/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
  // The composer's preview, its merge fields filled in from a made-up contact
  // ({firstName, lastName, phone, email, inboxNumber}) rather than a conversation's.
  preview(text, sample, signal) {
    return request('api/inbox/compose/preview', { method: 'POST', body: { text, sample }, signal });
  },
};

/** The account's keyword rules (issue 20): a keyword that enrols the customer in an automation. */
export const keywordRulesApi = {
  list() {
    return request('api/keyword-rules');
  },
  create(rule) {
    return request('api/keyword-rules', { method: 'POST', body: rule });
  },
  update(id, rule) {
    return request(`api/keyword-rules/${enc(id)}`, { method: 'PUT', body: rule });
  },
  remove(id) {
    return request(`api/keyword-rules/${enc(id)}`, { method: 'DELETE' });
  },
  automations() {
    return request('api/automations');
  },
  numbers() {
    return request('api/numbers');
  },
};

export const settingsApi = {
  get() {
    return request('api/settings/inbox');
  },
  save(settings) {
    return request('api/settings/inbox', { method: 'PUT', body: settings });
  },
  roles() {
    return request('api/settings/inbox/roles');
  },
  draftReply(conversationId) {
    return request(`api/inbox/conversations/${enc(conversationId)}/draft-reply`, { method: 'POST' });
  },
  // The account's quiet hours (issue 21): {enabled, start: "21:00", end: "08:00"}.
  quietHours() {
    return request('api/settings/quiet-hours');
  },
  saveQuietHours(hours) {
    return request('api/settings/quiet-hours', { method: 'PUT', body: hours });
  },
  // {shifts: [{day: 'MONDAY', from: '09:00', to: '18:00'}], timeZone}: first responses in reports.
  workingHours() {
    return request('api/settings/working-hours');
  },
  saveWorkingHours(shifts) {
    return request('api/settings/working-hours', { method: 'PUT', body: { shifts } });
  },
};

// The contact panel (F8): the CRM record and its actions.
export const contactsApi = {
  get(id, signal) {
    return request(`api/contacts/${enc(id)}`, { signal });
  },
  automations() {
    return request('api/automations');
  },
  addTag(id, name) {
    return request(`api/contacts/${enc(id)}/tags`, { method: 'POST', body: { name } });
  },
  removeTag(id, tagId) {
    return request(`api/contacts/${enc(id)}/tags/${enc(tagId)}`, { method: 'DELETE' });
  },
  attachAccount(id, name) {
    return request(`api/contacts/${enc(id)}/account`, { method: 'POST', body: { name } });
  },
  detachAccount(id) {
    return request(`api/contacts/${enc(id)}/account`, { method: 'DELETE' });
  },
  addToList(id, listId) {
    return request(`api/contacts/${enc(id)}/lists`, { method: 'POST', body: { listId } });
  },
  removeFromList(id, listId) {
    return request(`api/contacts/${enc(id)}/lists/${enc(listId)}`, { method: 'DELETE' });
  },
  addToAutomation(id, automationId) {
    return request(`api/contacts/${enc(id)}/automations`, { method: 'POST', body: { automationId } });
  },
  removeFromAutomation(id, automationId) {
    return request(`api/contacts/${enc(id)}/automations/${enc(automationId)}`, { method: 'DELETE' });
  },
  createDeal(id, deal) {
    return request(`api/contacts/${enc(id)}/deals`, { method: 'POST', body: deal });
  },
};

// The credit balance (F6): what the composer shows beside the credits a reply will use.
export const creditsApi = {
  statement() {
    return request('api/credits');
  },
};

// Reports (issue 25): the account's figures per local day, and the numbers to narrow them to.
export const reportsApi = {
  /** @param {{from: string, to: string, number?: string, adminId?: string}} query */
  get(query, { signal } = {}) {
    return request(`api/reports?${reportQuery(query)}`, { signal });
  },
  /** The same days as CSV text (Accept: text/csv). */
  async csv(query) {
    const response = await fetch(url(`api/reports?${reportQuery(query)}`), {
      headers: { Accept: 'text/csv', 'X-Requested-With': 'smsinbox' },
      credentials: 'same-origin',
    });
    if (!response.ok) throw new ApiError(response.status, null);
    return response.text();
  },
  numbers() {
    return request('api/numbers');
  },
};

function reportQuery({ from, to, number, adminId }) {
  const params = new URLSearchParams({ from, to });
  if (number) params.set('number', number);
  if (adminId) params.set('adminId', adminId);
  return params.toString();
}
