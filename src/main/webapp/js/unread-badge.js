// The unread badge in the header; tells the host CRM (when embedded) each time the total changes.
import { t } from './i18n.js';
import { postToHost } from './host.js';

export class UnreadBadge {
  constructor(badgeEl, labelEl) {
    this.badgeEl = badgeEl;
    this.labelEl = labelEl;
    this.unread = null;
  }

  set(unread) {
    const n = Math.max(0, Number(unread) || 0);
    if (n === this.unread) return;
    this.unread = n;
    this.badgeEl.textContent = n > 999 ? '999+' : String(n);
    this.badgeEl.dataset.unread = String(n);
    this.badgeEl.classList.toggle('is-zero', n === 0);
    if (this.labelEl) this.labelEl.textContent = t('unreadBadgeLabel', n);
    this.badgeEl.title = t('unreadBadgeLabel', n);
    document.title = n > 0 ? `(${n}) ${t('productName')}` : t('productName');
    postToHost({ type: 'smsinbox.unread', unread: n });
  }
}
