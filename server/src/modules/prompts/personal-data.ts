import type { ExportEntry, PersonalData } from '../../lib/personal-data.js';
import type { PromptSnippetRepository } from './repository.js';
import { toSnippetDto } from './service.js';

/** The person's saved prompts and templates: prompt-snippets.json in the export. */
export class PromptSnippetPersonalData implements PersonalData {
  readonly tables = ['prompt_snippets'];
  readonly exported = this.tables;

  constructor(private readonly repo: PromptSnippetRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    yield { path: 'prompt-snippets.json', json: (await this.repo.listForUser(userId, Number.MAX_SAFE_INTEGER)).map(toSnippetDto) };
  }

  eraseFor(userId: string): Promise<void> {
    return this.repo.deleteForUser(userId);
  }
}
