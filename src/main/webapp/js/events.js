// Live updates from the server over Server-Sent Events (GET api/inbox/events).
// EventSource reconnects by itself and the server replays from Last-Event-ID; after any
// reconnect the screens also refetch what they show, so nothing is missed.

const EVENT_NAMES = ['message.received', 'message.status', 'conversation.read', 'unread.count', 'conversation.summarized', 'conversation.deleted',
  'message.queued', 'conversation.updated', 'note.added', 'conversation.typing', 'contact.changed', 'inbound.waiting'];
const MAX_RETRY_MS = 30000;

/**
 * @param {{onEvent: (name: string, data: any) => void, onReconnected: () => void,
 *          onConnectionChange: (connected: boolean) => void}} handlers
 * @returns {{close: () => void}}
 */
export function connectInboxEvents({ onEvent, onReconnected, onConnectionChange }) {
  let source = null;
  let interrupted = false;
  let retryMs = 1000;
  let retryTimer = null;
  let closed = false;

  function connect() {
    source = new EventSource('api/inbox/events', { withCredentials: true });
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        let data;
        try {
          data = JSON.parse(event.data);
        } catch {
          console.warn('SMS Inbox: unreadable event', name, event.data);
          return;
        }
        onEvent(name, data);
      });
    }
    // The server replays at most 1,000 missed events; further behind, it says resync: refetch.
    source.addEventListener('resync', () => onReconnected());
    source.addEventListener('open', () => {
      retryMs = 1000;
      onConnectionChange(true);
      if (interrupted) {
        interrupted = false;
        onReconnected();
      }
    });
    source.addEventListener('error', () => {
      interrupted = true;
      onConnectionChange(false);
      // CONNECTING: the browser retries by itself. CLOSED (e.g. an HTTP error): retry ourselves.
      if (source.readyState === EventSource.CLOSED && !closed) {
        source.close();
        clearTimeout(retryTimer);
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    });
  }

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(retryTimer);
      if (source) source.close();
    },
  };
}
