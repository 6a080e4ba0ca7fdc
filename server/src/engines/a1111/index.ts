import type { A1111Settings } from '../engine-config.js';
import { EngineJobError } from '../engine.js';
import type { HealthReporter } from '../health.js';
import { chooseUpscaler, LocalEngine, type Discovery, type LocalAttempt } from '../local/engine.js';
import { LocalHttp } from '../local/http.js';
import { ProviderCallError } from '../provider/errors.js';
import type { ProviderRuntime } from '../provider/runtime.js';
import { img2imgBody, referenceBody, txt2imgBody, upscaleBody } from './body.js';
import { a1111Failure } from './errors.js';
import { followProgress } from './progress.js';

/**
 * A generation may start from one reference image: img2img's init image. (ControlNet and IP-Adapter references need
 * extensions whose APIs differ between forks; Atelier does not drive them.)
 */
const REFERENCES = 1;

/**
 * The web UI's classic resamplers (and Forge's and SD.Next's "Resize …" ones): listed among the upscalers, but an
 * enlargement by one is no AI upscale and must not be labelled as one.
 */
const RESAMPLER = /^(resize\s+)?(none|lanczos|nearest(-exact)?|bilinear|bicubic|hamming|box|area)$/i;

/** Failures after which the web UI may still be working on the call. */
const LEFT_RUNNING = new Set(['TIMEOUT', 'NETWORK']);

interface ImagesAnswer {
  images?: unknown[];
}

/**
 * The Automatic1111 web UI API (also Forge and SD.Next): txt2img, img2img with an optional inpaint mask, and the
 * extras upscaler. It runs one generation at a time, so progress is read from /progress while our call waits.
 */
export class A1111Engine extends LocalEngine<A1111Settings> {
  readonly id = 'a1111';
  protected readonly engineName = 'Automatic1111';
  private readonly http: LocalHttp;

  constructor(settings: A1111Settings, health: HealthReporter, runtime?: ProviderRuntime) {
    super(settings, health, runtime);
    this.http = new LocalHttp(settings, this.engineName, (status, body, retryAfter) => a1111Failure(status, body, retryAfter, (t) => this.http.safe(t)));
  }

  protected description(): string {
    return 'Stable Diffusion on an Automatic1111-compatible web UI (also Forge, SD.Next): text to image, image to image, ' +
      'inpainting with a mask and upscaling, with its own checkpoints and samplers.';
  }

  protected assumed(): Discovery {
    return { models: [], samplers: [], upscalers: [], tools: ['instruct', 'inpaint'], generates: true, references: REFERENCES };
  }

  protected async discover(signal: AbortSignal): Promise<Discovery> {
    const [models, samplers, upscalers] = await Promise.all([
      this.http.json<Array<{ title: string }>>('GET', '/sdapi/v1/sd-models', undefined, signal),
      this.http.json<Array<{ name: string }>>('GET', '/sdapi/v1/samplers', undefined, signal),
      this.http.json<Array<{ name: string }>>('GET', '/sdapi/v1/upscalers', undefined, signal),
    ]);
    const usable = upscalers.map((u) => u.name).filter((n) => n && !RESAMPLER.test(n));
    const chosen = chooseUpscaler(this.engineName, usable, this.settings.upscaler, 'ATELIER_A1111_UPSCALER');
    return {
      models: models.map((m) => m.title),
      samplers: samplers.map((s) => s.name),
      upscalers: usable,
      ...chosen,
      tools: chosen.upscaler ? ['instruct', 'inpaint', 'upscale'] : ['instruct', 'inpaint'],
      generates: true,
      references: REFERENCES,
    };
  }

  protected async request(a: LocalAttempt): Promise<void> {
    const { job, ctx } = a;
    const source = job.source?.data.toString('base64');
    if (job.mode === 'edit' && job.tool === 'upscale') {
      const upscaler = this.found?.upscaler;
      if (!upscaler || !source) throw new EngineJobError('TOOL_UNAVAILABLE', 'Automatic1111 on this server has no upscaler installed.');
      const answer = await this.withInterrupt(a, (signal) =>
        this.http.json<{ image?: unknown }>('POST', '/sdapi/v1/extra-single-image', upscaleBody(job, source, upscaler), signal));
      await a.delivery.image(a.indexFor(0)!, { b64_json: answer.image });
      return;
    }
    if (job.mode === 'edit' && (job.tool === 'removeBackground' || !source)) {
      throw new EngineJobError('TOOL_UNAVAILABLE', 'Automatic1111 cannot remove backgrounds.');
    }
    const [reference] = job.mode === 'generate' ? job.references : [];
    const [path, body] = reference ? ['/sdapi/v1/img2img', referenceBody(a, reference.data.toString('base64'))]
      : job.mode === 'generate' ? ['/sdapi/v1/txt2img', txt2imgBody(a)]
        : ['/sdapi/v1/img2img', img2imgBody(a, source!, job.tool === 'inpaint' ? job.mask?.data.toString('base64') : undefined)];
    const answer = await this.withInterrupt(a, (signal) =>
      followProgress(this.http, ctx, this.settings, () => this.http.json<ImagesAnswer>('POST', path, body, signal)));
    const images = Array.isArray(answer.images) ? answer.images : [];
    // A web UI set to return grids puts the grid first; the set's own images are the last `wanted`.
    const own = images.length > a.wanted ? images.slice(images.length - a.wanted) : images;
    for (const [i, image] of own.entries()) {
      const index = a.indexFor(i);
      if (index !== undefined) await a.delivery.image(index, { b64_json: image });
    }
  }

  /**
   * A cancelled job stops the web UI's work too (it runs one job at a time, and ours is the one running). So does a
   * call that timed out or lost its connection: the web UI goes on without us, and the next attempt would queue
   * behind it while it keeps the GPU.
   */
  private async withInterrupt<T>(a: LocalAttempt, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const interrupt = () => this.http.json('POST', '/sdapi/v1/interrupt', {}, AbortSignal.timeout(10_000)).catch(() => undefined);
    const onAbort = () => void interrupt();
    a.ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await call(a.ctx.signal);
    } catch (err) {
      if (!a.ctx.signal.aborted && err instanceof ProviderCallError && LEFT_RUNNING.has(err.code)) await interrupt();
      throw err;
    } finally {
      a.ctx.signal.removeEventListener('abort', onAbort);
    }
  }
}
