import { StubServer, type Script, type StubExchange } from './stub-server.js';

/** Thrown while validating a request that the real service would turn down; the stub answers it with its refusal. */
export abstract class StubRefusal {}

/**
 * What a provider's conformance stub shares: a StubServer whose every request is validated as the provider documents
 * it, refused as the provider would, or else answered with the next scenario of the script.
 */
export abstract class ScriptedStub<Scenario, ValidRequest, Refusal extends StubRefusal, Options> {
  /** What each accepted request gets; when the script runs out, the stub's fallback (a plain success). */
  abstract readonly script: Script<Scenario>;

  protected constructor(readonly server: StubServer, protected readonly opts: Options) {}

  /** Starts the HTTP server, then builds the stub that answers on it. */
  protected static async listen<T extends ScriptedStub<unknown, unknown, StubRefusal, unknown>>(make: (server: StubServer) => T): Promise<T> {
    let stub: T | undefined;
    const server = await StubServer.start((x, raw) => stub!.handle(x, raw));
    stub = make(server);
    return stub;
  }

  get requests() {
    return this.server.requests;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Endpoints besides the scripted one (a models list): answers and returns true, or false to go on. */
  protected answerAside(_x: StubExchange): boolean {
    return false;
  }

  protected abstract validate(x: StubExchange, raw: Buffer): Promise<ValidRequest>;
  protected abstract refuse(x: StubExchange, refusal: Refusal): void;
  protected abstract answer(x: StubExchange, req: ValidRequest, scenario: Scenario): Promise<void>;

  private async handle(x: StubExchange, raw: Buffer): Promise<void> {
    if (this.answerAside(x)) return;
    let valid: ValidRequest;
    try {
      valid = await this.validate(x, raw);
    } catch (err) {
      if (!(err instanceof StubRefusal)) throw err;
      return this.refuse(x, err as Refusal);
    }
    await this.answer(x, valid, this.script.next());
  }
}
