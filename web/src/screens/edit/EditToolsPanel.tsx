import { useId } from 'react';
import type { Asset } from '../../api/types';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { applyAspect, ASPECT_PRESETS, centredCrop, FILTERS, type EditTools, type FilterName, type Rotation } from './edit-model';

interface EditToolsPanelProps {
  asset: Asset;
  tools: EditTools;
  ratio: number | null;
  onRatio(ratio: number | null): void;
  onChange(tools: EditTools): void;
}

const SLIDERS = [
  ['brightness', 'edit.brightness'],
  ['contrast', 'edit.contrast'],
  ['saturation', 'edit.saturation'],
  ['warmth', 'edit.warmth'],
] as const;

/** Aspect presets for the crop, quarter turns, flips, four sliders and a filter. */
export function EditToolsPanel({ asset, tools, ratio, onRatio, onChange }: EditToolsPanelProps) {
  const t = useT();
  const id = useId();
  const { width: W, height: H } = asset;
  const turn = (by: number) => onChange({ ...tools, rotate: (((tools.rotate + by) % 360) + 360) % 360 as Rotation });

  return (
    <div className="edit-tools">
      <fieldset className="card">
        <legend>{t('edit.crop')}</legend>
        <div className="aspect-presets" role="radiogroup" aria-label={t('edit.aspect')}>
          {ASPECT_PRESETS.map((preset) => {
            const checked = preset.ratio === ratio;
            return (
              <label key={preset.id} className={checked ? 'chip-option checked' : 'chip-option'}>
                <input
                  type="radio"
                  name={`${id}-aspect`}
                  checked={checked}
                  onChange={() => {
                    onRatio(preset.ratio);
                    if (preset.ratio !== null) {
                      const full = tools.crop.width === W && tools.crop.height === H;
                      onChange({ ...tools, crop: full ? centredCrop(preset.ratio, W, H) : applyAspect(tools.crop, preset.ratio, W, H) });
                    }
                  }}
                />
                {preset.id === 'free' ? t('edit.aspect.free') : preset.id}
              </label>
            );
          })}
        </div>
        <button type="button" className="button" onClick={() => { onRatio(null); onChange({ ...tools, crop: { left: 0, top: 0, width: W, height: H } }); }}>
          {t('edit.resetCrop')}
        </button>
      </fieldset>
      <fieldset className="card">
        <legend>{t('edit.rotateFlip')}</legend>
        <div className="row">
          <button type="button" className="button" onClick={() => turn(-90)}>↺ {t('edit.rotateLeft')}</button>
          <button type="button" className="button" onClick={() => turn(90)}>↻ {t('edit.rotateRight')}</button>
          <button type="button" className="button" aria-pressed={tools.flipH} onClick={() => onChange({ ...tools, flipH: !tools.flipH })}>⇋ {t('edit.flipH')}</button>
          <button type="button" className="button" aria-pressed={tools.flipV} onClick={() => onChange({ ...tools, flipV: !tools.flipV })}>⇵ {t('edit.flipV')}</button>
        </div>
      </fieldset>
      <fieldset className="card">
        <legend>{t('edit.adjust')}</legend>
        {SLIDERS.map(([key, label]) => (
          <div className="field slider" key={key}>
            <label htmlFor={`${id}-${key}`}>{t(label)} <output htmlFor={`${id}-${key}`}>{tools[key] > 0 ? `+${tools[key]}` : tools[key]}</output></label>
            <input id={`${id}-${key}`} type="range" min={-100} max={100} step={1} value={tools[key]} onChange={(e) => onChange({ ...tools, [key]: Number(e.target.value) })} />
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${id}-filter`}>{t('edit.filter')}</label>
          <select id={`${id}-filter`} value={tools.filter} onChange={(e) => onChange({ ...tools, filter: e.target.value as FilterName })}>
            {FILTERS.map((f) => <option key={f} value={f}>{t(`edit.filter.${f}` as MessageKey)}</option>)}
          </select>
        </div>
      </fieldset>
    </div>
  );
}
