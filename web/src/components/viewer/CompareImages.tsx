import { useId, useState } from 'react';
import { useT } from '../../i18n/i18n';
import './viewer.css';

interface CompareImagesProps {
  /** The source the edit was made from. */
  before: { src: string; alt: string };
  after: { src: string; alt: string; width: number; height: number };
  /** How much of the width shows the source, 0–100. */
  position: number;
}

/** The edited image with its source laid over the left part, cut at `position` per cent of the width. */
export function CompareImages({ before, after, position }: CompareImagesProps) {
  return (
    <div className="compare-images" style={{ ['--compare-at' as string]: `${position}%` }}>
      <img src={after.src} alt={after.alt} width={after.width} height={after.height} draggable={false} />
      <img className="compare-before" src={before.src} alt={before.alt} draggable={false} />
      <span className="compare-divider" aria-hidden="true" />
    </div>
  );
}

/** The slider that moves the cut between before and after; arrow keys move it by the browser's own steps. */
export function CompareSlider({ position, onChange }: { position: number; onChange(position: number): void }) {
  const t = useT();
  const id = useId();
  return (
    <div className="compare-slider">
      <span aria-hidden="true" className="muted small">{t('viewer.before')}</span>
      <label htmlFor={id} className="visually-hidden">{t('viewer.compareSlider')}</label>
      <input id={id} type="range" min={0} max={100} step={1} value={position} onChange={(e) => onChange(Number(e.target.value))} />
      <span aria-hidden="true" className="muted small">{t('viewer.after')}</span>
    </div>
  );
}

/** An edit next to its source on one image: the slider moves the cut (the Edit screen's result). */
export function BeforeAfter({ before, after }: Pick<CompareImagesProps, 'before' | 'after'>) {
  const [position, setPosition] = useState(50);
  return (
    <figure className="before-after">
      <CompareImages before={before} after={after} position={position} />
      <CompareSlider position={position} onChange={setPosition} />
    </figure>
  );
}
