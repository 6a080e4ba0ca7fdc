/**
 * A conformance stub of ComfyUI's HTTP and websocket API, per ../shared/spec/local-engines.md: /object_info,
 * /upload/image, /prompt (validating the API-format workflow against its nodes, models and uploads, refusing with
 * `node_errors` as ComfyUI does), /ws events (status, execution_start, progress, executed, execution_success/error/
 * interrupted, and binary preview frames), /history, /view, /interrupt and /queue {delete}; optionally behind a bearer token, optionally
 * without a websocket (clients must then poll /history).
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { probeImage, Script, sendJson, StubServer, stubImage, type StubExchange } from './stub-server.js';

export type ComfyScenario =
  | { kind: 'success' }
  /** POST /prompt answers with this status. */
  | { kind: 'error'; status: 401 | 500 | 503 }
  /** The workflow runs and a node fails. */
  | { kind: 'execution_error'; exceptionType?: string }
  /** Image `index` is saved as bytes that are not an image. */
  | { kind: 'garbled'; index: number }
  /** The first download of image `index` fails with a 503. */
  | { kind: 'flaky_view'; index: number }
  /** Queued, then nothing: no event, no history (a stalled server). */
  | { kind: 'silent' }
  /** Runs until interrupted or deleted from the queue. */
  | { kind: 'hang' }
  /** Runs until `showPreviewAndFinish()`: a binary preview frame on the websocket, then success. */
  | { kind: 'previewing' };

type Node = { class_type: string; inputs: Record<string, unknown> };
type Graph = Record<string, Node>;

export const COMFY_CHECKPOINTS = ['sd_xl_base_1.0.safetensors', 'dreamshaper_8.safetensors'];
export const COMFY_SAMPLERS = ['euler', 'euler_ancestral', 'dpmpp_2m'];
export const CORE_NODES = ['CheckpointLoaderSimple', 'CLIPTextEncode', 'EmptyLatentImage', 'KSampler', 'VAEDecode', 'VAEEncode',
  'VAEEncodeForInpaint', 'SaveImage', 'LoadImage', 'LoadImageMask', 'UpscaleModelLoader', 'ImageUpscaleWithModel', 'ImageScale', 'RepeatLatentBatch'];
export const REMBG_NODE = 'Image Rembg (Remove Background)';
/** The files of its models/upscale_models folder, as UpscaleModelLoader lists them. */
export const COMFY_UPSCALE_MODELS = ['RealESRGAN_x4plus.pth', '4x-UltraSharp.pth'];

export interface ComfyStubOptions {
  token?: string;
  websocket?: boolean;
  nodes?: string[];
  upscaleModels?: string[];
}

interface Run {
  id: string;
  clientId: string;
  graph: Graph;
  stop: (how: 'interrupted' | 'deleted') => void;
  finish: () => void;
}

export class ComfyUiStub {
  readonly script = new Script<ComfyScenario>(() => ({ kind: 'success' }));
  readonly history = new Map<string, unknown>();
  private readonly uploads = new Map<string, Buffer>();
  private readonly saved = new Map<string, Buffer>();
  private readonly flaky = new Set<string>();
  private readonly sockets = new Map<string, WebSocket>();
  private readonly runs = new Map<string, Run>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private counter = 0;
  /** How many binary preview frames the websocket carried. */
  previewsSent = 0;
  websocketConnections = 0;

  private constructor(readonly server: StubServer, private readonly opts: ComfyStubOptions) {
    server.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  static async start(opts: ComfyStubOptions = {}): Promise<ComfyUiStub> {
    let stub: ComfyUiStub | undefined;
    const server = await StubServer.start((x, raw) => stub!.handle(x, raw));
    stub = new ComfyUiStub(server, opts);
    return stub;
  }

  get url(): string {
    return this.server.url;
  }

  get requests() {
    return this.server.requests;
  }

  /** The workflows queued with POST /prompt, in order. */
  get prompts(): Graph[] {
    return this.requests.filter((r) => r.path === '/prompt' && r.status === 200).map((r) => r.body.prompt as Graph);
  }

  isRunning(): boolean {
    return this.runs.size > 0;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets.values()) ws.terminate();
    this.wss.close();
    await this.server.close();
  }

  private authorized(headers: http.IncomingHttpHeaders): boolean {
    return !this.opts.token || headers.authorization === `Bearer ${this.opts.token}`;
  }

  private upgrade(req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://stub');
    if (this.opts.websocket === false || url.pathname !== '/ws' || !this.authorized(req.headers)) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const clientId = url.searchParams.get('clientId') ?? crypto.randomUUID();
      this.sockets.set(clientId, ws);
      this.websocketConnections++;
      ws.on('close', () => this.sockets.get(clientId) === ws && this.sockets.delete(clientId));
      ws.send(JSON.stringify({ type: 'status', data: { status: { exec_info: { queue_remaining: this.runs.size } }, sid: clientId } }));
    });
  }

  private send(clientId: string, type: string, data: Record<string, unknown>): void {
    this.sockets.get(clientId)?.send(JSON.stringify({ type, data }));
  }

  private async handle(x: StubExchange, raw: Buffer): Promise<void> {
    if (!this.authorized(x.req.headers)) return sendJson(x.res, 401, { error: 'Unauthorized' });
    const route = `${x.req.method} ${x.record.path}`;
    const query = new URL(x.req.url ?? '/', 'http://stub').searchParams;
    if (route === 'GET /object_info') return sendJson(x.res, 200, this.objectInfo());
    if (route === 'GET /system_stats') return sendJson(x.res, 200, { system: { comfyui_version: '0.3.60' }, devices: [{ name: 'stub', type: 'cpu', vram_total: 0, vram_free: 0 }] });
    if (route === 'POST /upload/image') return this.upload(x, raw);
    if (route === 'POST /prompt') return this.prompt(x, raw);
    if (route === 'POST /interrupt' || route === 'POST /queue') {
      const body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      x.record.body = body;
      const ids = route === 'POST /queue' ? (body.delete as string[] | undefined) ?? [] : [String(body.prompt_id ?? [...this.runs.keys()][0])];
      for (const id of ids) this.runs.get(id)?.stop(route === 'POST /queue' ? 'deleted' : 'interrupted');
      return sendJson(x.res, 200, {});
    }
    if (x.req.method === 'GET' && x.record.path.startsWith('/history/')) {
      const id = decodeURIComponent(x.record.path.slice('/history/'.length));
      return sendJson(x.res, 200, this.history.has(id) ? { [id]: this.history.get(id) } : {});
    }
    if (route === 'GET /view') {
      const key = `${query.get('subfolder') ?? ''}/${query.get('filename')}`;
      if (this.flaky.delete(key)) return sendJson(x.res, 503, { error: 'busy' });
      const file = this.saved.get(key);
      if (!file || query.get('type') !== 'output') return sendJson(x.res, 404, { error: 'not found' });
      x.res.writeHead(200, { 'content-type': 'image/png', 'content-length': file.length }).end(file);
      return;
    }
    sendJson(x.res, 404, { error: 'Not Found' });
  }

  private objectInfo(): Record<string, unknown> {
    const nodes = this.opts.nodes ?? CORE_NODES;
    const lists: Record<string, Record<string, unknown[]>> = {
      CheckpointLoaderSimple: { ckpt_name: [COMFY_CHECKPOINTS] },
      KSampler: { sampler_name: [COMFY_SAMPLERS], seed: ['INT', { min: 0 }] },
      UpscaleModelLoader: { model_name: [this.opts.upscaleModels ?? COMFY_UPSCALE_MODELS] },
      LoadImage: { image: [[...this.uploads.keys()], { image_upload: true }] },
    };
    return Object.fromEntries(nodes.map((n) => [n, { input: { required: lists[n] ?? {} }, output: [], name: n, category: 'stub' }]));
  }

  private async upload(x: StubExchange, raw: Buffer): Promise<void> {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': String(x.req.headers['content-type']) } }).formData();
    const file = form.get('image');
    x.record.body = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
    if (!(file instanceof Blob) || form.get('type') !== 'input') return sendJson(x.res, 400, { error: 'image and type=input are required' });
    const data = Buffer.from(await file.arrayBuffer());
    x.record.files.push({ field: 'image', name: (file as File).name, type: file.type, bytes: data.length });
    const subfolder = String(form.get('subfolder') ?? '');
    const name = (file as File).name;
    this.uploads.set(subfolder ? `${subfolder}/${name}` : name, data);
    sendJson(x.res, 200, { name, subfolder, type: 'input' });
  }

  private async prompt(x: StubExchange, raw: Buffer): Promise<void> {
    const body = JSON.parse(raw.toString('utf8')) as { prompt?: Graph; client_id?: string };
    x.record.body = body as Record<string, unknown>;
    const graph = body.prompt;
    if (!graph || typeof graph !== 'object') {
      return sendJson(x.res, 400, { error: { type: 'no_prompt', message: 'No prompt provided', details: '', extra_info: {} }, node_errors: {} });
    }
    const nodeErrors = this.validate(graph);
    if (Object.keys(nodeErrors).length > 0) {
      return sendJson(x.res, 400, {
        error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} },
        node_errors: nodeErrors,
      });
    }
    const scenario = this.script.next();
    if (scenario.kind === 'error') return sendJson(x.res, scenario.status, { error: 'stub failure' });
    const id = crypto.randomUUID();
    sendJson(x.res, 200, { prompt_id: id, number: this.counter++, node_errors: {} });
    void this.execute(id, body.client_id ?? '', graph, scenario);
  }

  private validate(graph: Graph): Record<string, unknown> {
    const errors: Record<string, unknown> = {};
    const info = this.objectInfo();
    const bad = (id: string, node: Node, type: string, message: string, input: string) => {
      errors[id] = { class_type: node.class_type, dependent_outputs: [], errors: [{ type, message, details: `${input}: ${JSON.stringify(node.inputs[input])}`, extra_info: { input_name: input, received_value: node.inputs[input] } }] };
    };
    for (const [id, node] of Object.entries(graph)) {
      if (!info[node.class_type]) {
        errors[id] = { class_type: node.class_type, errors: [{ type: 'missing_node_type', message: `Node ${node.class_type} not found`, details: '' }] };
        continue;
      }
      for (const [input, value] of Object.entries(node.inputs)) {
        if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && !graph[value[0]]) bad(id, node, 'bad_linked_input', 'Bad linked input', input);
      }
      const mustBeIn = (input: string, list: string[]) => !list.includes(String(node.inputs[input])) && bad(id, node, 'value_not_in_list', 'Value not in list', input);
      if (node.class_type === 'CheckpointLoaderSimple') mustBeIn('ckpt_name', COMFY_CHECKPOINTS);
      if (node.class_type === 'KSampler') mustBeIn('sampler_name', COMFY_SAMPLERS);
      if (node.class_type === 'UpscaleModelLoader') mustBeIn('model_name', this.opts.upscaleModels ?? COMFY_UPSCALE_MODELS);
      if (node.class_type === 'LoadImage' || node.class_type === 'LoadImageMask') mustBeIn('image', [...this.uploads.keys()]);
    }
    return errors;
  }

  /**
   * Sends the running prompts' clients a live preview of the sampler as a binary frame (event 1 = preview, format 1 =
   * JPEG, then the image), then lets those prompts finish.
   */
  async showPreviewAndFinish(): Promise<void> {
    const header = Buffer.alloc(8);
    header.writeUInt32BE(1, 0);
    header.writeUInt32BE(1, 4);
    const frame = Buffer.concat([header, await stubImage(64, 64, 5, 'jpeg')]);
    for (const run of [...this.runs.values()]) {
      this.sockets.get(run.clientId)?.send(frame, { binary: true });
      this.previewsSent++;
      run.finish();
    }
  }

  private async execute(id: string, clientId: string, graph: Graph, scenario: ComfyScenario): Promise<void> {
    if (scenario.kind === 'silent') return;
    const ended = new Promise<'interrupted' | 'deleted' | 'done'>((resolve) => {
      this.runs.set(id, { id, clientId, graph, stop: resolve, finish: () => resolve('done') });
      if (scenario.kind !== 'hang' && scenario.kind !== 'previewing') setTimeout(() => resolve('done'), 5);
    });
    this.send(clientId, 'execution_start', { prompt_id: id, timestamp: Date.now() });
    this.send(clientId, 'progress', { value: 1, max: 3, prompt_id: id, node: '3' });
    const how = await ended;
    this.runs.delete(id);
    if (how !== 'done') {
      const data = { prompt_id: id, node_id: '3', node_type: 'KSampler', executed: [] };
      this.history.set(id, { prompt: [], outputs: {}, status: { status_str: 'error', completed: false, messages: [['execution_interrupted', data]] } });
      this.send(clientId, 'execution_interrupted', data);
      return;
    }
    if (scenario.kind === 'execution_error') {
      const data = { prompt_id: id, node_id: '3', node_type: 'KSampler', exception_type: scenario.exceptionType ?? 'RuntimeError',
        exception_message: 'mat1 and mat2 shapes cannot be multiplied', traceback: [], current_inputs: {}, current_outputs: [] };
      this.history.set(id, { prompt: [], outputs: {}, status: { status_str: 'error', completed: false, messages: [['execution_error', data]] } });
      this.send(clientId, 'execution_error', data);
      return;
    }
    const outputs: Record<string, { images: unknown[] }> = {};
    for (const [nodeId, node] of Object.entries(graph)) {
      if (node.class_type !== 'SaveImage') continue;
      const images = await this.save(graph, node, scenario);
      outputs[nodeId] = { images };
      this.send(clientId, 'executed', { node: nodeId, display_node: nodeId, output: { images }, prompt_id: id });
    }
    this.history.set(id, { prompt: [this.counter, id, graph, {}, Object.keys(outputs)], outputs, status: { status_str: 'success', completed: true, messages: [] } });
    this.send(clientId, 'execution_success', { prompt_id: id, timestamp: Date.now() });
    this.send(clientId, 'executing', { node: null, prompt_id: id });
  }

  /** The images a SaveImage node writes: their size and number follow the graph, their colour the seed. */
  private async save(graph: Graph, node: Node, scenario: ComfyScenario) {
    const of = (cls: string) => Object.values(graph).find((n) => n.class_type === cls)?.inputs;
    const latent = of('EmptyLatentImage');
    const scaled = of('ImageScale');
    const loaded = of('LoadImage');
    const source = loaded ? await probeImage(this.uploads.get(String(loaded.image))!) : undefined;
    const width = Number(scaled?.width ?? latent?.width ?? source?.width);
    const height = Number(scaled?.height ?? latent?.height ?? source?.height);
    const count = Number(latent?.batch_size ?? of('RepeatLatentBatch')?.amount ?? 1);
    const seed = Number(of('KSampler')?.seed ?? 7);
    const prefix = String(node.inputs.filename_prefix);
    const subfolder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const base = prefix.slice(prefix.lastIndexOf('/') + 1);
    const images = [];
    for (let i = 0; i < count; i++) {
      const filename = `${base}_${String(this.counter * 100 + i).padStart(5, '0')}_.png`;
      const bytes = scenario.kind === 'garbled' && scenario.index === i ? Buffer.from('not a png') : await stubImage(width, height, seed + i, 'png');
      this.saved.set(`${subfolder}/${filename}`, bytes);
      if (scenario.kind === 'flaky_view' && scenario.index === i) this.flaky.add(`${subfolder}/${filename}`);
      images.push({ filename, subfolder, type: 'output' });
    }
    return images;
  }
}
