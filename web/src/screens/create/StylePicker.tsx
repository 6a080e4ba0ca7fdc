import { useId } from 'react';
import { useT } from '../../i18n/i18n';
import { styleName } from '../../i18n/style-name';

interface StylePickerProps {
  styles: string[];
  value: string;
  onChange(style: string): void;
  /** Preview pictures exist for the built-in engine's styles only; other engines' styles show their names. */
  withPreviews: boolean;
  disabled?: boolean;
}

const previewUrl = (style: string) => `/api/v1/styles/${encodeURIComponent(style)}/preview`;

/**
 * The style as a grid of pictures: native radio buttons (one name), so arrow keys move the choice and a screen
 * reader hears a radio group; "Automatic" (no style) comes first.
 */
export function StylePicker({ styles, value, onChange, withPreviews, disabled }: StylePickerProps) {
  const t = useT();
  const id = useId();
  const options = [{ style: '', label: t('create.styleAuto') }, ...styles.map((style) => ({ style, label: styleName(t, style) }))];
  return (
    <div className="field style-field">
      <span id={`${id}-label`} className="field-label">{t('create.style')}</span>
      <div className="style-grid" role="radiogroup" aria-labelledby={`${id}-label`}>
        {options.map(({ style, label }) => (
          <label key={style || 'auto'} className={style === value ? 'style-option checked' : 'style-option'}>
            <input
              type="radio" className="visually-hidden" name={`${id}-style`} value={style}
              checked={style === value} disabled={disabled} onChange={() => onChange(style)}
            />
            {withPreviews && style ? (
              <img src={previewUrl(style)} alt="" width={96} height={96} loading="lazy" />
            ) : (
              <span className="style-swatch" aria-hidden="true">{style ? style.slice(0, 1).toUpperCase() : 'A'}</span>
            )}
            <span className="style-name">{label}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
