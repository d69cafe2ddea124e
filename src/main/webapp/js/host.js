// The host CRM around the screens: who is signed in (shown quietly in the header), when the
// session ends, and the messages the host receives when the screens sit in its iframe:
//   { type: 'smsinbox.unread', unread: n }   each time the unread total changes
//   { type: 'smsinbox.session-expired' }     once, when the session ends (so the host relaunches)
// Messages go to the host CRM's origins only (AUTH_ALLOWED_ORIGINS, and our own), never to '*':
// the browser delivers each to the parent only if it is of that origin.
import { request } from './api.js';
import { t } from './i18n.js';

let targets = null; // unknown until /api/me answers
const waiting = [];
let ended = false;
const endedHandlers = [];

/** Posts a message to the host page, if the screens are framed by one of the CRM's origins. */
export function postToHost(message) {
  if (window.parent === window) return;
  if (targets === null) {
    waiting.push(message);
    return;
  }
  for (const origin of targets) window.parent.postMessage(message, origin);
}

/** Runs `handler` once the session has ended. */
export function onSessionEnded(handler) {
  endedHandlers.push(handler);
}

/** The session is over (its time is up, or the server said 401): tell the host, once. */
export function endSession() {
  if (ended) return;
  ended = true;
  postToHost({ type: 'smsinbox.session-expired' });
  for (const handler of endedHandlers) handler();
}

function setTargets(origins) {
  targets = [...new Set([window.location.origin, ...origins])];
  for (const message of waiting.splice(0)) postToHost(message);
}

/**
 * Reads who is signed in, shows the name in `nameEl` and watches for the session's end.
 * @returns {Promise<any>} who is signed in (undefined when that could not be read)
 */
export async function startHostSession(nameEl) {
  window.addEventListener('smsinbox:unauthorized', endSession);
  // The origins come without sign-in: a session that has already ended must still be told.
  try {
    const host = await request('api/host-origins');
    setTargets(Array.isArray(host.hostOrigins) ? host.hostOrigins : []);
  } catch (error) {
    console.warn('SMS Inbox: could not read the CRM origins', error);
    setTargets([]);
  }
  let me;
  try {
    me = await request('api/me');
  } catch (error) {
    console.warn('SMS Inbox: could not read who is signed in', error);
    return;
  }
  nameEl.textContent = me.name;
  nameEl.title = [t('signedInAs', me.name), me.email, me.accountId].filter(Boolean).join(' · ');
  nameEl.dataset.accountId = me.accountId;
  nameEl.hidden = false;
  if (me.sessionExpiresAt) {
    const left = Date.parse(me.sessionExpiresAt) - Date.now();
    window.setTimeout(endSession, Math.min(Math.max(0, left), 2 ** 31 - 1));
  }
  return me;
}
