import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { AdminEngine, AnalyticsDay } from '../../api/admin';
import type { AuditRow } from '../../api/accounts';
import { I18nProvider } from '../../i18n/i18n';
import { healthOf } from './AdminScreen';
import { AnalyticsTable } from './AnalyticsTable';
import { AuditTable } from './AuditTable';

afterEach(cleanup);

const engine = (neural: boolean, health: Partial<AdminEngine['health']>): AdminEngine => ({
  id: neural ? 'seedream' : 'builtin', name: 'E', model: null, neural,
  health: { calls: 0, errors: 0, refusals: 0, errorRate: 0, lastSuccessAt: null, lastError: null, ...health },
});
const day = (date: string, extra: Partial<AnalyticsDay> = {}): AnalyticsDay =>
  ({ date, visitors: 0, features: {}, engines: {}, styles: {}, sizes: {}, ...extra });

describe('admin engine health', () => {
  it('is down when the last call failed, healthy once a later call succeeded', () => {
    const lastError = { at: '2026-11-23T10:00:00.000Z', code: 'PROVIDER_ERROR', httpStatus: 500, detail: null };
    expect(healthOf(engine(true, { lastError, lastSuccessAt: '2026-11-23T09:00:00.000Z' }))).toBe('down');
    expect(healthOf(engine(true, { lastError, lastSuccessAt: '2026-11-23T11:00:00.000Z' }))).toBe('ok');
  });

  it('counts the built-in engine healthy without calls, and a provider not called yet as unknown', () => {
    expect(healthOf(engine(false, {}))).toBe('ok');
    expect(healthOf(engine(true, {}))).toBe('unknown');
  });
});

describe('admin usage table', () => {
  it('lists only days with something counted, newest first, each breakdown as name and count', () => {
    render(
      <I18nProvider>
        <AnalyticsTable days={[
          day('2026-11-21', { features: { generate: 2 }, engines: { builtin: 2 } }),
          day('2026-11-22'),
          day('2026-11-23', { visitors: 3, features: { edit: 1, generate: 4 } }),
        ]} />
      </I18nProvider>,
    );
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['2026-11-23', '2026-11-21']);
    expect(rows[0]!.textContent).toContain('generate 4 · edit 1');
  });

  it('says so when nothing was counted', () => {
    render(<I18nProvider><AnalyticsTable days={[day('2026-11-22')]} /></I18nProvider>);
    expect(screen.getByText('No usage has been counted yet.')).toBeTruthy();
  });
});

describe('admin audit log', () => {
  const adjusted: AuditRow = {
    id: 7, actorId: 'a1', actorEmail: 'admin@example.test', action: 'admin.credits_adjusted', target: 'u2',
    detail: { amount: -5, reason: 'duplicate grant' }, at: '2026-11-23T10:00:00.000Z',
  };

  it('names a credit correction in the reader\'s language, with its amount and reason', () => {
    render(<I18nProvider locale="en"><AuditTable entries={[adjusted]} /></I18nProvider>);
    const row = within(screen.getByRole('table')).getAllByRole('row')[1]!;
    expect(within(row).getByText('Credits adjusted')).toBeTruthy();
    expect(row.textContent).toContain('amount: -5 · reason: duplicate grant');
    cleanup();
    render(<I18nProvider locale="zh"><AuditTable entries={[adjusted]} /></I18nProvider>);
    expect(screen.getByText('调整点数')).toBeTruthy();
  });
});
