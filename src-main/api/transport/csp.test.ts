import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { META_CSP, contentSecurityPolicy } from './csp';

describe('contentSecurityPolicy', () => {
  it('allows only our own scripts, data: images and the given WebSocket origins', () => {
    expect(contentSecurityPolicy({ connect: ['ws://127.0.0.1:5000'] })).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self' ws://127.0.0.1:5000; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy()).toContain("connect-src 'self'; ");
  });

  it('is what the meta tag of src-renderer/index.html says', () => {
    const html = fs.readFileSync(path.join(__dirname, '../../../src-renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(META_CSP);
    expect(META_CSP).not.toContain('frame-ancestors');
  });
});
