import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createPageScanStatus } from '@/src/page-scan/page-scan-status';

describe('createPageScanStatus', () => {
  it('is one status line whose error tone stays until reset', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const status = createPageScanStatus(document);
    expect([status.element.tagName, status.element.className, status.element.getAttribute('role')]).toEqual(['P', 'page-scan-status', 'status']);
    status.fail('Could not keep the videos: full');
    expect(status.element.dataset.tone).toBe('error');
    expect(status.element.textContent).toBe('Could not keep the videos: full');
    status.say('Kept 1 video.');
    expect(status.element.dataset.tone).toBe('error');
    status.reset();
    expect(status.element.hasAttribute('data-tone')).toBe(false);
    expect(status.element.textContent).toBe('Kept 1 video.');
  });
});
