/** The trash. */
export const trash = {
  en: {
    'trash.title': 'Trash',
    'trash.note': 'Images you delete stay here for a while and can be restored; after that they are deleted for good.',
    'trash.empty': 'The trash is empty.',
    'trash.restore': 'Restore',
    'trash.restoreSelected': 'Restore {n} selected',
    'trash.restored': 'Restored {n} image(s) to the gallery.',
    'trash.purgeOn': 'Deleted for good on {date}',
    'trash.deletedOn': 'Moved to trash {date}',
    'trash.select': 'Select {name}',
    'trash.loadMore': 'Show more',
  },
  zh: {
    'trash.title': '回收站',
    'trash.note': '删除的图片会在这里保留一段时间，可以恢复；之后将被永久删除。',
    'trash.empty': '回收站是空的。',
    'trash.restore': '恢复',
    'trash.restoreSelected': '恢复所选 {n} 张',
    'trash.restored': '已将 {n} 张图片恢复到图库。',
    'trash.purgeOn': '将于 {date} 永久删除',
    'trash.deletedOn': '于 {date} 移到回收站',
    'trash.select': '选择 {name}',
    'trash.loadMore': '显示更多',
  },
} as const;
