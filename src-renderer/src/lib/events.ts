/**
 * The app's one subscription to the API's events, delivered to views once per animation frame
 * (see FrameQueue), so any number of views can listen without each opening its own stream.
 */
import { EVENT_NAMES, type ApiEvent } from '../../../src-main/api/table';
import { api } from './api';
import { FrameQueue } from './frame-queue';

type Listener = (events: ApiEvent[]) => void;
const listeners = new Set<Listener>();
let started = false;

const queue = new FrameQueue<ApiEvent>((batch) => {
  for (const listener of listeners) {
    try {
      listener(batch);
    } catch (e) {
      console.error('backprop-lab: an event listener threw', e);
    }
  }
});

/** Calls `listener` with each frame's batch of events (oldest first); returns the unsubscribe function. */
export function onEvents(listener: Listener): () => void {
  if (!started) {
    started = true;
    for (const name of EVENT_NAMES) api.on(name, (payload) => queue.push({ name, payload } as ApiEvent));
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
