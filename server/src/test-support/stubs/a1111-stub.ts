/**
 * A conformance stub of the Automatic1111 web UI API (also Forge, SD.Next), per ../shared/spec/local-engines.md:
 * txt2img, img2img (with an inpaint mask), extra-single-image, progress, interrupt and the model, sampler and upscaler
 * lists, optional basic auth, 422 for a malformed body. Like the web UI it runs one generation at a time; /progress
 * describes the running one and /interrupt ends it with the images made so far (none here).
 */
import { probeImage, Script, sendJson, StubServer, stubImage, waitOrClose, type StubExchange } from './stub-server.js';

export type A1111Scenario =
  | { kind: 'success'; grid?: boolean }
  | { kind: 'error'; status: 401 | 422 | 500 | 503 }
  /** Image `index` of the set comes back as bytes that are not an image. */
  | { kind: 'garbled'; index: number }
  | { kind: 'slow'; delayMs: number }
  /** Runs until interrupted (then answers with no images) or until the client goes away. */
  | { kind: 'hang' }
  /**
   * Like the web UI: runs on after the client went away, keeping later calls waiting, until interrupted (or, so a
   * client that never interrupts cannot block the stub for good, for `maxMs`).
   */
  | { kind: 'stuck'; maxMs: number }
  /**
   * Runs until the client has read a live preview (current_image) from /progress: it ends at the next read (which the
   * client makes only after handling the one before), or once `until` settles after it, then succeeds.
   */
  | { kind: 'previewing'; until?: Promise<unknown> };

const FIELDS = {
  txt2img: ['prompt', 'negative_prompt', 'seed', 'sampler_name', 'scheduler', 'steps', 'cfg_scale', 'width', 'height', 'batch_size',
    'n_iter', 'override_settings', 'send_images', 'save_images'],
  img2img: ['init_images', 'denoising_strength', 'resize_mode', 'mask', 'mask_blur', 'inpainting_fill', 'inpaint_full_res',
    'inpainting_mask_invert'],
  extras: ['image', 'resize_mode', 'upscaling_resize', 'upscaler_1'],
};

export const A1111_SAMPLERS = ['Euler a', 'Euler', 'DPM++ 2M'];
export const A1111_MODELS = ['sd_xl_base_1.0.safetensors [31e35c80fc]', 'v1-5-pruned-emaonly.safetensors [6ce0161689]'];

/** Listed among the upscalers with no model behind them. */
export const A1111_RESAMPLERS = ['None', 'Lanczos', 'Nearest'];
export const A1111_UPSCALER_MODELS = ['ESRGAN_4x', 'LDSR', 'R-ESRGAN 4x+', 'R-ESRGAN 4x+ Anime6B', 'ScuNET', 'SwinIR_4x'];

class Invalid extends Error {}

export class A1111Stub {
  readonly script = new Script<A1111Scenario>(() => ({ kind: 'success' }));
  /** As a stock web UI lists them: its classic resamplers first, then its upscaler models. */
  upscalers = [...A1111_RESAMPLERS, ...A1111_UPSCALER_MODELS];
  /** The web UI runs one generation at a time: each call waits for the one before. */
  private busy: Promise<void> = Promise.resolve();
  private running: { progress: number; interrupt: () => void; previewed: () => void; shown?: boolean } | undefined;
  /** How many live previews /progress has shown. */
  previewsShown = 0;

  private constructor(readonly server: StubServer, private readonly opts: { auth?: string }) {}

  static async start(opts: { auth?: string } = {}): Promise<A1111Stub> {
    let stub: A1111Stub | undefined;
    const server = await StubServer.start((x, raw) => stub!.handle(x, raw));
    stub = new A1111Stub(server, opts);
    return stub;
  }

  get url(): string {
    return this.server.url;
  }

  get requests() {
    return this.server.requests;
  }

  /** The generation calls (txt2img, img2img, extras), without the progress reads and lists. */
  get jobs() {
    return this.requests.filter((r) => /txt2img|img2img|extra-single-image/.test(r.path));
  }

  isRunning(): boolean {
    return this.running !== undefined;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private async handle(x: StubExchange, raw: Buffer): Promise<void> {
    if (this.opts.auth && x.req.headers.authorization !== `Basic ${Buffer.from(this.opts.auth).toString('base64')}`) {
      return sendJson(x.res, 401, { detail: 'Incorrect username or password' }, { 'www-authenticate': 'Basic' });
    }
    const route = `${x.req.method} ${x.record.path}`;
    switch (route) {
      case 'GET /sdapi/v1/sd-models':
        return sendJson(x.res, 200, A1111_MODELS.map((title) => ({ title, model_name: title.split('.')[0], hash: title.slice(-11, -1), sha256: null, filename: `/models/${title}` })));
      case 'GET /sdapi/v1/samplers':
        return sendJson(x.res, 200, A1111_SAMPLERS.map((name) => ({ name, aliases: [], options: {} })));
      case 'GET /sdapi/v1/upscalers':
        return sendJson(x.res, 200, this.upscalers.map((name) => A1111_RESAMPLERS.includes(name)
          ? { name, model_name: null, model_path: null, model_url: null, scale: 4 }
          : { name, model_name: name.split(' ')[0], model_path: `/models/${name}.pth`, model_url: null, scale: 4 }));
      case 'GET /sdapi/v1/progress':
        return this.progress(x);
      case 'POST /sdapi/v1/interrupt':
        this.running?.interrupt();
        return sendJson(x.res, 200, {});
      case 'POST /sdapi/v1/txt2img':
      case 'POST /sdapi/v1/img2img':
      case 'POST /sdapi/v1/extra-single-image':
        return this.generate(x, raw);
      default:
        return sendJson(x.res, 404, { detail: 'Not Found' });
    }
  }

  /** Like the web UI: the running job's fraction and, unless skip_current_image, its live preview as base64 PNG. */
  private async progress(x: StubExchange): Promise<void> {
    const running = this.running;
    if (running?.shown) running.previewed();
    const wantsImage = new URL(x.req.url ?? '/', 'http://stub').searchParams.get('skip_current_image') !== 'true';
    const image = running && wantsImage ? (await stubImage(96, 64, 3, 'png')).toString('base64') : null;
    if (image) {
      this.previewsShown++;
      running!.shown = true;
    }
    sendJson(x.res, 200, {
      progress: running?.progress ?? 0, eta_relative: 0, textinfo: null, current_image: image,
      state: { job_count: running ? 1 : 0, job_no: 0, sampling_step: 0, sampling_steps: 20, interrupted: false, skipped: false },
    });
  }

  private async generate(x: StubExchange, raw: Buffer): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      x.record.body = body;
      await validate(x.record.path, body, this.upscalers);
    } catch (err) {
      // FastAPI's 422 names the field and, like pydantic, echoes the input: the engine must not keep it.
      return sendJson(x.res, 422, { detail: [{ type: 'value_error', loc: ['body'], msg: (err as Error).message, input: raw.toString('utf8').slice(0, 200) }] });
    }
    const scenario = this.script.next();
    if (scenario.kind === 'error') {
      return sendJson(x.res, scenario.status, scenario.status === 422
        ? { detail: [{ loc: ['body', 'steps'], msg: 'Input should be a valid integer', input: body.prompt }] }
        : { error: 'RuntimeError', detail: '', body: JSON.stringify(body).slice(0, 200), errors: 'CUDA out of memory' });
    }
    const before = this.busy;
    let release = () => {};
    this.busy = new Promise((resolve) => (release = resolve));
    await before;
    let interrupted = false;
    const work = new Promise<void>((resolve) => {
      this.running = {
        progress: 0.5,
        interrupt: () => { interrupted = true; resolve(); },
        previewed: () => scenario.kind === 'previewing' && void (scenario.until ?? Promise.resolve()).then(() => resolve()),
      };
      if (scenario.kind === 'previewing') void x.closed.then(resolve);
      else if (scenario.kind === 'slow') void waitOrClose(scenario.delayMs, x).then(resolve);
      else if (scenario.kind === 'hang') void x.closed.then(resolve);
      else if (scenario.kind === 'stuck') setTimeout(resolve, scenario.maxMs);
      else setTimeout(resolve, 5);
    });
    await work;
    this.running = undefined;
    release();
    if (x.isClosed()) return;
    if (interrupted) return sendJson(x.res, 200, { images: [], parameters: {}, info: '{}' });
    if (x.record.path.endsWith('extra-single-image')) {
      const input = await probeImage(Buffer.from(String(body.image), 'base64'));
      const scale = Number(body.upscaling_resize);
      const out = await stubImage(input!.width * scale, input!.height * scale, 7, 'png');
      return sendJson(x.res, 200, { image: out.toString('base64'), html_info: '<p></p>' });
    }
    const count = Number(body.batch_size ?? 1) * Number(body.n_iter ?? 1);
    const seed = Number(body.seed ?? -1);
    const images: string[] = [];
    for (let i = 0; i < count; i++) {
      const png = await stubImage(Number(body.width ?? 512), Number(body.height ?? 512), seed + i, 'png');
      images.push(scenario.kind === 'garbled' && scenario.index === i ? Buffer.from('not an image').toString('base64') : png.toString('base64'));
    }
    if (scenario.kind === 'success' && scenario.grid && count > 1) images.unshift((await stubImage(64, 64, 0, 'png')).toString('base64'));
    const info = { seed, all_seeds: Array.from({ length: count }, (_, i) => seed + i), infotexts: [] };
    sendJson(x.res, 200, { images, parameters: {}, info: JSON.stringify(info) });
  }
}

async function validate(path: string, body: Record<string, unknown>, upscalers: string[]): Promise<void> {
  const allowed = path.endsWith('txt2img') ? FIELDS.txt2img
    : path.endsWith('img2img') ? [...FIELDS.txt2img, ...FIELDS.img2img] : FIELDS.extras;
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new Invalid(`unknown fields: ${unknown.join(', ')}`);
  if (path.endsWith('extra-single-image')) {
    if (!(await probeImage(Buffer.from(String(body.image ?? ''), 'base64')))) throw new Invalid('image is not a base64 image');
    if (typeof body.upscaler_1 !== 'string' || !upscalers.includes(body.upscaler_1)) throw new Invalid('upscaler_1 must be one of the upscalers');
    return;
  }
  if (typeof body.prompt !== 'string') throw new Invalid('prompt must be a string');
  for (const k of ['width', 'height', 'batch_size', 'n_iter', 'steps', 'seed']) {
    if (body[k] !== undefined && !Number.isInteger(body[k])) throw new Invalid(`${k} must be an integer`);
  }
  if (body.sampler_name !== undefined && !A1111_SAMPLERS.includes(String(body.sampler_name))) throw new Invalid('sampler not found');
  if (path.endsWith('img2img')) {
    const images = body.init_images;
    if (!Array.isArray(images) || images.length === 0) throw new Invalid('init_images is required');
    for (const img of images) if (!(await probeImage(Buffer.from(String(img), 'base64')))) throw new Invalid('init_images must be base64 images');
    if (body.mask !== undefined && !(await probeImage(Buffer.from(String(body.mask), 'base64')))) throw new Invalid('mask must be a base64 image');
  }
}
