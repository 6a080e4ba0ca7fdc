import { useT } from '../../i18n/i18n';
import './prompt-help.css';

/** A small picture of a built-in style (drawn by the built-in engine on the server, the same scene for every style). */
export function StylePreview({ style }: { style: string }) {
  const t = useT();
  return (
    <img className="style-preview" src={`/api/v1/styles/${encodeURIComponent(style)}/preview`} alt={t('promptHelp.stylePreview', { style })}
      width={96} height={96} loading="lazy" />
  );
}
