import { Type } from '@sinclair/typebox';

export const EventBody = Type.Object(
  { feature: Type.String({ pattern: '^[a-z][a-z0-9_.:-]{0,47}$', description: 'A feature name such as "gallery.open"' }) },
  { additionalProperties: false },
);

export const ReportQuery = Type.Object({ days: Type.Integer({ minimum: 1, maximum: 366, default: 30 }) }, { additionalProperties: false });

const Counts = Type.Record(Type.String(), Type.Integer());

/** One day's totals: no user identifier. */
export const DayReportSchema = Type.Object({
  date: Type.String(), visitors: Type.Integer(), features: Counts, engines: Counts, styles: Counts, sizes: Counts,
});

export const AnalyticsReport = Type.Object({ days: Type.Array(DayReportSchema) });
