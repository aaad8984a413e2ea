/**
 * The desktop app's "Local HTTP API" switch: the same server as `cronbar daemon --listen`, on 127.0.0.1:<port>,
 * served only while the app schedules the data directory (if a daemon holds it, the daemon serves; the settings say
 * so). Plain Node: tested without Electron. main.ts starts it at launch and stops it on quit.
 */
import type { AppApi } from '../../shared/api/contract';
import type { HttpApiState } from '../../shared/model';
import { readEndpoint } from '../core/http/api-endpoint-file';
import { type ApiServer, startApiServer } from '../core/http/api-server';
import { readApiSettings, writeApiSettings } from '../core/http/api-settings';
import { tokenPath } from '../core/http/api-token';
import type { CronbarService } from '../core/service/types';

export interface HttpApiSwitchOptions {
  service: CronbarService;
  version: string;
  log?: (line: string) => void;
}

export class HttpApiSwitch {
  #server: ApiServer | null = null;
  #error: string | null = null;
  readonly methods: Pick<AppApi, 'getHttpApi' | 'setHttpApi'>;

  constructor(private readonly options: HttpApiSwitchOptions) {
    this.methods = {
      getHttpApi: async () => this.state(),
      setHttpApi: async ({ enabled, port }) => {
        writeApiSettings(this.options.service.dataDir, { enabled, port });
        await this.stop();
        if (enabled) await this.#serve(port);
        return this.state();
      },
    };
  }

  /** At launch: serves if the saved setting says so. */
  async start(): Promise<void> {
    const settings = readApiSettings(this.options.service.dataDir);
    if (settings.enabled) await this.#serve(settings.port);
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    this.#error = null;
    await server?.close();
  }

  async state(): Promise<HttpApiState> {
    const { dataDir } = this.options.service;
    const settings = readApiSettings(dataDir);
    const other = this.#server ? null : readEndpoint(dataDir);
    return {
      ...settings,
      url: this.#server?.url ?? null,
      servedBy: other && other.pid !== process.pid ? `the ${other.kind} (pid ${other.pid}) at ${other.url}` : null,
      error: this.#error,
      tokenPath: tokenPath(dataDir),
    };
  }

  async #serve(port: number): Promise<void> {
    const log = this.options.log ?? (() => {});
    const status = await this.options.service.status({});
    if (!status.scheduling) {
      // The scheduling process serves the API; a second server here would show a schedule it does not run.
      log(`api: not serving: ${status.lockHolder ?? 'another process'} schedules this data directory`);
      return;
    }
    try {
      this.#server = await startApiServer({
        service: this.options.service,
        listen: { host: '127.0.0.1', port },
        kind: 'app',
        version: this.options.version,
        log,
      });
      this.#error = null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.#error =
        code === 'EADDRINUSE'
          ? `port ${port} is in use by another program; pick another`
          : `cannot serve on 127.0.0.1:${port}: ${(error as Error).message}`;
      log(`api: ${this.#error}`);
    }
  }
}
