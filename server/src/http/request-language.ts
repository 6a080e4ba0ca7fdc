import type { FastifyRequest } from 'fastify';
import { languageFromHeader, type Language } from '../lib/language.js';

/** The language the request's Accept-Language header asks for first among those Atelier speaks. */
export const headerLanguage = (request: FastifyRequest): Language => languageFromHeader(request.headers['accept-language']);

/** The language to answer a request in: the signed-in person's choice, otherwise what the browser asks for. */
export const requestLanguage = (request: FastifyRequest): Language => request.auth?.user.language ?? headerLanguage(request);
