import { describe, expect, it } from 'vitest';
import { debugRequest } from './debug';

describe('debugRequest', () => {
  it('turns developer timings on from the address', () => {
    expect(debugRequest('?debug=timings')).toBe('timings');
    expect(debugRequest('?token=abc&debug=timings')).toBe('timings');
    expect(debugRequest('?debug=1')).toBe('timings');
    expect(debugRequest('?debug')).toBe('timings');
  });
  it('turns them off again', () => {
    expect(debugRequest('?debug=off')).toBe('off');
    expect(debugRequest('?debug=0')).toBe('off');
  });
  it('leaves the stored choice alone without the parameter or with an unknown value', () => {
    expect(debugRequest('')).toBeNull();
    expect(debugRequest('?token=abc')).toBeNull();
    expect(debugRequest('?debug=verbose')).toBeNull();
  });
});
