import { describe, expect, it } from 'vitest';
import { humanMessage } from './messages';

describe('humanMessage', () => {
  it('drops the channel and method in front of what was wrong', () => {
    expect(humanMessage(new Error('runs.rename: rename: run 2: name must not be empty'))).toBe(
      'Run 2: name must not be empty',
    );
    expect(humanMessage(new Error('runs.export: folder: /etc/x is outside the allowed folders'))).toBe(
      '/etc/x is outside the allowed folders',
    );
  });
  it('keeps messages without such a prefix, and non-errors', () => {
    expect(humanMessage(new Error('the host is gone'))).toBe('The host is gone');
    expect(humanMessage('plain')).toBe('Plain');
    expect(humanMessage(new Error(''))).toBe('');
  });
});
