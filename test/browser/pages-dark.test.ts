import { checkEveryPage } from './pages';

checkEveryPage('dark');
