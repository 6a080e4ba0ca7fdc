import { useId } from 'react';
import type { EngineCapabilities } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { ASPECT_RATIOS, clamp, clampSize, parseSeed, randomSeed, type CreateForm } from './form-state';
import { StylePicker } from './StylePicker';
import { SamplingControls } from './SamplingControls';

interface CreateControlsProps {
  form: CreateForm;
  caps: EngineCapabilities;
  onChange(patch: Partial<CreateForm>): void;
  disabled?: boolean;
}

/** The controls that depend on the chosen engine: each appears only when the engine supports it, within its bounds. */
export function CreateControls({ form, caps, onChange, disabled }: CreateControlsProps) {
  const t = useT();
  const id = useId();
  const hasPresets = caps.sizePresets.length > 0;
  const custom = form.sizeMode === 'custom' || !hasPresets;
  const seedValue = parseSeed(form.seed);
  const seedInvalid = seedValue !== undefined && Number.isNaN(seedValue);
  const maxOutputs = Math.max(1, caps.maxOutputs);

  const commitSize = (width: number, height: number) => onChange(clampSize(width, height, caps));

  return (
    <div className="create-controls">
      <fieldset className="control-group" disabled={disabled}>
        <legend>{t('create.size')}</legend>
        {hasPresets && (
          <div className="segmented" role="radiogroup" aria-label={t('create.sizeMode')}>
            <label>
              <input type="radio" name={`${id}-mode`} checked={!custom} onChange={() => onChange({ sizeMode: 'preset' })} />
              {t('create.sizePresetMode')}
            </label>
            <label>
              <input type="radio" name={`${id}-mode`} checked={custom} onChange={() => onChange({ sizeMode: 'custom' })} />
              {t('create.sizeCustomMode')}
            </label>
          </div>
        )}
        {!custom ? (
          <div className="row">
            <div className="field">
              <label htmlFor={`${id}-preset`}>{t('create.preset')}</label>
              <select id={`${id}-preset`} value={form.preset} onChange={(e) => onChange({ preset: e.target.value })}>
                {caps.sizePresets.map((p) => (
                  <option key={p} value={p}>{p}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-aspect`}>{t('create.aspect')}</label>
              <select id={`${id}-aspect`} value={form.aspectRatio} onChange={(e) => onChange({ aspectRatio: e.target.value })}>
                {ASPECT_RATIOS.map((r) => (
                  <option key={r} value={r}>{r}</option>
                ))}
              </select>
            </div>
          </div>
        ) : (
          <div className="row">
            <div className="field">
              <label htmlFor={`${id}-w`}>{t('create.width')}</label>
              <input
                id={`${id}-w`} type="number" inputMode="numeric" min={1} max={caps.maxSide} step={8} value={form.width}
                onChange={(e) => onChange({ width: Number(e.target.value) })}
                onBlur={() => commitSize(form.width, form.height)}
              />
            </div>
            <span aria-hidden="true" className="times">×</span>
            <div className="field">
              <label htmlFor={`${id}-h`}>{t('create.height')}</label>
              <input
                id={`${id}-h`} type="number" inputMode="numeric" min={1} max={caps.maxSide} step={8} value={form.height}
                onChange={(e) => onChange({ height: Number(e.target.value) })}
                onBlur={() => commitSize(form.width, form.height)}
              />
            </div>
            <p className="field-hint" id={`${id}-bounds`}>
              {t('create.sizeBounds', { maxSide: caps.maxSide, maxMp: +(caps.maxPixels / 1e6).toFixed(1) })}
            </p>
          </div>
        )}
      </fieldset>

      <div className="row">
        <div className="field count-field">
          <label htmlFor={`${id}-count`}>{t('create.count')}</label>
          <input
            id={`${id}-count`} type="number" inputMode="numeric" min={1} max={maxOutputs} value={form.count} disabled={disabled || maxOutputs === 1}
            aria-describedby={`${id}-count-hint`}
            onChange={(e) => onChange({ count: clamp(Math.round(Number(e.target.value)) || 1, 1, maxOutputs) })}
          />
          <span className="field-hint" id={`${id}-count-hint`}>{t('create.countHint', { max: maxOutputs })}</span>
        </div>

        {caps.seed && (
          <div className="field seed-field">
            <label htmlFor={`${id}-seed`}>{t('create.seed')}</label>
            <div className="input-with-button">
              <input
                id={`${id}-seed`} inputMode="numeric" placeholder={t('create.seedRandom')} value={form.seed} disabled={disabled}
                aria-invalid={seedInvalid || undefined} aria-describedby={seedInvalid ? `${id}-seed-error` : undefined}
                onChange={(e) => onChange({ seed: e.target.value })}
              />
              <button type="button" className="button icon-button" disabled={disabled} onClick={() => onChange({ seed: String(randomSeed()) })} aria-label={t('create.seedDice')} title={t('create.seedDice')}>
                <DiceIcon />
              </button>
            </div>
            {seedInvalid && <span className="field-error" id={`${id}-seed-error`}>{t('create.seedInvalid')}</span>}
          </div>
        )}

        {caps.styles.length > 0 && (
          <StylePicker styles={caps.styles} value={form.style} disabled={disabled} withPreviews={caps.id === 'builtin'} onChange={(style) => onChange({ style })} />
        )}
      </div>

      <SamplingControls form={form} caps={caps} onChange={onChange} disabled={disabled} />

      {caps.watermark && (
        <label className="checkbox">
          <input type="checkbox" checked={form.watermark} disabled={disabled} onChange={(e) => onChange({ watermark: e.target.checked })} />
          {t('create.watermark')}
        </label>
      )}
    </div>
  );
}

/** A die (an emoji is not in every system font). */
function DiceIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="16" height="16" rx="3.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      {[[6.5, 6.5], [13.5, 6.5], [10, 10], [6.5, 13.5], [13.5, 13.5]].map(([cx, cy]) => (
        <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r="1.4" fill="currentColor" />
      ))}
    </svg>
  );
}
