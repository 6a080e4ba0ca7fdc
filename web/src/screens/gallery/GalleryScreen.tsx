import { useT } from '../../i18n/i18n';
import { AssetBrowser } from './AssetBrowser';

export default function GalleryScreen() {
  const t = useT();
  return <AssetBrowser title={<h1>{t('gallery.title')}</h1>} />;
}
