/**
 * Whether the event stream to the lab is up. Events sent while it was down are lost, so views that
 * follow runs reload what they show when it comes back (onReconnect), and the frame says it is down.
 */
import { onConnectionChange } from './api';

type Listener = () => void;
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- callbacks to call on reconnect; nothing renders from this set
const listeners = new Set<Listener>();

class Connection {
  connected = $state(true);
}

export const connection = new Connection();

onConnectionChange((up) => {
  const wasDown = !connection.connected;
  connection.connected = up;
  if (up && wasDown) for (const l of listeners) l();
});

/** Calls `listener` each time the stream comes back after a break; returns the unsubscribe function. */
export function onReconnect(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
