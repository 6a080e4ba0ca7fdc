import { ApiError, csrfToken, type ApiErrorBody } from './client';
import type { Asset } from './types';

export type UploadProgress = (loaded: number, total: number) => void;

function errorFrom(xhr: XMLHttpRequest): ApiError {
  const retry = Number(xhr.getResponseHeader('retry-after')) || undefined;
  try {
    const body = JSON.parse(xhr.responseText) as Partial<ApiErrorBody>;
    if (body.error?.code) return new ApiError(xhr.status, body.error.code, body.error.message, body.error.details, retry);
  } catch {
    // not JSON
  }
  if (xhr.status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', '');
  return new ApiError(xhr.status, xhr.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', '', undefined, retry);
}

/**
 * Uploads one image (POST /api/v1/assets, multipart field "file"), reporting progress. XMLHttpRequest rather
 * than fetch because fetch cannot report upload progress.
 */
export function uploadAsset(file: Blob, fileName: string, onProgress?: UploadProgress, signal?: AbortSignal): Promise<Asset> {
  return upload('/api/v1/assets', file, fileName, onProgress, signal);
}

/** Uploads a painted inpainting mask (POST /api/v1/assets/masks): the person's, but kept out of the gallery. */
export function uploadMask(mask: Blob): Promise<Asset> {
  return upload('/api/v1/assets/masks', mask, 'mask.png');
}

function upload(url: string, file: Blob, fileName: string, onProgress?: UploadProgress, signal?: AbortSignal): Promise<Asset> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded, e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as Asset);
        } catch {
          reject(new ApiError(xhr.status, 'INTERNAL', ''));
        }
      } else reject(errorFrom(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', ''));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.send(form);
  });
}
