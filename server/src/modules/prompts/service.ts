import { AppError, invalid, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { PromptSnippet, PromptSnippetRepository } from './repository.js';
import { MAX_SNIPPETS, SNIPPET_NAME_MAX, type CreateSnippetBody, type SnippetDto, type UpdateSnippetBody } from './schemas.js';
import { templateVariables } from '@atelier/common/template-variables';

export function toSnippetDto(s: PromptSnippet): SnippetDto {
  return {
    id: s.id, name: s.name, text: s.text, variables: templateVariables(s.text),
    createdAt: new Date(Number(s.created_at)).toISOString(), updatedAt: new Date(Number(s.updated_at)).toISOString(),
  };
}

function cleanName(name: string): string {
  const n = name.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!n) throw invalid('Give the snippet a name.', 'name');
  if (Array.from(n).length > SNIPPET_NAME_MAX) throw invalid(`Snippet names are at most ${SNIPPET_NAME_MAX} characters.`, 'name');
  return n;
}

function cleanText(text: string): string {
  const t = text.normalize('NFC').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (!t) throw invalid('Write the snippet\'s text.', 'text');
  return t;
}

/** A person's saved prompts and templates. Another person's snippet answers 404 like a missing one. */
export class PromptSnippetService {
  constructor(private readonly repo: PromptSnippetRepository, private readonly clock: Clock) {}

  async list(userId: string): Promise<SnippetDto[]> {
    return (await this.repo.listForUser(userId, MAX_SNIPPETS)).map(toSnippetDto);
  }

  async create(userId: string, body: CreateSnippetBody): Promise<SnippetDto> {
    const row: PromptSnippet = { id: newId(), user_id: userId, name: cleanName(body.name), text: cleanText(body.text), created_at: this.clock.now(), updated_at: this.clock.now() };
    if ((await this.repo.countForUser(userId)) >= MAX_SNIPPETS) {
      throw new AppError('INVALID_STATE', `You have ${MAX_SNIPPETS} snippets, the most one account keeps; delete some first.`);
    }
    await this.repo.insert(row);
    return toSnippetDto(row);
  }

  async update(userId: string, id: string, body: UpdateSnippetBody): Promise<SnippetDto> {
    await this.require(userId, id);
    await this.repo.update(userId, id, {
      ...(body.name !== undefined ? { name: cleanName(body.name) } : {}),
      ...(body.text !== undefined ? { text: cleanText(body.text) } : {}),
      updated_at: this.clock.now(),
    });
    return toSnippetDto(await this.require(userId, id));
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.repo.delete(userId, id))) throw notFound('Snippet');
  }

  private async require(userId: string, id: string): Promise<PromptSnippet> {
    const s = await this.repo.findOwned(userId, id);
    if (!s) throw notFound('Snippet');
    return s;
  }
}
