// correlatorInput: what the pipeline pushes for one event.
import { describe, expect, it } from 'vitest';
import { correlatorInput } from '../../engine/correlate/input.js';
import { hit } from '../helpers/hits.js';

describe('correlatorInput', () => {
  const utc = { UtcTime: '2024-01-02 03:04:05.678' };
  it('nothing for an event without base hits that is not a process exit', () => {
    expect(correlatorInput({ EventID: 1, ...utc }, [])).toBeUndefined();
  });
  it('the event time and its hits', () => {
    const h = hit('a');
    expect(correlatorInput({ EventID: 1, ...utc }, [h])).toEqual({ timeMs: Date.parse('2024-01-02T03:04:05.678Z'), hits: [h] });
  });
  it('a ProcessTerminate carries its ProcessGuid even without hits', () => {
    expect(correlatorInput({ EventID: 5, ProcessGuid: '{g}', ...utc }, [])).toEqual({
      timeMs: Date.parse('2024-01-02T03:04:05.678Z'),
      hits: [],
      processTerminated: '{g}',
    });
  });
  it('an event without a time is pushed with NaN (the correlator uses the latest time seen)', () => {
    expect(correlatorInput({ EventID: 1 }, [hit('a')])!.timeMs).toBeNaN();
  });
});
