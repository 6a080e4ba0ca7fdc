/**
 * A conformance stub of the part of Stripe's API that Atelier calls (https://docs.stripe.com/api): bearer-key
 * authentication, form-encoded bodies with bracketed keys, the documented objects and error shape. It checks each
 * request's required parameters as Stripe does, records every request, and keeps the customers and subscriptions
 * it knows so that cancelling one twice fails as it would at Stripe.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StripeStubRequest {
  method: string;
  path: string;
  params: Record<string, string>;
}

const rid = (prefix: string) => `${prefix}_test_${crypto.randomBytes(8).toString('hex')}`;

export class StripeStub {
  readonly requests: StripeStubRequest[] = [];
  readonly customers = new Map<string, { email: string; deleted: boolean }>();
  readonly subscriptions = new Map<string, { customer: string; status: string }>();

  private constructor(private readonly server: http.Server, private readonly apiKey: string) {}

  static async start(apiKey: string): Promise<StripeStub> {
    const server = http.createServer();
    const stub = new StripeStub(server, apiKey);
    server.on('request', (req, res) => void stub.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return stub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A subscription as Stripe would have made it once a Checkout Session completed (`incomplete` while a payment is pending). */
  addSubscription(customer: string, status = 'active'): string {
    const id = rid('sub');
    this.subscriptions.set(id, { customer, status });
    return id;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? '').split('?')[0]!;
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    this.requests.push({ method: req.method ?? '', path, params });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': rid('req') });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, message: string, param?: string) =>
      send(status, { error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } });
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    const missing = (names: string[]) => names.find((n) => !params[n]);
    const route = `${req.method} ${path.replace(/\/(cus|sub)_test_[0-9a-f]+$/, '/:id')}`;
    const id = path.split('/').pop()!;
    switch (route) {
      case 'POST /v1/customers': {
        const customer = rid('cus');
        this.customers.set(customer, { email: params.email ?? '', deleted: false });
        return send(200, { id: customer, object: 'customer', email: params.email ?? null, metadata: metadataOf(params) });
      }
      case 'POST /v1/checkout/sessions': {
        const lack = missing(['mode', 'line_items[0][price]', 'success_url']);
        if (lack) return fail(400, `Missing required param: ${lack}.`, lack);
        if (!['payment', 'subscription', 'setup'].includes(params.mode!)) return fail(400, `Invalid mode: ${params.mode}`, 'mode');
        if (params.customer && !this.customers.get(params.customer)) return fail(400, `No such customer: '${params.customer}'`, 'customer');
        const session = rid('cs');
        return send(200, {
          id: session, object: 'checkout.session', mode: params.mode, customer: params.customer ?? null, status: 'open',
          client_reference_id: params.client_reference_id ?? null, metadata: metadataOf(params), url: `https://checkout.stripe.com/c/pay/${session}`,
        });
      }
      case 'POST /v1/billing_portal/sessions': {
        if (!params.customer || !this.customers.has(params.customer)) return fail(400, `No such customer: '${params.customer}'`, 'customer');
        const session = rid('bps');
        return send(200, { id: session, object: 'billing_portal.session', customer: params.customer, url: `https://billing.stripe.com/p/session/${session}` });
      }
      case 'GET /v1/subscriptions/:id': {
        const sub = this.subscriptions.get(id);
        if (!sub) return fail(404, `No such subscription: '${id}'`, 'id');
        return send(200, { id, object: 'subscription', customer: sub.customer, status: sub.status });
      }
      case 'DELETE /v1/subscriptions/:id': {
        const sub = this.subscriptions.get(id);
        if (!sub) return fail(404, `No such subscription: '${id}'`, 'id');
        if (sub.status === 'canceled') return fail(400, 'This subscription has already been canceled.');
        sub.status = 'canceled';
        return send(200, { id, object: 'subscription', customer: sub.customer, status: 'canceled' });
      }
      case 'DELETE /v1/customers/:id': {
        const customer = this.customers.get(id);
        if (!customer || customer.deleted) return fail(404, `No such customer: '${id}'`, 'id');
        customer.deleted = true;
        for (const sub of this.subscriptions.values()) if (sub.customer === id) sub.status = 'canceled';
        return send(200, { id, object: 'customer', deleted: true });
      }
      default:
        return fail(404, `Unrecognized request URL (${req.method}: ${path}).`);
    }
  }
}

function metadataOf(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v]));
}
