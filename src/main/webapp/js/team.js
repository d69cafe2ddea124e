// The team inbox in the conversation's header: who handles it (assignee), whether it is done
// (resolve / reopen) or put aside (snooze), and "X is typing…" when a colleague answers the same
// customer. Every change reaches the other admins' screens as a live event (conversation.updated,
// conversation.typing); this module applies both its own answers and those events.
import { inboxApi, describeError } from './api.js';
import { el } from './dom.js';
import { t, formatDayAndTime } from './i18n.js';

const TYPING_SHOWN_MS = 4000;
const TYPING_EVERY_MS = 2500;

/** When a snooze choice ends: in an hour, tomorrow at 9:00 (local), in a week. */
export function snoozeEnd(choice, now = new Date()) {
  const end = new Date(now.getTime());
  if (choice === '1h') end.setHours(end.getHours() + 1);
  else if (choice === 'tomorrow') {
    end.setDate(end.getDate() + 1);
    end.setHours(9, 0, 0, 0);
  } else if (choice === 'week') end.setDate(end.getDate() + 7);
  else return null;
  return end.toISOString();
}

export class TeamControls {
  /**
   * @param {{stateEl: HTMLElement, assigneeSelect: HTMLSelectElement, snoozeSelect: HTMLSelectElement,
   *          resolveButton: HTMLButtonElement, typingEl: HTMLElement,
   *          onChanged: (state: any) => void, onError: (text: string) => void}} options
   */
  constructor({ stateEl, assigneeSelect, snoozeSelect, resolveButton, typingEl, onChanged, onError }) {
    Object.assign(this, { stateEl, assigneeSelect, snoozeSelect, resolveButton, typingEl, onChanged, onError });
    this.conversationId = null;
    this.state = null;
    this.admins = [];
    this.me = null;
    this.typingTimer = null;
    this.lastTypingSent = 0;

    this.assigneeSelect.addEventListener('change', () => {
      const value = this.assigneeSelect.value;
      this.change({ assigneeId: value === '' ? null : value });
    });
    this.snoozeSelect.addEventListener('change', () => {
      const until = snoozeEnd(this.snoozeSelect.value);
      this.snoozeSelect.value = '';
      if (until) this.change({ status: 'SNOOZED', snoozedUntil: until });
    });
    this.resolveButton.addEventListener('click', () => {
      const open = !this.state || this.state.status !== 'RESOLVED';
      this.change({ status: open ? 'RESOLVED' : 'OPEN' });
    });
    this.show(null);
  }

  /** Who is signed in (their own typing is not announced to themselves). */
  setMe(me) {
    this.me = me;
  }

  async loadAdmins() {
    try {
      const admins = await inboxApi.admins();
      this.admins = Array.isArray(admins) ? admins : [];
      this.renderAssignees();
    } catch (error) {
      console.warn('SMS Inbox: could not read the admins', error);
    }
  }

  /** The open conversation (or null): its status and assignee as the server answered them. */
  show(conversation) {
    this.conversationId = conversation ? conversation.id : null;
    this.hideTyping();
    const disabled = conversation == null;
    this.assigneeSelect.disabled = disabled;
    this.snoozeSelect.disabled = disabled;
    this.resolveButton.disabled = disabled;
    this.apply(conversation
      ? { conversationId: conversation.id, status: conversation.status, snoozedUntil: conversation.snoozedUntil, assignee: conversation.assignee }
      : null);
  }

  /** A change of status or assignee (this screen's or a live event's). */
  apply(state) {
    if (state && String(state.conversationId) !== String(this.conversationId)) return;
    this.state = state;
    const status = (state && state.status) || 'OPEN';
    this.resolveButton.textContent = status === 'RESOLVED' ? t('team.reopen') : t('team.resolve');
    this.resolveButton.dataset.status = status;
    let words = '';
    if (state && status === 'SNOOZED' && state.snoozedUntil) words = t('team.snoozedUntil', formatDayAndTime(state.snoozedUntil));
    else if (state && status === 'RESOLVED') words = t('team.statusRESOLVED');
    this.stateEl.textContent = words;
    this.stateEl.dataset.status = status;
    const assignee = state && state.assignee;
    if (assignee && !this.admins.some((a) => a.id === assignee.id)) this.admins = this.admins.concat([assignee]);
    this.renderAssignees();
  }

  renderAssignees() {
    const current = this.state && this.state.assignee ? this.state.assignee.id : '';
    const options = [el('option', { value: '', text: t('team.nobody') })];
    for (const admin of this.admins) options.push(el('option', { value: admin.id, text: admin.name || admin.id }));
    this.assigneeSelect.replaceChildren(...options);
    this.assigneeSelect.value = current;
  }

  async change(change) {
    const id = this.conversationId;
    if (id == null) return;
    try {
      const state = await inboxApi.changeConversation(id, change);
      this.apply(state);
      this.onChanged(state);
    } catch (error) {
      this.apply(this.state); // the controls show what holds, not what was tried
      this.onError(t('team.changeFailed', describeError(error)));
    }
  }

  /** The admin typed in the composer: tell the others, at most every few seconds. */
  typed() {
    const id = this.conversationId;
    const now = Date.now();
    if (id == null || now - this.lastTypingSent < TYPING_EVERY_MS) return;
    this.lastTypingSent = now;
    inboxApi.typing(id).catch(() => {}); // only a hint: never bother the admin with it
  }

  /** A colleague is typing (live event conversation.typing). */
  showTyping({ conversationId, admin }) {
    if (String(conversationId) !== String(this.conversationId) || !admin) return;
    if (this.me && admin.id === this.me.id) return;
    this.typingEl.textContent = t('team.typing', admin.name || admin.id);
    this.typingEl.hidden = false;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_SHOWN_MS);
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    this.typingEl.hidden = true;
    this.typingEl.textContent = '';
  }
}
