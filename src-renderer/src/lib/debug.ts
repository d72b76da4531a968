/**
 * Read-outs for the people who build the lab, hidden from learners: today Draw's update timings
 * ("Update: 4.20 ms … median of 500"). They are turned on by opening the app once with ?debug=timings
 * in its address (the web host's URL, or BACKPROP_LAB_DEBUG=timings for the desktop app) and stay on
 * in that browser profile until ?debug=off; the choice is kept in localStorage.
 */

export const DEBUG_PARAM = 'debug';
const STORAGE_KEY = 'backprop-lab.debug';

/** What a page address asks for: 'timings' on, 'off', or nothing (keep the stored choice). */
export function debugRequest(search: string): 'timings' | 'off' | null {
  const value = new URLSearchParams(search).get(DEBUG_PARAM);
  if (value === null) return null;
  const v = value.trim().toLowerCase();
  if (v === 'timings' || v === 'on' || v === '1' || v === 'true' || v === '') return 'timings';
  if (v === 'off' || v === '0' || v === 'false' || v === 'none') return 'off';
  return null;
}

/** The debug setting, read once when the app starts (and written when the address asks for a change). */
function initialTimings(): boolean {
  try {
    const asked = debugRequest(location.search);
    if (asked === 'timings') localStorage.setItem(STORAGE_KEY, 'timings');
    else if (asked === 'off') localStorage.removeItem(STORAGE_KEY);
    return localStorage.getItem(STORAGE_KEY) === 'timings';
  } catch {
    // No storage (a locked-down profile): only the address counts.
    return debugRequest(typeof location === 'undefined' ? '' : location.search) === 'timings';
  }
}

/** Whether developer timings are shown. */
export const debug = { timings: initialTimings() };
