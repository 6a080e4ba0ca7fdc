/**
 * The classic edit operations are published as a union (route schema → API document → the studio's typed client),
 * checked at the route with a message that names each problem.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { paths } from '@atelier/common/api-schema';
import { image } from '../assets/test-fixtures.js';
import { appForFile, waitForGeneration } from '../../test-support/harness.js';
import { EDIT_OPERATION_NAMES, type EditOperation } from './index.js';

const { t, people: [alice] } = appForFile({ people: 1 });

type PublishedOperation = NonNullable<paths['/api/v1/edits']['post']['requestBody']['content']['application/json']['operations']>[number];

async function photo(): Promise<string> {
  return (await t.services.assets.upload(alice!.id, { data: await image('png', 120, 80, '#c03020'), fileName: 'photo.png' })).id;
}

const edit = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: alice!.headers, payload });

describe('classic edit operations at the API', () => {
  it('are one union in the API document, an object per operation with only its own fields', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json();
    const items = doc.paths['/api/v1/edits'].post.requestBody.content['application/json'].schema.properties.operations.items;
    const ops = items.anyOf.map((s: { properties: { op: { enum: string[] } } }) => s.properties.op.enum[0]);
    expect([...new Set(ops)]).toEqual(EDIT_OPERATION_NAMES);
    expect(items.anyOf.every((s: { additionalProperties: boolean }) => s.additionalProperties === false)).toBe(true);
    expectTypeOf<PublishedOperation>().toEqualTypeOf<EditOperation>();
  });

  it('runs a valid list of every kind as before', async () => {
    const operations: EditOperation[] = [
      { op: 'crop', left: 10, top: 5, width: 100, height: 70 }, { op: 'crop', aspect: '4:3' }, { op: 'rotate', degrees: 90 },
      { op: 'flip', direction: 'horizontal' }, { op: 'brightness', amount: 0.2 }, { op: 'contrast', amount: -0.1 },
      { op: 'saturation', amount: 0.3 }, { op: 'temperature', amount: 0.1 }, { op: 'sepia' }, { op: 'sharpen' },
      { op: 'blur', sigma: 1 }, { op: 'vignette', amount: 0.5 }, { op: 'text', text: 'Hi', position: 'bottom', color: 'white' },
      { op: 'border', width: 4, color: '#ff8800' }, { op: 'resize', longSide: 200 }, { op: 'zoom', factor: 1.5 },
      { op: 'grayscale' }, { op: 'invert' },
    ];
    const res = await edit({ assetId: await photo(), operations });
    expect(res.statusCode, res.body).toBe(202);
    expect((await waitForGeneration(t.app, alice!, res.json().id)).status).toBe('succeeded');
  });

  it('refuses a list the classic editor cannot run with 400 naming each problem', async () => {
    const assetId = await photo();
    const res = await edit({ assetId, operations: [{ op: 'explode' }, { op: 'grayscale', radius: 2 }, { op: 'blur', sigma: 500 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_OPERATIONS', details: { field: 'operations' } });
    expect(res.json().error.message).toContain('operations[0]: unknown op "explode"');
    expect(res.json().error.message).toContain('operations[1] (grayscale): unknown field "radius"');
    expect(res.json().error.message).toContain('operations[2] (blur): sigma must be a number from 0.3 to 100');
    const notAList = await edit({ assetId, operations: { op: 'grayscale' } });
    expect(notAList.statusCode).toBe(400);
    expect(notAList.json().error.code).toBe('VALIDATION_FAILED');
  });
});
