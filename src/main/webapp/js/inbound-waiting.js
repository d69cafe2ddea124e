// The line above the conversation list while SMS the carrier delivered wait to be filed (a flood
// that saturates the link: filing holds back for it). Each instance of the inbox tells of what its
// own link received, every second while they wait; the line shows the sum. It is no live region:
// a count read out every second would drown everything else; it is announced once, as it appears.
import { t } from './i18n.js';

// An instance that stops telling (it stopped, or its last word was lost) is forgotten after this.
const FORGET_AFTER_MS = 5000;

export class InboundWaitingLine {
  /** @param {(text: string) => void} announce says a text once to screen readers */
  constructor(el, announce) {
    this.el = el;
    this.announce = announce;
    this.byInstance = new Map();
  }

  /** @param {{instance: string, waiting: number}} data an inbound.waiting event */
  apply(data) {
    const instance = String(data.instance || '');
    const previous = this.byInstance.get(instance);
    if (previous) clearTimeout(previous.timer);
    const waiting = Math.max(0, Number(data.waiting) || 0);
    if (waiting === 0) {
      this.byInstance.delete(instance);
    } else {
      const timer = setTimeout(() => {
        this.byInstance.delete(instance);
        this.render();
      }, FORGET_AFTER_MS);
      this.byInstance.set(instance, { waiting, timer });
    }
    this.render();
  }

  render() {
    let total = 0;
    for (const { waiting } of this.byInstance.values()) total += waiting;
    const appearing = total > 0 && this.el.hidden;
    this.el.hidden = total === 0;
    this.el.dataset.waiting = String(total);
    if (total > 0) this.el.textContent = t('inboundWaiting', total);
    if (appearing) this.announce(this.el.textContent);
  }
}
