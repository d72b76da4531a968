/**
 * The sidebar's line about training: how many runs are training now and how many wait for a core,
 * counted apart, since "3 runs training" with one running and two queued overstates what is going on.
 */

/** "1 training, 2 queued", "2 training", "1 queued"; "No run training" for none. */
export function activityText(running: number, queued: number): string {
  const parts = [running > 0 ? `${running} training` : '', queued > 0 ? `${queued} queued` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'No run training';
}
