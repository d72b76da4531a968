import { describe, expect, it } from 'vitest';
import { activityText } from './activity';

describe('activityText', () => {
  it('counts training and queued runs apart', () => {
    expect(activityText(1, 2)).toBe('1 training, 2 queued');
    expect(activityText(2, 0)).toBe('2 training');
    expect(activityText(0, 1)).toBe('1 queued');
    expect(activityText(0, 0)).toBe('No run training');
  });
});
