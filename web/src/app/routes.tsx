import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route, Switch } from 'wouter';
import { useT } from '../i18n/i18n';
import CreateScreen from '../screens/create/CreateScreen';
import { NotFound } from './NotFound';

// Create is the landing screen and ships in the first bundle; every other screen loads on first visit.
const screens: Record<string, LazyExoticComponent<ComponentType<any>>> = {
  history: lazy(() => import('../screens/history/HistoryScreen')),
  gallery: lazy(() => import('../screens/gallery/GalleryScreen')),
  albums: lazy(() => import('../screens/albums/AlbumsScreen')),
  album: lazy(() => import('../screens/albums/AlbumScreen')),
  trash: lazy(() => import('../screens/trash/TrashScreen')),
  batch: lazy(() => import('../screens/batch/BatchScreen')),
  workflows: lazy(() => import('../screens/workflows/WorkflowsScreen')),
  edit: lazy(() => import('../screens/edit/EditScreen')),
  settings: lazy(() => import('../screens/settings/SettingsScreen')),
  admin: lazy(() => import('../screens/admin/AdminScreen')),
  report: lazy(() => import('../screens/report/ReportScreen')),
};

export const paths = {
  create: '/',
  history: '/history',
  gallery: '/gallery',
  albums: '/albums',
  album: (id: string) => `/albums/${encodeURIComponent(id)}`,
  trash: '/trash',
  batch: '/batch',
  workflows: '/workflows',
  edit: (assetId: string) => `/edit/${encodeURIComponent(assetId)}`,
  settings: '/settings',
  admin: '/admin',
  report: '/report',
  login: '/login',
  signup: '/signup',
} as const;

export function AppRoutes() {
  const t = useT();
  return (
    <Suspense fallback={<p className="loading" role="status">{t('common.loading')}</p>}>
      <Switch>
        <Route path="/" component={CreateScreen} />
        <Route path="/history" component={screens.history} />
        <Route path="/gallery" component={screens.gallery} />
        <Route path="/albums" component={screens.albums} />
        <Route path="/albums/:id" component={screens.album} />
        <Route path="/trash" component={screens.trash} />
        <Route path="/batch" component={screens.batch} />
        <Route path="/workflows" component={screens.workflows} />
        <Route path="/edit/:assetId" component={screens.edit} />
        <Route path="/settings" component={screens.settings} />
        <Route path="/admin" component={screens.admin} />
        <Route path="/report" component={screens.report} />
        <Route component={NotFound} />
      </Switch>
    </Suspense>
  );
}
