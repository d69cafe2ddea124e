// The contact panel (right column): the condensed contact from the conversation at once, then the
// CRM record (GET api/contacts/{id}) with tags, account, SMS opt-in lists, automations and deals,
// and their actions. A section shows only when the plan allows it (`allowed`); when the record
// cannot be read the panel keeps the condensed contact and says why.
import { contactsApi, describeError, isAbort } from './api.js';
import { el, contactName } from './dom.js';
import { t, formatDayAndTime, money } from './i18n.js';

/** The name of a tag, account, list, automation ({id, name}) or deal ({id, title}). */
function itemName(item) {
  if (item == null) return '';
  return String(item.name ?? item.title ?? '');
}

/** Only web links leave the inbox: a profile URL such as "javascript:…" is not a link. */
function safeLink(url) {
  try {
    const parsed = new URL(String(url), window.location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function asArray(value) {
  return Array.isArray(value) ? value : [];
}

export class ContactPanel {
  constructor(bodyEl) {
    this.bodyEl = bodyEl;
    this.contact = null;
    this.record = null;
    this.automations = null;
    this.abort = null;
    this.busy = false;
    this.error = '';
    this.show(null);
  }

  /** Shows the condensed contact and loads its CRM record. */
  show(contact) {
    if (this.abort) this.abort.abort();
    this.contact = contact;
    this.record = null;
    this.error = '';
    if (!contact) {
      this.bodyEl.replaceChildren(el('p', { className: 'muted', text: t('noContactSelected') }));
      return;
    }
    this.render();
    if (contact.id != null) this.load(contact.id);
  }

  /** Reads the record again, e.g. after the customer texted STOP. */
  refresh() {
    if (this.contact && this.contact.id != null && !this.busy) this.load(this.contact.id);
  }

  async load(id, { keepError = false } = {}) {
    this.abort = new AbortController();
    const signal = this.abort.signal;
    try {
      const record = await contactsApi.get(id, signal);
      if (signal.aborted || !this.contact || String(this.contact.id) !== String(id)) return;
      this.record = record;
      if (record && this.allowed('automations') && this.automations === null) {
        try {
          this.automations = asArray(await contactsApi.automations());
        } catch (error) {
          console.warn('SMS Inbox: could not read the automations', error);
          this.automations = [];
        }
      }
      if (!keepError) this.error = '';
      this.render();
    } catch (error) {
      if (isAbort(error)) return;
      this.error = `${t('contactLoadFailed')} ${describeError(error)}`;
      this.render();
    }
  }

  allowed(section) {
    if (!this.record) return false;
    const allowed = this.record.allowed;
    return Boolean(allowed && allowed[section] === true);
  }

  // --- rendering ----------------------------------------------------------------------------

  render() {
    const contact = { ...(this.contact || {}), ...(this.record || {}) };
    const name = contactName(contact, t('unknownContact'));
    const initials = [contact.firstName, contact.lastName]
      .map((part) => (part ? Array.from(String(part)).find((c) => /[\p{L}\p{N}]/u.test(c)) || '' : ''))
      .join('')
      .toUpperCase();
    const fields = el('dl', { className: 'contact-fields' });
    const field = (label, value, testid) => {
      if (!value) return;
      fields.append(el('dt', { text: label }), el('dd', { text: String(value), dataset: { testid } }));
    };
    field(t('contactName'), [contact.firstName, contact.lastName].filter(Boolean).join(' '), 'contact-name');
    field(t('contactPhone'), contact.phone, 'contact-phone');
    field(t('contactEmail'), contact.email, 'contact-email');

    const nodes = [
      el('div', { className: 'contact-card' },
        el('span', { className: 'contact-avatar', text: initials || '#', attrs: { 'aria-hidden': 'true' } }),
        el('p', { className: 'contact-name', text: name })),
      fields,
    ];
    const profile = this.record && this.record.profileUrl ? safeLink(this.record.profileUrl) : null;
    if (profile) {
      nodes.push(el('p', { className: 'contact-profile' },
        el('a', {
          href: profile, target: '_blank', rel: 'noopener noreferrer', text: t('openProfile'), dataset: { testid: 'contact-profile-link' },
        })));
    }
    const optOut = this.record && this.record.optOut;
    if (optOut) {
      const text = optOut.keyword ? t('contactOptedOutBy', String(optOut.keyword), formatDayAndTime(optOut.at)) : t('contactOptedOut', formatDayAndTime(optOut.at));
      nodes.push(el('p', { className: 'contact-opt-out', text, dataset: { testid: 'contact-opt-out' }, attrs: { role: 'status' } }));
    }
    nodes.push(el('p', {
      className: 'contact-error', text: this.error || '', hidden: !this.error, dataset: { testid: 'contact-error' }, attrs: { role: 'alert' },
    }));
    if (this.record) {
      if (this.allowed('tags')) nodes.push(this.tagsSection());
      if (this.allowed('account')) nodes.push(this.accountSection());
      if (this.allowed('lists')) nodes.push(this.listsSection());
      if (this.allowed('automations')) nodes.push(this.automationsSection());
      if (this.allowed('deals')) nodes.push(this.dealsSection());
    }
    this.bodyEl.replaceChildren(...nodes);
  }

  section(key, title, ...children) {
    const headingId = `contact-section-${key}`;
    return el('section', { className: 'contact-section', dataset: { testid: `contact-${key}` }, attrs: { 'aria-labelledby': headingId } },
      el('h3', { id: headingId, className: 'section-title', text: title }),
      ...children);
  }

  /** A one-field form: a labelled input and a button. */
  inlineForm(key, label, buttonText, onSubmit, { type = 'text', placeholder } = {}) {
    const inputId = `contact-${key}-input`;
    const input = el('input', { id: inputId, type, className: 'input', autocomplete: 'off', placeholder: placeholder || '', dataset: { testid: `${key}-input` } });
    const form = el('form', { className: 'inline-form' },
      el('label', { className: 'sr-only', htmlFor: inputId, text: label }),
      input,
      el('button', { type: 'submit', className: 'button button-small', text: buttonText, dataset: { testid: `${key}-add` } }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (value) onSubmit(value);
    });
    return form;
  }

  tagsSection() {
    const tags = asArray(this.record.tags).filter((tag) => tag && tag.name);
    const list = el('ul', { className: 'chips' });
    for (const tag of tags) {
      const name = String(tag.name);
      const remove = el('button', {
        type: 'button', className: 'chip-remove', text: '×', dataset: { testid: 'tag-remove' }, attrs: { 'aria-label': t('removeTag', name) },
      });
      remove.addEventListener('click', () => this.act((id) => contactsApi.removeTag(id, tag.id)));
      list.append(el('li', { className: 'chip', dataset: { testid: 'tag', tagId: String(tag.id) } }, el('span', { text: name }), remove));
    }
    return this.section('tags', t('tags'),
      tags.length ? list : el('p', { className: 'muted', text: t('noTags') }),
      this.inlineForm('tag', t('addTag'), t('add'), (tag) => this.act((id) => contactsApi.addTag(id, tag)), { placeholder: t('addTag') }));
  }

  accountSection() {
    const account = this.record.account;
    const name = itemName(account);
    if (name) {
      const detach = el('button', { type: 'button', className: 'button button-small button-quiet', text: t('detachAccount'), dataset: { testid: 'account-detach' } });
      detach.addEventListener('click', () => this.act((id) => contactsApi.detachAccount(id)));
      return this.section('account', t('account'), el('p', { className: 'account-name', text: name, dataset: { testid: 'account-name' } }), detach);
    }
    return this.section('account', t('account'),
      el('p', { className: 'muted', text: t('noAccount') }),
      this.inlineForm('account', t('attachAccount'), t('attach'), (value) => this.act((id) => contactsApi.attachAccount(id, value)), { placeholder: t('accountName') }));
  }

  listsSection() {
    const lists = asArray(this.record.lists);
    const rows = el('ul', { className: 'plain-list' });
    for (const list of lists) {
      const state = String(list.state || 'NOT_SUBSCRIBED');
      const stateWord = t(`listState.${state}`);
      // When and by whom, as the consent record has it: "since 3 Mar 10:00 (admin, inbox)".
      const consent = state === 'SUBSCRIBED' ? list.subscribed : state === 'UNSUBSCRIBED' ? list.unsubscribed : null;
      const row = el('li', { className: 'list-row', dataset: { testid: 'list', listId: String(list.id ?? ''), state } },
        el('span', { className: 'list-name', text: itemName(list) }),
        el('span', {
          className: `list-state state-${state.toLowerCase()}`,
          text: stateWord === `listState.${state}` ? state : stateWord,
          title: consent && consent.at ? t('consentDetail', formatDayAndTime(consent.at), [consent.by, consent.source].filter(Boolean).join(', ')) : '',
        }));
      if (state === 'SUBSCRIBED') {
        const remove = el('button', { type: 'button', className: 'button button-small button-quiet', text: t('remove'), dataset: { testid: 'list-remove' }, attrs: { 'aria-label': t('removeFromList', itemName(list)) } });
        remove.addEventListener('click', () => this.act((id) => contactsApi.removeFromList(id, list.id)));
        row.append(remove);
      } else if (state === 'NOT_SUBSCRIBED' && list.id != null) {
        // An opted-out contact is not put back on a list from here: only the customer's START does that.
        const add = el('button', { type: 'button', className: 'button button-small', text: t('add'), dataset: { testid: 'list-add' }, attrs: { 'aria-label': t('addToList', itemName(list)) } });
        add.addEventListener('click', () => this.act((id) => contactsApi.addToList(id, list.id)));
        row.append(add);
      }
      rows.append(row);
    }
    return this.section('lists', t('lists'), lists.length ? rows : el('p', { className: 'muted', text: t('noLists') }));
  }

  automationsSection() {
    const current = asArray(this.record.automations);
    const rows = el('ul', { className: 'plain-list' });
    for (const automation of current) {
      const since = automation.enrolledAt ? t('enrolledAt', formatDayAndTime(automation.enrolledAt)) : '';
      const remove = el('button', { type: 'button', className: 'button button-small button-quiet', text: t('remove'), dataset: { testid: 'automation-remove' }, attrs: { 'aria-label': t('removeFromAutomation', itemName(automation)) } });
      remove.addEventListener('click', () => this.act((id) => contactsApi.removeFromAutomation(id, automation.id)));
      rows.append(el('li', { className: 'list-row', dataset: { testid: 'automation' } },
        el('span', { text: itemName(automation) }),
        since ? el('span', { className: 'muted', text: since }) : null,
        remove));
    }
    const children = [current.length ? rows : el('p', { className: 'muted', text: t('noAutomations') })];
    const currentIds = new Set(current.map((a) => String(a.id)));
    const choices = (this.automations || []).filter((a) => a && !currentIds.has(String(a.id)));
    if (choices.length) {
      const select = el('select', { id: 'contact-automation-select', className: 'input', dataset: { testid: 'automation-select' } });
      for (const automation of choices) select.append(el('option', { value: String(automation.id), text: itemName(automation) }));
      const form = el('form', { className: 'inline-form' },
        el('label', { className: 'sr-only', htmlFor: 'contact-automation-select', text: t('addToAutomation') }),
        select,
        el('button', { type: 'submit', className: 'button button-small', text: t('add'), dataset: { testid: 'automation-add' } }));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (select.value) this.act((id) => contactsApi.addToAutomation(id, select.value));
      });
      children.push(form);
    }
    return this.section('automations', t('automations'), ...children);
  }

  dealsSection() {
    const deals = asArray(this.record.deals);
    const rows = el('ul', { className: 'plain-list' });
    for (const deal of deals) {
      const value = deal.value != null ? money(deal.value, deal.currency) : '';
      const status = deal.status ? t(`dealStatus.${deal.status}`) : '';
      const details = [value, deal.stage, status.startsWith('dealStatus.') ? deal.status : status].filter(Boolean).join(' · ');
      rows.append(el('li', { className: 'list-row deal-row', dataset: { testid: 'deal' } },
        el('span', { className: 'deal-title', text: itemName(deal) }),
        details ? el('span', { className: 'muted', text: details }) : null));
    }
    const titleInput = el('input', { id: 'deal-title-input', className: 'input', autocomplete: 'off', placeholder: t('dealTitle'), dataset: { testid: 'deal-title' } });
    const valueInput = el('input', { id: 'deal-value-input', className: 'input input-number', type: 'number', min: '0', step: '0.01', placeholder: t('dealValue'), dataset: { testid: 'deal-value' } });
    // ISO 4217 code; the last one used is offered again.
    const currencyInput = el('input', {
      id: 'deal-currency-input', className: 'input input-currency', autocomplete: 'off', maxLength: 3, value: this.lastCurrency || 'USD', placeholder: 'USD', dataset: { testid: 'deal-currency' },
    });
    const form = el('form', { className: 'deal-form' },
      el('label', { className: 'sr-only', htmlFor: 'deal-title-input', text: t('dealTitle') }), titleInput,
      el('label', { className: 'sr-only', htmlFor: 'deal-value-input', text: t('dealValue') }), valueInput,
      el('label', { className: 'sr-only', htmlFor: 'deal-currency-input', text: t('dealCurrency') }), currencyInput,
      el('button', { type: 'submit', className: 'button button-small', text: t('createDeal'), dataset: { testid: 'deal-add' } }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const title = titleInput.value.trim();
      if (!title) return;
      const currency = currencyInput.value.trim().toUpperCase();
      const deal = { title, value: valueInput.value === '' ? null : Number(valueInput.value), currency };
      this.lastCurrency = currency;
      this.act((id) => contactsApi.createDeal(id, deal));
    });
    return this.section('deals', t('deals'), deals.length ? rows : el('p', { className: 'muted', text: t('noDeals') }), form);
  }

  // --- actions ------------------------------------------------------------------------------

  /** Runs one action, then shows the record as the CRM now has it; a refusal is shown in words. */
  async act(call) {
    if (!this.contact || this.busy) return;
    const id = this.contact.id;
    this.busy = true;
    this.bodyEl.setAttribute('aria-busy', 'true');
    this.error = '';
    try {
      await call(id);
    } catch (error) {
      this.error = `${t('contactActionFailed')} ${describeError(error)}`;
    } finally {
      this.busy = false;
      this.bodyEl.removeAttribute('aria-busy');
    }
    if (this.contact && String(this.contact.id) === String(id)) await this.load(id, { keepError: true });
  }
}
