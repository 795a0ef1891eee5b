// The contract of a console page: the API operation it stands for (its roles are the page's),
// and a handler that calls the service and answers a view to render or a place to go next.
// Page modules export a list of these; router.ts mounts them under /console.
import type { Request, Response } from 'express';
import type { KaoheService } from '../service/kaohe-service.js';
import type { ConsolePrincipal, Viewer } from './access.js';

export interface PageContext {
  req: Request;
  res: Response;
  service: KaoheService;
  viewer: Viewer;
  /** No API keys configured: everyone has every role and nobody signs in. */
  open: boolean;
  /** The holder of an API key, by the API's own key check; null for an unknown key. */
  identify(key: string): ConsolePrincipal | null;
  /** Whether the viewer may call this API operation (the same check as the API's). */
  may(operationId: string): boolean;
  /** The query string of the request (the app parses none itself). */
  query: URLSearchParams;
  /** A POST's form fields (urlencoded); the last value of a repeated field. Empty for a GET. */
  form: Record<string, string>;
  /** A POST's repeated form fields, in order. */
  formAll(name: string): string[];
}

export type PageResult =
  /** Renders templates/console/<view> (which names its title) inside the layout, with `data`. */
  | { view: string; data?: Record<string, unknown>; status?: number }
  /** 303 See Other: after a POST, the browser GETs the result (reloading does not post again). */
  | { redirect: string };

export interface ConsolePage {
  method: 'get' | 'post';
  /** Express path below /console, e.g. '/rounds/:id'. */
  path: string;
  /**
   * The API operation the page shows or the action takes: its roles are checked first (403).
   * null: no operation, open to anyone, signed in or not (the sign-in page).
   */
  operation: string | null;
  handle(ctx: PageContext): Promise<PageResult> | PageResult;
}

/** An entry of the navigation bar, shown to those who may call its operation. */
export interface NavEntry {
  /** Its words are templates/console/macros.njk's navLabel(id). */
  id: string;
  href: string;
  operation: string;
}
