import type { RateLimitConfig } from '../billing/billing-config.js';

/** Every rate limit off: tests spread this and turn on only the limit they are about. */
export const NO_RATE_LIMITS: RateLimitConfig = {
  generationsPerMinute: 0, uploadsPerMinute: 0, signupsPerHour: 0, anonymousPerMinute: 0,
  generationsPerMinutePerAddress: 0, uploadsPerMinutePerAddress: 0, reportsPerHour: 0, supportPerHour: 0, supportPerHourPerAddress: 0,
};
