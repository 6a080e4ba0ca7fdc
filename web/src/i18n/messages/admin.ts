/** The admin page (English only; Chinese falls back to English). */
export const admin = {
  en: {
    'admin.title': 'Administration',
    'admin.forbidden': 'This page is for administrators.',
    'admin.refresh': 'Refresh',
    'admin.notAvailable': 'This server does not offer this report yet.',
    'admin.engines': 'Engine health',
    'admin.enginesEmpty': 'No engines are configured.',
    'admin.engine': 'Engine',
    'admin.health': 'Health',
    'admin.details': 'Details',
    'admin.health.ok': 'Healthy',
    'admin.health.down': 'Unavailable',
    'admin.health.unknown': 'Unknown',
    'admin.analytics': 'Usage, last 30 days',
    'admin.analyticsEmpty': 'No usage has been counted yet.',
    'admin.outbox': 'Outbox',
    'admin.outboxEmpty': 'No messages.',
    'admin.when': 'When',
    'admin.type': 'Type',
    'admin.to': 'To',
    'admin.subject': 'Subject',
    'admin.status': 'Status',
  },
  zh: {
    'admin.title': '管理',
  },
} as const;
