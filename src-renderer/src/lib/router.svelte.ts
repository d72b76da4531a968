/** The current route as reactive state, following the URL hash. */
import { parseHash, routeHash, type Route } from './routes';

class Router {
  route = $state<Route>(parseHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseHash(location.hash);
    });
  }

  /** Shows a route, adding a history entry so Back returns to the previous view. */
  go(route: Route): void {
    const hash = routeHash(route);
    if (location.hash === hash) this.route = parseHash(hash);
    else location.hash = hash;
  }
}

export const router = new Router();
