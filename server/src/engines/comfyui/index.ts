import crypto from 'node:crypto';
import type { ComfyUiSettings } from '../engine-config.js';
import { EngineJobError, type EngineReference, type SamplingControl } from '../engine.js';
import type { HealthReporter } from '../health.js';
import { LocalEngine, seedFor, type Discovery, type LocalAttempt } from '../local/engine.js';
import { LocalHttp } from '../local/http.js';
import { ProviderCallError } from '../provider/errors.js';
import { backoffDelay } from '../provider/retry.js';
import type { ProviderRuntime } from '../provider/runtime.js';
import { comfyFailure } from './errors.js';
import { capabilitiesFrom, referenceSlots, type ObjectInfo } from './object-info.js';
import { ComfyWatch } from './progress.js';
import { fillWorkflow, loadWorkflows, type SlotName, type TemplateTool, type Workflows } from './workflows.js';

/**
 * ComfyUI: each job fills the workflow template for its tool, uploads its input images, queues the workflow on
 * /prompt, follows it on the /ws websocket (or /history) and fetches the saved images from /view. Which tools it
 * offers follows from which templates' nodes and models this ComfyUI has (/object_info).
 */
export class ComfyUiEngine extends LocalEngine<ComfyUiSettings> {
  readonly id = 'comfyui';
  protected readonly engineName = 'ComfyUI';
  private readonly http: LocalHttp;
  private readonly workflows: Workflows;

  constructor(settings: ComfyUiSettings, health: HealthReporter, runtime?: ProviderRuntime) {
    super(settings, health, runtime);
    this.workflows = loadWorkflows(settings.workflowsDir);
    this.http = new LocalHttp(settings, this.engineName, (status, body, retryAfter) => comfyFailure(status, body, retryAfter, this.safe));
  }

  private readonly safe = (text: string) => this.http.safe(text);

  protected description(): string {
    return 'Diffusion models on a ComfyUI server, through workflow templates: text to image, image to image, inpainting, ' +
      'upscaling and background removal where its nodes and models allow, with its own checkpoints and samplers.';
  }

  protected assumed(): Discovery {
    const tools = (['instruct', 'inpaint'] as const).filter((t) => this.workflows.defaultFor(t));
    const instruct = this.workflows.defaultFor('instruct');
    return { models: [], samplers: [], upscalers: [], tools, generates: Boolean(this.workflows.defaultFor('generate')), references: referenceSlots(instruct ? [instruct] : []) };
  }

  /** Those the text-to-image workflow has a slot for. */
  protected override controls(): SamplingControl[] {
    const slots = this.workflows.defaultFor('generate')?.slots ?? {};
    return (['negativePrompt', 'steps', 'guidance', 'sampler'] as const).filter((c) => slots[c]);
  }

  protected async discover(signal: AbortSignal): Promise<Discovery> {
    const info = await this.http.json<ObjectInfo>('GET', '/object_info', undefined, signal);
    return capabilitiesFrom(info, this.workflows, this.settings.upscaleModel);
  }

  protected async request(a: LocalAttempt): Promise<void> {
    const { job, ctx } = a;
    // A generation from a reference image runs the image-to-image workflow, the reference in its reference slot.
    const fromReference = job.mode === 'generate' && job.references.length > 0;
    const tool: TemplateTool = fromReference ? 'instruct' : job.mode === 'generate' ? 'generate' : job.tool ?? 'instruct';
    const named = job.sampling?.workflow;
    const template = named ? this.workflows.named(named) : this.workflows.defaultFor(tool);
    if (!template || template.tool !== tool || (tool !== 'generate' && !this.found?.tools.includes(tool)) || (fromReference && !template.slots.reference)) {
      throw new EngineJobError('TOOL_UNAVAILABLE', named ? `ComfyUI on this server has no ${tool} workflow named "${named}".`
        : `ComfyUI on this server has no working ${fromReference ? 'reference' : tool} workflow.`);
    }
    const values = await this.slotValues(a, tool);
    // ComfyUI keeps one socket per client id: each request is its own client, or concurrent jobs would miss events.
    const clientId = crypto.randomUUID();
    const watch = await ComfyWatch.open(this.http, this.settings, clientId, this.safe);
    watch.onPreview = ctx.onPreview && ((preview) => ctx.onPreview!(preview));
    let promptId: string | undefined;
    const onAbort = () => void this.cancel(promptId);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      // Queued without the job's signal: a cancellation while /prompt answers must still learn the id to cancel it.
      const queued = await this.http.json<{ prompt_id?: string }>('POST', '/prompt',
        { prompt: fillWorkflow(template, values), client_id: clientId }, new AbortController().signal);
      promptId = queued.prompt_id;
      if (!promptId) throw new EngineJobError('ENGINE_FAILED', 'ComfyUI accepted the workflow but gave no prompt id.');
      if (ctx.signal.aborted) {
        await this.cancel(promptId);
        throw ctx.signal.reason;
      }
      const entry = await watch.finished(promptId, ctx.signal, (p) => ctx.onProgress(p)).catch(async (err) => {
        if (!ctx.signal.aborted) await this.cancel(promptId);
        throw err;
      });
      const images = entry.outputs?.[template.output]?.images ?? [];
      for (const [i, img] of images.entries()) {
        const index = a.indexFor(i);
        if (index === undefined) continue;
        const query = new URLSearchParams({ filename: img.filename, subfolder: img.subfolder ?? '', type: img.type ?? 'output' });
        await a.delivery.load(index, () => this.view(query, ctx.signal));
      }
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      watch.close();
    }
  }

  /**
   * A saved image, fetched again after a timeout or a dropped connection (with the usual backoff): it is already
   * made, so running the workflow again for it would waste the GPU.
   */
  private async view(query: URLSearchParams, signal: AbortSignal): Promise<Buffer> {
    const retry = this.settings.retry;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.http.bytes(`/view?${query}`, signal);
      } catch (err) {
        if (signal.aborted || !(err instanceof ProviderCallError) || err.kind !== 'retryable' || attempt >= retry.retries) throw err;
        await this.runtime.sleep(backoffDelay(attempt, retry, this.runtime.random), signal);
      }
    }
  }

  /** What goes into the template's slots: the request's values and the uploaded images' names. */
  private async slotValues(a: LocalAttempt, tool: TemplateTool): Promise<Partial<Record<SlotName, unknown>>> {
    const { job } = a;
    const s = job.sampling ?? {};
    const values: Partial<Record<SlotName, unknown>> = {
      prompt: job.mode === 'generate' ? job.prompt : job.instruction ?? '',
      negativePrompt: s.negativePrompt ?? '',
      seed: seedFor(job, a.firstIndex),
      steps: s.steps,
      guidance: s.guidance,
      sampler: s.sampler,
      checkpoint: a.model,
      // The prefix names files on the ComfyUI server: the generation id, never the prompt.
      prefix: `atelier/${job.generationId}`,
    };
    // A set's size and count; an edit keeps its source's size (job.width/height) and is one image.
    if (tool === 'generate' || tool === 'instruct') Object.assign(values, { width: job.width, height: job.height, count: a.wanted });
    if (job.source) values.image = await this.upload(job.source, `${job.generationId}-source`, a.ctx.signal);
    const [reference] = job.mode === 'generate' ? job.references : [];
    if (reference) values.reference = await this.upload(reference, `${job.generationId}-reference`, a.ctx.signal);
    if (tool === 'inpaint' && job.mask) values.mask = await this.upload(job.mask, `${job.generationId}-mask`, a.ctx.signal);
    if (tool === 'upscale' && job.source) {
      Object.assign(values, { upscaleModel: this.found?.upscaler, width: job.source.width * (job.scale ?? 2), height: job.source.height * (job.scale ?? 2) });
    }
    return values;
  }

  /** Puts an input image in ComfyUI's input folder; answers the name a LoadImage node takes. */
  private async upload(image: EngineReference, name: string, signal: AbortSignal): Promise<string> {
    const form = new FormData();
    const ext = image.mime === 'image/jpeg' ? 'jpg' : image.mime === 'image/webp' ? 'webp' : 'png';
    form.append('image', new Blob([new Uint8Array(image.data)], { type: image.mime }), `${name}.${ext}`);
    form.append('type', 'input');
    form.append('subfolder', 'atelier');
    form.append('overwrite', 'true');
    const saved = await this.http.form<{ name: string; subfolder?: string }>('/upload/image', form, signal);
    return saved.subfolder ? `${saved.subfolder}/${saved.name}` : saved.name;
  }

  /** Stops our prompt: out of the queue if it waits there, interrupted if it runs. Best effort. */
  private async cancel(promptId: string | undefined): Promise<void> {
    if (!promptId) return;
    const signal = AbortSignal.timeout(10_000);
    await Promise.all([
      this.http.json('POST', '/queue', { delete: [promptId] }, signal),
      this.http.json('POST', '/interrupt', { prompt_id: promptId }, signal),
    ]).catch(() => undefined);
  }
}
