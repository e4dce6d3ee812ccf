import { describe, expect, it } from 'vitest';
import { createRelayBudget, MAX_OPENS_PER_SECOND } from '@/src/relay/relay-budget';

const setup = () => {
  const clock = { now: 0 };
  const warnings: string[] = [];
  const budget = createRelayBudget(() => clock.now, (message) => warnings.push(message));
  return { clock, warnings, budget };
};

describe('createRelayBudget', () => {
  it('passes 20 warnings a second and reports the rest in one line when the next second begins', () => {
    const { clock, warnings, budget } = setup();
    for (let count = 0; count < 25; count += 1) budget.warn(`w${count}`);
    expect(warnings).toEqual(Array.from({ length: 20 }, (_, count) => `w${count}`));
    clock.now = 999;
    budget.warn('still the same second');
    expect(warnings).toHaveLength(20);
    clock.now = 1000;
    budget.warn('next second');
    expect(warnings.slice(20)).toEqual(['capture relay: 6 more warnings in one second suppressed', 'next second']);
  });

  it(`allows ${MAX_OPENS_PER_SECOND} opens a second, then none until the next`, () => {
    const { clock, budget } = setup();
    const allowed = Array.from({ length: MAX_OPENS_PER_SECOND + 2 }, () => budget.open());
    expect(allowed.filter(Boolean)).toHaveLength(MAX_OPENS_PER_SECOND);
    expect(allowed.slice(-2)).toEqual([false, false]);
    clock.now = 1000;
    expect(budget.open()).toBe(true);
  });

  it('tells the first stream ended to make room in a second and counts the others as suppressed', () => {
    const { clock, warnings, budget } = setup();
    budget.open();
    budget.evicted('ended 1');
    budget.evicted('ended 2');
    budget.evicted('ended 3');
    expect(warnings).toEqual(['ended 1']);
    clock.now = 1000;
    budget.open();
    budget.evicted('ended 4');
    expect(warnings).toEqual(['ended 1', 'capture relay: 2 more warnings in one second suppressed', 'ended 4']);
  });
});
