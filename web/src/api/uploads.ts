import { ApiError, apiErrorOf, csrfToken, type Answer } from './client';

type UploadedAsset = Answer<'/api/v1/assets', 'post'>;

export type UploadProgress = (loaded: number, total: number) => void;

function errorFrom(xhr: XMLHttpRequest): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    // not JSON
  }
  const error = apiErrorOf(xhr.status, body, xhr.getResponseHeader('retry-after'));
  return error.code === 'HTTP_ERROR' && xhr.status === 413 ? new ApiError(413, 'PAYLOAD_TOO_LARGE', '') : error;
}

/**
 * Uploads one image (POST /api/v1/assets, multipart field "file"), reporting progress. XMLHttpRequest rather
 * than fetch because fetch cannot report upload progress.
 */
export function uploadAsset(file: Blob, fileName: string, onProgress?: UploadProgress, signal?: AbortSignal): Promise<UploadedAsset> {
  return upload('/api/v1/assets', file, fileName, onProgress, signal);
}

/** Uploads a painted inpainting mask (POST /api/v1/assets/masks): the person's, but kept out of the gallery. */
export function uploadMask(mask: Blob): Promise<UploadedAsset> {
  return upload('/api/v1/assets/masks', mask, 'mask.png');
}

function upload(url: string, file: Blob, fileName: string, onProgress?: UploadProgress, signal?: AbortSignal): Promise<UploadedAsset> {
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
          resolve(JSON.parse(xhr.responseText) as UploadedAsset);
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
