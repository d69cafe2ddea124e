// The contact panel (right column): for now the condensed contact from the conversation.
import { el, contactName } from './dom.js';
import { t } from './i18n.js';

export class ContactPanel {
  constructor(bodyEl) {
    this.bodyEl = bodyEl;
    this.show(null);
  }

  show(contact) {
    if (!contact) {
      this.bodyEl.replaceChildren(el('p', { className: 'muted', text: t('noContactSelected') }));
      return;
    }
    const name = contactName(contact, t('unknownContact'));
    const initials = [contact.firstName, contact.lastName]
      .map((part) => (part ? Array.from(String(part).trim())[0] || '' : ''))
      .join('')
      .toUpperCase();
    const list = el('dl', { className: 'contact-fields' });
    const field = (label, value) => {
      if (!value) return;
      list.append(el('dt', { text: label }), el('dd', { text: String(value) }));
    };
    field(t('contactName'), [contact.firstName, contact.lastName].filter(Boolean).join(' '));
    field(t('contactPhone'), contact.phone);
    field(t('contactEmail'), contact.email);
    this.bodyEl.replaceChildren(
      el('div', { className: 'contact-card' },
        el('span', { className: 'contact-avatar', text: initials || '#', attrs: { 'aria-hidden': 'true' } }),
        el('p', { className: 'contact-name', text: name })),
      list,
    );
  }
}
