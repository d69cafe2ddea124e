// The Reports screen (issue 25): an account's figures per local day (GET api/reports) as charts
// drawn by Chart.js (bundled under js/vendor/chartjs, loaded the first time the screen opens),
// each with a table of the same numbers and a CSV download. While the period includes today, live
// events (message.received, message.queued, message.status, conversation.updated) refetch it.
import { reportsApi, inboxApi, request, describeError } from './api.js';
import { el, debounce } from './dom.js';
import { t, number as formatNumber } from './i18n.js';

const CHART_JS = 'js/vendor/chartjs/chart.umd.min.js';
const LIVE_EVENTS = new Set(['message.received', 'message.queued', 'message.status', 'conversation.updated']);

// Colours with at least 3:1 against white (WCAG 1.4.11), told apart by more than hue: bars of a
// series keep their order, and every chart has its table.
const COLOURS = ['#2f5fd0', '#b35900', '#1a7f4b', '#b42318', '#6e40c9', '#4d5661'];

/** The charts: a title, how to draw them, and the series (a key of a day, or a function of one). */
const CHARTS = [
  { id: 'messages', type: 'bar', series: [['inbound', (d) => d.inbound], ['outbound', (d) => d.outbound]] },
  {
    id: 'outcomes', type: 'bar', stacked: true,
    series: [['delivered', (d) => d.delivered], ['failed', (d) => d.failed], ['expired', (d) => d.expired]],
  },
  { id: 'optOuts', type: 'bar', series: [['optOuts', (d) => d.optOuts], ['optIns', (d) => d.optIns]] },
  {
    id: 'firstResponse', type: 'line', seconds: true,
    series: [['medianS', (d) => d.firstResponse.medianS], ['p90S', (d) => d.firstResponse.p90S]],
  },
  {
    id: 'creditsResolved', type: 'bar',
    series: [['creditsSpent', (d) => d.creditsSpent], ['conversationsResolved', (d) => d.conversationsResolved]],
  },
];

let chartJsLoading = null;

/** Loads the bundled Chart.js once (a plain script: it sets window.Chart). */
function loadChartJs() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!chartJsLoading) {
    chartJsLoading = new Promise((resolve, reject) => {
      const script = el('script', { src: CHART_JS });
      script.addEventListener('load', () => resolve(window.Chart));
      script.addEventListener('error', () => { chartJsLoading = null; reject(new Error('Chart.js did not load')); });
      document.head.append(script);
    });
  }
  return chartJsLoading;
}

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** YYYY-MM-DD of an instant in a time zone. */
export function dateIn(zone, date = new Date()) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(date);
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Seconds as words short enough for a table: 45 s, 12 min, 3 h 5 min. */
export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return t('reports.seconds', seconds);
  if (seconds < 3600) return t('reports.minutes', Math.round(seconds / 60));
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return t('reports.hours', h, m);
}

function csvOf(rows) {
  return rows.map((row) => row.map((cell) => {
    const s = cell === null || cell === undefined ? '' : String(cell);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',')).join('\r\n') + '\r\n';
}

function download(filename, text) {
  const link = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' })), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

export class ReportsScreen {
  /** @param {{dialog: HTMLDialogElement, openButton: HTMLButtonElement}} options */
  constructor({ dialog, openButton }) {
    Object.assign(this, { dialog, openButton });
    this.q = (testid) => dialog.querySelector(`[data-testid="${testid}"]`);
    this.period = this.q('reports-period');
    this.from = this.q('reports-from');
    this.to = this.q('reports-to');
    this.number = this.q('reports-number');
    this.admin = this.q('reports-admin');
    this.statusEl = this.q('reports-status');
    this.errorEl = this.q('reports-error');
    this.totalsEl = this.q('reports-totals');
    this.chartsEl = this.q('reports-charts');
    this.originsEl = this.q('reports-origins');
    this.errorsEl = this.q('reports-errors');
    this.zone = 'UTC';
    this.report = null;
    this.charts = new Map();
    this.tableView = new Set();
    this.loading = null;
    this.refreshSoon = debounce(() => this.load(), 400);

    openButton.addEventListener('click', () => this.open());
    this.q('reports-close').addEventListener('click', () => this.dialog.close());
    this.period.addEventListener('change', () => { this.showRange(); this.load(); });
    for (const input of [this.from, this.to, this.number, this.admin]) input.addEventListener('change', () => this.load());
    this.q('reports-csv').addEventListener('click', () => this.downloadAll());
    this.buildSections();
  }

  async open() {
    if (!this.dialog.open) this.dialog.showModal();
    await Promise.all([this.loadChoices(), loadChartJs().catch((error) => this.showError(error.message))]);
    this.showRange();
    await this.load();
  }

  /** The account's zone, numbers and admins for the filters. */
  async loadChoices() {
    try {
      const [zone, numbers, admins] = await Promise.all([
        request('api/settings/time-zone'),
        reportsApi.numbers().catch(() => []),
        inboxApi.admins().catch(() => []),
      ]);
      this.zone = (zone && zone.timeZone) || 'UTC';
      this.fillSelect(this.number, t('reports.allNumbers'),
        (Array.isArray(numbers) ? numbers : []).map((n) => [n.number, n.number]));
      this.fillSelect(this.admin, t('reports.everyone'),
        (Array.isArray(admins) ? admins : []).map((a) => [a.id, a.name || a.id]));
    } catch (error) {
      this.showError(describeError(error));
    }
  }

  fillSelect(select, allLabel, options) {
    const chosen = select.value;
    select.replaceChildren(el('option', { value: '', text: allLabel }),
      ...options.map(([value, text]) => el('option', { value, text })));
    if (options.some(([value]) => value === chosen)) select.value = chosen;
  }

  /** from/to of the chosen period, in the account's zone. */
  range() {
    const today = dateIn(this.zone);
    switch (this.period.value) {
      case 'today': return { from: today, to: today };
      case '7': return { from: addDays(today, -6), to: today };
      case 'custom': return { from: this.from.value || addDays(today, -29), to: this.to.value || today };
      default: return { from: addDays(today, -29), to: today };
    }
  }

  showRange() {
    const custom = this.period.value === 'custom';
    this.q('reports-range').hidden = !custom;
    if (custom && !this.from.value) {
      const { from, to } = this.range();
      this.from.value = from;
      this.to.value = to;
    }
  }

  query() {
    return { ...this.range(), number: this.number.value, adminId: this.admin.value };
  }

  async load() {
    if (!this.dialog.open) return;
    if (this.loading) this.loading.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.showError('');
    this.dialog.setAttribute('aria-busy', 'true');
    try {
      const report = await reportsApi.get(this.query(), { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.report = report;
      this.render();
    } catch (error) {
      if (error && error.name === 'AbortError') return;
      this.showError(describeError(error));
    } finally {
      if (this.loading === controller) {
        this.loading = null;
        this.dialog.removeAttribute('aria-busy');
      }
    }
  }

  /** Live events: today's figures move while the screen shows a period that includes today. */
  onEvent(name) {
    if (!this.dialog.open || !LIVE_EVENTS.has(name)) return;
    if (this.range().to >= dateIn(this.zone)) this.refreshSoon();
  }

  showError(text) {
    this.errorEl.textContent = text || '';
    this.errorEl.hidden = !text;
  }

  buildSections() {
    for (const chart of CHARTS) {
      const titleId = `reports-${chart.id}-title`;
      const toggle = el('button', {
        type: 'button', className: 'button button-small', text: t('reports.showTable'),
        attrs: { 'aria-pressed': 'false', 'data-testid': `reports-${chart.id}-toggle` },
      });
      const csv = el('button', {
        type: 'button', className: 'button button-small', text: t('reports.downloadCsv'),
        attrs: { 'data-testid': `reports-${chart.id}-csv`, 'aria-describedby': titleId },
      });
      const canvas = el('canvas', { attrs: { role: 'img', 'data-testid': `reports-${chart.id}-chart` } });
      // A region of its own: it scrolls, so the keyboard must reach it (tabindex) to scroll it.
      const table = el('div', {
        className: 'reports-table-wrap', hidden: true, tabIndex: 0,
        attrs: { role: 'region', 'aria-labelledby': titleId, 'data-testid': `reports-${chart.id}-table` },
      });
      const section = el('section', { className: 'reports-card', attrs: { 'aria-labelledby': titleId } },
        el('div', { className: 'reports-card-head' },
          el('h3', { id: titleId, className: 'reports-card-title', text: t(`reports.chart.${chart.id}`) }),
          el('div', { className: 'reports-card-actions' }, toggle, csv)),
        el('div', { className: 'reports-chart-box' }, canvas),
        table);
      toggle.addEventListener('click', () => {
        const showTable = !this.tableView.has(chart.id);
        if (showTable) this.tableView.add(chart.id); else this.tableView.delete(chart.id);
        this.applyView(chart.id, section);
      });
      csv.addEventListener('click', () => this.downloadChart(chart));
      this.chartsEl.append(section);
      chart.section = section;
    }
  }

  applyView(id, section) {
    const table = this.tableView.has(id);
    const toggle = section.querySelector('[aria-pressed]');
    toggle.setAttribute('aria-pressed', String(table));
    toggle.textContent = table ? t('reports.showChart') : t('reports.showTable');
    section.querySelector('.reports-chart-box').hidden = table;
    section.querySelector('.reports-table-wrap').hidden = !table;
  }

  render() {
    const report = this.report;
    const { from, to } = this.range();
    this.statusEl.textContent = t('reports.period', from, to, report.timeZone);
    // Whether first responses were timed over the account's working hours or every hour.
    const hours = Array.isArray(report.workingHours) ? report.workingHours : [];
    this.dialog.querySelector('[data-testid="reports-response-hours"]').textContent = report.workingHoursApplied
      ? t('reports.workingHoursApplied', hours.map((s) => `${t('workingDays')[DAYS.indexOf(s.day)] || s.day} ${s.from}–${s.to}`).join(', '))
      : t('reports.workingHoursNone');
    this.renderTotals(report.totals);
    for (const chart of CHARTS) this.renderChart(chart, report.days);
    this.renderOrigins(report.byOrigin || []);
    this.renderErrors(report.topErrors || []);
  }

  renderTotals(totals) {
    const tiles = [
      ['inbound', formatNumber(totals.inbound)],
      ['outbound', formatNumber(totals.outbound)],
      ['delivered', formatNumber(totals.delivered)],
      ['failed', formatNumber(totals.failed)],
      ['expired', formatNumber(totals.expired)],
      ['optOuts', formatNumber(totals.optOuts)],
      ['optIns', formatNumber(totals.optIns)],
      ['creditsSpent', formatNumber(totals.creditsSpent)],
      ['conversationsResolved', formatNumber(totals.conversationsResolved)],
      ['medianS', formatSeconds(totals.firstResponse.medianS)],
      ['p90S', formatSeconds(totals.firstResponse.p90S)],
    ];
    this.totalsEl.replaceChildren(...tiles.map(([key, value]) => el('div', { className: 'reports-tile', attrs: { 'data-testid': `reports-total-${key}` } },
      el('dt', { text: t(`reports.series.${key}`) }),
      el('dd', { text: value }))));
  }

  renderChart(chart, days) {
    const labels = days.map((d) => d.date);
    const series = chart.series.map(([key, value]) => ({ key, values: days.map(value) }));
    const canvas = chart.section.querySelector('canvas');
    // The text alternative: what the chart shows, in totals; the table has every day.
    const summary = series.map(({ key, values }) => {
      const known = values.filter((v) => v !== null && v !== undefined);
      const total = chart.seconds
        ? formatSeconds(known.length ? Math.max(...known) : null)
        : formatNumber(known.reduce((a, b) => a + b, 0));
      return `${t(`reports.series.${key}`)}: ${chart.seconds ? t('reports.highest', total) : total}`;
    }).join('; ');
    canvas.setAttribute('aria-label', `${t(`reports.chart.${chart.id}`)}, ${labels[0]} – ${labels[labels.length - 1]}. ${summary}. ${t('reports.tableHint')}`);
    this.renderTable(chart, labels, series);
    this.applyView(chart.id, chart.section);
    const Chart = window.Chart;
    if (!Chart) return;
    const datasets = series.map(({ key, values }, i) => ({
      label: t(`reports.series.${key}`),
      data: chart.seconds ? values.map((v) => (v === null || v === undefined ? null : Math.round(v / 60 * 10) / 10)) : values,
      backgroundColor: COLOURS[i],
      borderColor: COLOURS[i],
      borderWidth: chart.type === 'line' ? 2 : 0,
      pointRadius: chart.type === 'line' ? 3 : 0,
      spanGaps: true,
    }));
    const existing = this.charts.get(chart.id);
    if (existing) {
      existing.data.labels = labels;
      existing.data.datasets = datasets;
      existing.update('none');
      return;
    }
    this.charts.set(chart.id, new Chart(canvas, {
      type: chart.type,
      data: { labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: 'bottom', labels: { color: '#1f2328' } } },
        scales: {
          x: { stacked: !!chart.stacked, ticks: { color: '#1f2328' } },
          y: {
            stacked: !!chart.stacked, beginAtZero: true, ticks: { color: '#1f2328', precision: 0 },
            title: chart.seconds ? { display: true, text: t('reports.minutesAxis'), color: '#1f2328' } : undefined,
          },
        },
      },
    }));
  }

  renderTable(chart, labels, series) {
    const wrap = chart.section.querySelector('.reports-table-wrap');
    const format = (v) => (chart.seconds ? formatSeconds(v) : formatNumber(v));
    const table = el('table', { className: 'reports-table' },
      el('caption', { className: 'sr-only', text: t(`reports.chart.${chart.id}`) }),
      el('thead', {}, el('tr', {},
        el('th', { attrs: { scope: 'col' }, text: t('reports.date') }),
        ...series.map(({ key }) => el('th', { attrs: { scope: 'col' }, text: t(`reports.series.${key}`) })))),
      el('tbody', {}, ...labels.map((label, i) => el('tr', { attrs: { 'data-date': label } },
        el('th', { attrs: { scope: 'row' }, text: label }),
        ...series.map(({ key, values }) => el('td', { attrs: { 'data-series': key }, text: format(values[i]) }))))));
    wrap.replaceChildren(table);
  }

  renderOrigins(origins) {
    if (!origins.length) {
      this.originsEl.replaceChildren(el('p', { className: 'muted', text: t('reports.noOrigins') }));
      return;
    }
    this.originsEl.replaceChildren(el('table', { className: 'reports-table' },
      el('caption', { className: 'sr-only', text: t('reports.byOrigin') }),
      el('thead', {}, el('tr', {},
        ...['originName', 'originType', 'sent', 'replies'].map((k) => el('th', { attrs: { scope: 'col' }, text: t(`reports.${k}`) })))),
      el('tbody', {}, ...origins.map((o) => el('tr', {},
        el('th', { attrs: { scope: 'row' }, text: o.name || o.id }),
        el('td', { text: t(`reports.origin.${o.type}`) }),
        el('td', { text: formatNumber(o.sent) }),
        el('td', { text: formatNumber(o.replies) }))))));
  }

  renderErrors(errors) {
    if (!errors.length) {
      this.errorsEl.replaceChildren(el('p', { className: 'muted', text: t('reports.noErrors') }));
      return;
    }
    this.errorsEl.replaceChildren(el('table', { className: 'reports-table' },
      el('caption', { className: 'sr-only', text: t('reports.topErrors') }),
      el('thead', {}, el('tr', {},
        ...['errorText', 'errorCode', 'count'].map((k) => el('th', { attrs: { scope: 'col' }, text: t(`reports.${k}`) })))),
      el('tbody', {}, ...errors.map((e) => el('tr', {},
        el('th', { attrs: { scope: 'row' }, text: e.text }),
        el('td', { text: e.code }),
        el('td', { text: formatNumber(e.count) }))))));
  }

  downloadChart(chart) {
    if (!this.report) return;
    const header = ['date', ...chart.series.map(([key]) => key)];
    const rows = this.report.days.map((d) => [d.date, ...chart.series.map(([, value]) => value(d))]);
    const { from, to } = this.range();
    download(`sms-report-${chart.id}-${from}-to-${to}.csv`, csvOf([header, ...rows]));
  }

  async downloadAll() {
    try {
      const { from, to } = this.range();
      download(`sms-report-${from}-to-${to}.csv`, await reportsApi.csv(this.query()));
    } catch (error) {
      this.showError(describeError(error));
    }
  }
}
