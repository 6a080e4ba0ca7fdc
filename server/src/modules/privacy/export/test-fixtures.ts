/** Test-only: reading what an export zip holds (read it with readZip from test-support/zip.ts). */

export const json = (entries: Map<string, Buffer>, name: string): any => {
  const data = entries.get(name);
  if (!data) throw new Error(`${name} is not in the zip (it has: ${[...entries.keys()].join(', ')})`);
  return JSON.parse(data.toString('utf8'));
};
